import { join } from "node:path";
import { loadSynthOutput, renderJson, renderMarkdown, reviewChanges, type Review } from "../../src/review";
import { PRICES } from "../../src/review/cost/prices";
import { exampleConfig, readStack, synthConfig, tempDir, workload } from "./support/scenario";

/**
 * The cost section against a hand computation for the example config: every count below is taken
 * from the synthesized JSON with a plain filter, every price from prices.ts, and the arithmetic is
 * written out step by step; only the result is compared with what the review says.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const work = tempDir("ai-logs-review-cost-");
const baseOutdir = synthConfig(exampleConfig(), join(work, "base"));
const hinted = exampleConfig();
// 2 GB of vLLM logs a day, three models served, in each environment chat-inference runs in.
workload(hinted, "chat-inference").expectedUsage = { logGbPerDay: 2, dimensionValues: { Model: 3 } };
const hintedOutdir = synthConfig(hinted, join(work, "hinted"));

const review: Review = reviewChanges({ base: loadSynthOutput(baseOutdir, "--base"), head: loadSynthOutput(hintedOutdir, "--head") });
const stackCost = (stack: string) => review.cost.stacks.find((s) => s.stack === stack)!;
const resources = (stack: string): Json => readStack(baseOutdir, stack).resource as Json;
const values = (stack: string, type: string): Json[] => Object.values(resources(stack)[type] ?? {});

/** Metric filters' distinct metrics: namespace, name and dimension names. */
function distinctMetrics(stack: string): { key: string; dimensions: string[] }[] {
  const seen = new Map<string, string[]>();
  for (const f of values(stack, "aws_cloudwatch_log_metric_filter")) {
    const t = f.metric_transformation;
    const dimensions = Object.keys(t.dimensions ?? {}).sort();
    seen.set(`${t.namespace}/${t.name}/${dimensions.join(",")}`, dimensions);
  }
  return [...seen].map(([key, dimensions]) => ({ key, dimensions }));
}

/** Alarm metrics: 1 per plain alarm, 1 per metric of a metric-math alarm, 3 per metric of an anomaly band. */
function alarmCounts(stack: string): { plain: number; anomaly: number; math: number; alarmMetrics: number } {
  const alarms = values(stack, "aws_cloudwatch_metric_alarm");
  const anomaly = alarms.filter((a) => a.threshold_metric_id !== undefined);
  const math = alarms.filter((a) => a.threshold_metric_id === undefined && a.metric_query !== undefined);
  const plain = alarms.filter((a) => a.metric_query === undefined);
  const metricsIn = (a: Json) => (a.metric_query as Json[]).filter((q) => q.metric !== undefined).length;
  const alarmMetrics = plain.length + anomaly.reduce((n, a) => n + 3 * metricsIn(a), 0) + math.reduce((n, a) => n + metricsIn(a), 0);
  return { plain: plain.length, anomaly: anomaly.length, math: math.length, alarmMetrics };
}

function dashboardMetricRows(stack: string): number {
  const body = JSON.parse(values(stack, "aws_cloudwatch_dashboard")[0].dashboard_body) as Json;
  return (body.widgets as Json[]).filter((w) => w.type === "metric").reduce((n, w) => n + (w.properties.metrics?.length ?? 0), 0);
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

describe("cost of the example config, by hand", () => {
  test("monitoring-prod, no volume hints: metrics, alarms, composites, the dashboard and the key", () => {
    const metrics = distinctMetrics("monitoring-prod");
    // `Model` (llm-inference, llm-app) and training-hosts' `Host` × `XidCode` are declared nowhere: those
    // metrics are "per value", not in the total. `ModelId` (bedrock: one model in bedrock.modelIds) and
    // `Table` (the custom signal's alarm names one table) have values config names: one each.
    const perModel = metrics.filter((m) => m.dimensions.includes("Model"));
    const perHostAndCode = metrics.filter((m) => m.dimensions.includes("Host") && m.dimensions.includes("XidCode"));
    const counted = metrics.length - perModel.length - perHostAndCode.length;
    // agent-spans (llm-app on aws/spans) adds 6 metrics and 3 per model; its legacy-token filters publish
    // into the same InputTokens/OutputTokens. bedrock's cache-read/-write tokens add 4, reranker's
    // model-load-failed and request-latency 2, chat-inference's gpu-errors and queued-requests 2,
    // llama-finetune's training signals 5, and training-hosts (gpu-host) 25: 23 kernel and driver
    // signals (xid-codes publishes undimensioned from one format and by Host × XidCode from another).
    expect([metrics.length, perModel.length, perHostAndCode.length, counted]).toEqual([92, 10, 1, 81]);

    const alarms = alarmCounts("monitoring-prod");
    // 67 plain (support-assistant's latency is a fixed p99 alarm in the example; training-hosts' 28: its
    // log signals and 4 on the agent's and Logs' own metrics; a heartbeat for 7 more workloads, feature-pipeline
    // having none; bedrock's log-delivery failures) + 26 anomaly bands × 3 + 5 ratios × 2 metrics
    // + 2 archive-delivery sums (10 subscribed log groups, 5 per alarm, 2 metrics each)
    // = 67 + 78 + 10 + 20 = 175 alarm metrics.
    expect(alarms).toEqual({ plain: 67, anomaly: 26, math: 7, alarmMetrics: 175 });
    const composites = values("monitoring-prod", "aws_cloudwatch_composite_alarm").length;
    expect(composites).toBe(9);
    // The dashboard draws more than 50 metrics: outside the free tier.
    expect(dashboardMetricRows("monitoring-prod")).toBeGreaterThan(PRICES.freeDashboardMetrics);
    const keys = values("monitoring-prod", "aws_kms_key").length;

    const steps = [
      counted * PRICES.customMetric.usd, //          81 × $0.30 = $24.30
      alarms.alarmMetrics * PRICES.standardAlarmMetric.usd, // 175 × $0.10 = $17.50
      composites * PRICES.compositeAlarm.usd, //      9 × $0.50 = $4.50
      1 * PRICES.dashboard.usd, //                    1 × $3.00 = $3.00
      keys * PRICES.kmsKey.usd, //                    1 × $1.00 = $1.00
    ];
    const total = cents(steps.reduce((a, b) => a + b, 0)); // $50.30
    expect(total).toBe(50.3);
    expect(stackCost("monitoring-prod").before!.monthlyUsd).toBe(total);
    expect(stackCost("monitoring-prod").before!.unknown.join("\n")).toContain("10 custom metrics per Model value");
    expect(stackCost("monitoring-prod").before!.unknown.join("\n")).toContain("1 custom metric per Host × XidCode value");
  });

  test("monitoring-staging: its dashboard is in the account's free tier", () => {
    const counted = distinctMetrics("monitoring-staging").filter((m) => !m.dimensions.includes("Model")).length;
    const alarms = alarmCounts("monitoring-staging");
    expect(dashboardMetricRows("monitoring-staging")).toBeLessThanOrEqual(PRICES.freeDashboardMetrics);
    const composites = values("monitoring-staging", "aws_cloudwatch_composite_alarm").length;
    // bedrock's cache-read/-write tokens add 4 metrics and 2 anomaly alarms (6 alarm metrics):
    // 66 alarm metrics of the workloads + 1 archive-delivery sum over its 4 log groups × 2 metrics = 74.
    // chat-inference's gpu-errors (plain) and queued-requests (band, 3 alarm metrics) add 2 metrics and 4 alarm metrics:
    // 4 heartbeats and bedrock's log-delivery failures add 5 alarm metrics:
    // 32 × $0.30 + 83 × $0.10 + 4 × $0.50 + 0 dashboards + 1 key × $1.00 = 9.60 + 8.30 + 2.00 + 1.00 = $20.90
    expect([counted, alarms.alarmMetrics, composites]).toEqual([32, 83, 4]);
    const total = cents(counted * PRICES.customMetric.usd + alarms.alarmMetrics * PRICES.standardAlarmMetric.usd + composites * PRICES.compositeAlarm.usd + PRICES.kmsKey.usd);
    expect(total).toBe(20.9);
    expect(stackCost("monitoring-staging").before!.monthlyUsd).toBe(total);
  });

  test("the whole example: every stack before the change, and the total", () => {
    // search group: 1 metric, 2 alarms (errors, heartbeat), 1 health alarm, 1 key = 0.30 + 0.20 + 0.50 + 1.00 = $2.00
    const search = cents(PRICES.customMetric.usd + 2 * PRICES.standardAlarmMetric.usd + PRICES.compositeAlarm.usd + PRICES.kmsKey.usd);
    // log-archive and the two state stacks: one KMS key each; the archive's volume is unknown without hints.
    // log-archive also has its 3 delivery alarms: 1.00 + 3 × 0.10 = $1.30.
    const expected: Record<string, number> = {
      "log-archive": cents(PRICES.kmsKey.usd + 3 * PRICES.standardAlarmMetric.usd),
      "monitoring-prod": 50.3,
      "monitoring-prod-search": search,
      "monitoring-staging": 20.9,
      "state-acme-ai-tfstate-prod": PRICES.kmsKey.usd,
      "state-acme-ai-tfstate-staging": PRICES.kmsKey.usd,
    };
    expect(Object.fromEntries(review.cost.stacks.map((s) => [s.stack, s.before!.monthlyUsd]))).toEqual(expected);
    expect(review.cost.beforeUsd).toBe(cents(Object.values(expected).reduce((a, b) => a + b, 0))); // $76.50
    expect(review.cost.beforeUsd).toBe(76.5);
  });

  test("with chat-inference's hints: per-model metrics, Logs ingestion, storage and data protection, and the archive", () => {
    const days = 730 / 24; // AWS bills 730 hours a month
    const gbPerMonth = 2 * days; // 60.83 GB
    // monitoring-prod: 4 chat-inference metrics by Model × 3 models = 12 more metrics.
    const perModel = distinctMetrics("monitoring-prod").filter((m) => m.key.startsWith("AI_Monitoring/chat-inference/") && m.dimensions.includes("Model")).length;
    expect(perModel).toBe(4);
    const prodAdded = [
      perModel * 3 * PRICES.customMetric.usd, //               12 × $0.30 = $3.60
      gbPerMonth * PRICES.logsIngestionStandard.usd, //    60.83 × $0.50 = $30.42
      2 * 30 * PRICES.logsStorage.usd, //          2 GB × 30 days × $0.03 = $1.80 (retention 30 days)
      gbPerMonth * PRICES.dataProtection.usd, //           60.83 × $0.12 = $7.30 (chat-inference has a data protection policy)
    ];
    expect(stackCost("monitoring-prod").after!.monthlyUsd).toBe(cents(50.3 + prodAdded.reduce((a, b) => a + b, 0))); // $93.42
    expect(stackCost("monitoring-prod").deltaUsd).toBe(cents(prodAdded.reduce((a, b) => a + b, 0)));

    // log-archive: prod's subscription and staging's account-level policy deliver 2 + 2 GB a day.
    // Lifecycle: 30 days STANDARD, 60 days STANDARD_IA, then GLACIER_IR until day 731.
    const archived = 4 * days; // 121.67 GB a month
    const archive = [
      PRICES.kmsKey.usd, //                                             $1.00
      3 * PRICES.standardAlarmMetric.usd, //  3 delivery alarms × $0.10 = $0.30
      archived * PRICES.firehoseIngestion.usd, //         121.67 × $0.029 = $3.53
      archived * PRICES.firehoseDynamicPartitioning.usd, // 121.67 × $0.02 = $2.43
      4 * 30 * PRICES.s3Standard.usd, //                   120 × $0.023 = $2.76
      4 * 60 * PRICES.s3StandardIa.usd, //                240 × $0.0125 = $3.00
      4 * (731 - 90) * PRICES.s3GlacierInstantRetrieval.usd, // 2,564 × $0.004 = $10.26
    ];
    expect(stackCost("log-archive").after!.monthlyUsd).toBe(cents(archive.reduce((a, b) => a + b, 0))); // $23.28
    expect(stackCost("log-archive").after!.monthlyUsd).toBe(23.28);
  });

  test("the report shows the table, what is unknown and where the prices come from; the JSON carries the same numbers", () => {
    const md = renderMarkdown(review);
    expect(md).toContain("### Cost per month (estimate)");
    expect(md).toContain("| `monitoring-prod` | $50.30 | $93.42 | +$43.12 |");
    expect(md).toContain("| **Total** | **$76.50** |");
    expect(md).toContain("Not in the totals (unknown):");
    expect(md).toContain(`Prices: ${PRICES.region} list prices as of ${PRICES.date}`);
    expect(md.indexOf("### Cost per month")).toBeLessThan(md.indexOf("### Changes by stack"));
    const json = JSON.parse(renderJson(review)) as Review;
    expect(json.formatVersion).toBe(1);
    expect(json.cost.afterUsd).toBe(review.cost.afterUsd);
    expect(json.cost.prices).toEqual({ date: PRICES.date, region: PRICES.region, currency: "USD", file: "src/review/cost/prices.ts" });
  });
});
