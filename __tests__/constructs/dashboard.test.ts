import { Testing } from "cdktf";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { loadConfigFile } from "../../src/config/load";
import { alarmArns, dashboardBody, dashboardPages, LAYOUT, type DashboardWidget } from "../../src/constructs/dashboard-body";
import { EnvironmentDashboard } from "../../src/constructs/environment-dashboard";
import { buildModel } from "../../src/model/build-model";
import type { EnvironmentModel } from "../../src/model/types";
import { resolveKind } from "../../src/model/monitoring";
import { validateInsightsQuery } from "../../src/signals/insights-query";
import { EXAMPLE_CONFIG } from "../support/synth";

const config = loadConfigFile(EXAMPLE_CONFIG);
const model = buildModel(config, EXAMPLE_CONFIG);
/** The fields a workload's lines carry, under the names its config gives them (`workloads[].fields`). */
const queryFieldsOf = (name: string) => resolveKind(config.workloads.find((w) => w.name === name)!).content.queryFields;
const withDelivery = (name: string): EnvironmentModel => model.environments.find((e) => e.name === name)!;
/** The workloads' bands, without the archive-delivery band (tested on its own below). */
const env = (name: string): EnvironmentModel => ({ ...withDelivery(name), deliveryAlarms: [], archiveAlarmNames: [] });

const overlaps = (a: DashboardWidget, b: DashboardWidget) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Index pairs of overlapping widgets; collected first, because one expect per pair of a 500-widget page takes minutes. */
const overlappingPairs = (widgets: readonly DashboardWidget[]): [number, number][] => {
  const pairs: [number, number][] = [];
  for (let i = 0; i < widgets.length; i++) for (let j = i + 1; j < widgets.length; j++) if (overlaps(widgets[i], widgets[j])) pairs.push([i, j]);
  return pairs;
};

describe.each(["staging", "prod"])("the %s dashboard", (name) => {
  const environment = env(name);
  const body = dashboardBody(environment);
  const widgets = body.widgets;

  it("is JSON that survives a round trip", () => {
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it("places every widget inside the 24-column grid, with no two overlapping", () => {
    for (const w of widgets) {
      expect(Number.isInteger(w.x) && Number.isInteger(w.y)).toBe(true);
      expect(w.x).toBeGreaterThanOrEqual(0);
      expect(w.width).toBeGreaterThanOrEqual(1);
      expect(w.height).toBeGreaterThanOrEqual(1);
      expect(w.x + w.width).toBeLessThanOrEqual(24);
    }
    expect(overlappingPairs(widgets)).toEqual([]);
  });

  it("gives each workload its own band of rows: a full-width title, its graphs, then alarms and logs side by side", () => {
    const titles = widgets.filter((w) => w.type === "text");
    expect(titles.map((t) => (t.properties.markdown as string).split("\n")[0])).toEqual(environment.workloads.map((w) => `## ${w.name}`));
    titles.forEach((title, i) => {
      expect(title).toMatchObject({ x: 0, width: 24, height: LAYOUT.titleHeight });
      const end = titles[i + 1]?.y ?? Infinity;
      const band = widgets.filter((w) => w.y >= title.y && w.y < end);
      const [alarms, logs] = [band.find((w) => w.type === "alarm")!, band.find((w) => w.type === "log")!];
      expect(alarms.y).toBe(logs.y);
      expect(alarms.x + alarms.width).toBe(logs.x);
      expect(logs.x + logs.width).toBe(24);
      for (const g of band.filter((w) => w.type === "metric")) expect(g.y + g.height).toBeLessThanOrEqual(alarms.y);
      // Bands are contiguous: the next title starts where this band ends.
      if (titles[i + 1]) expect(alarms.y + alarms.height).toBe(end);
    });
  });

  it("shows the status of every alarm of each workload, health included", () => {
    for (const w of environment.workloads) {
      const widget = widgets.find((x) => x.type === "alarm" && x.properties.title === `${w.name}: alarms`)!;
      const expected = [w.health!.name, ...w.signals.flatMap((s) => (s.alarm ? [s.alarm.name] : [])), ...w.alarms.map((a) => a.alarm.name)].map((n) => `arn:aws:cloudwatch:us-east-1:${environment.accountId}:alarm:${n}`);
      expect((widget.properties.alarms as string[]).sort()).toEqual(expected.sort());
    }
  });

  it("runs each kind's top-errors query on the workload's log group in its Logs Insights widget", () => {
    for (const w of environment.workloads) {
      const query = widgets.find((x) => x.type === "log" && x.properties.title === `${w.name}: top errors`)!.properties.query as string;
      expect(query.startsWith(`SOURCE '${w.logGroup.name}' | `)).toBe(true);
      expect(validateInsightsQuery(query, queryFieldsOf(w.name))).toEqual([]);
    }
  });

  it("reads each graph in the region of the environment", () => {
    for (const w of widgets.filter((x) => x.type === "metric" || x.type === "log")) expect(w.properties.region).toBe("us-east-1");
  });
});

describe("graphs of one workload", () => {
  const prod = env("prod");
  const graphs = (workload: string) => {
    const body = dashboardBody({ ...prod, workloads: prod.workloads.filter((w) => w.name === workload) });
    return body.widgets.filter((w) => w.type === "metric");
  };

  it("draw the reranker's 7 signals and its 4 alarms without filters in rows of 4", () => {
    const g = graphs("reranker");
    expect(g.map((w) => w.properties.title)).toEqual([
      "invocations", "invocation-errors", "worker-died", "model-load-failed", "cuda-oom", "request-latency", "backend-latency",
      "error-rate", "heartbeat", "invocation-5xx-alltraffic", "model-latency-alltraffic",
    ]);
    // Below the 2-row title, 6 x 6 graphs four to a row.
    expect(g.map((w) => [w.x, w.y])).toEqual([[0, 2], [6, 2], [12, 2], [18, 2], [0, 8], [6, 8], [12, 8], [18, 8], [0, 14], [6, 14], [12, 14]]);
    expect(g[9].properties.metrics).toEqual([["AWS/SageMaker", "Invocation5XXErrors", "EndpointName", "acme-reranker-prod", "VariantName", "AllTraffic", { stat: "Sum" }]]);
  });

  it("draw a per-model signal as a SEARCH over its dimension instead of its undimensioned total", () => {
    const g = graphs("support-assistant");
    expect(g.map((w) => w.properties.title)).not.toContain("input-tokens");
    const byModel = g.find((w) => w.properties.title === "input-tokens-by-model")!;
    expect(byModel.properties.metrics).toEqual([[{ expression: `SEARCH('{"AI_Monitoring/support-assistant",Model} MetricName="InputTokens"', 'Sum', 300)`, id: "e1", label: "" }]]);
  });

  it("draw a ratio as the metric math its alarm evaluates", () => {
    const ratio = graphs("support-assistant").find((w) => w.properties.title === "error-rate")!;
    expect(ratio.properties.metrics).toEqual([
      ["AI_Monitoring/support-assistant", "ModelCallErrors", { id: "num", stat: "Sum", visible: false }],
      ["AI_Monitoring/support-assistant", "ModelCalls", { id: "den", stat: "Sum", visible: false }],
      [{ expression: "100 * FILL(num, 0) / den", id: "ratio", label: "error-rate" }],
    ]);
  });
});

describe("EnvironmentDashboard", () => {
  it("synthesizes the body as the dashboard's JSON, named after project and environment", () => {
    const out = Testing.synthScope((scope) => new EnvironmentDashboard(scope, "d", { environment: env("staging") }));
    expect(out).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "acme-ai-staging-ai-workloads", dashboard_body: JSON.stringify(dashboardBody(env("staging"))) });
  });

  it("says so when an environment has no workloads", () => {
    expect(dashboardBody({ ...env("staging"), workloads: [] }).widgets).toEqual([{ type: "text", x: 0, y: 0, width: 24, height: 2, properties: { markdown: "No workloads in staging." } }]);
  });

  it("computes alarm ARNs from the environment's partition, region and account", () => {
    const w = env("prod").workloads[0];
    expect(alarmArns(env("prod"), w)[0]).toBe(`arn:aws:cloudwatch:us-east-1:222222222222:alarm:${w.health!.name}`);
  });
});

describe("an environment too large for one dashboard", () => {
  // 200 copies of prod's workloads: far more than the 500 widgets one dashboard body may hold.
  const prod = env("prod");
  const big: EnvironmentModel = {
    ...prod,
    workloads: Array.from({ length: 200 }, (_, i) => prod.workloads.map((w) => ({ ...w, name: `${w.name}-${i}` }))).flat(),
  };
  const pages = dashboardPages(big);
  const titles = (widgets: DashboardWidget[]) => widgets.filter((w) => w.type === "text").map((w) => String(w.properties.markdown).split("\n")[0]);

  it("splits into pages of at most 500 widgets, each workload on exactly one page", () => {
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.widgets.length).toBeLessThanOrEqual(500);
    expect(pages.flatMap((p) => titles(p.widgets))).toEqual(big.workloads.map((w) => `## ${w.name}`));
  });

  it("lays each page out from the top without overlaps", () => {
    for (const page of pages) {
      expect(Math.min(...page.widgets.map((w) => w.y))).toBe(0);
      expect(overlappingPairs(page.widgets)).toEqual([]);
    }
  });

  it("keeps a small environment on one page equal to the single body", () => {
    expect(dashboardPages(prod)).toEqual([dashboardBody(prod)]);
  });

  it("synthesizes one dashboard per page; the first keeps its name and address", () => {
    const out = JSON.parse(Testing.synthScope((scope) => { new EnvironmentDashboard(scope, "d", { environment: big }); }));
    const dashboards = out.resource.aws_cloudwatch_dashboard as Record<string, { dashboard_name: string }>;
    expect(Object.keys(dashboards).sort()).toEqual(["ai_workloads", ...pages.slice(1).map((_, i) => `ai_workloads_page_${i + 2}`)].sort());
    expect(dashboards.ai_workloads.dashboard_name).toBe(prod.dashboardName);
    expect(dashboards.ai_workloads_page_2.dashboard_name).toBe(`${prod.dashboardName}-page-2`);
  });
});

describe("the archive delivery band", () => {
  it("comes first on the first page: the environment's delivery alarms, and the archive's own in the archive's environment", () => {
    const prod = withDelivery("prod");
    const [title, status, next] = dashboardBody(prod).widgets;
    expect(title).toMatchObject({ type: "text", x: 0, y: 0, width: 24, properties: { markdown: expect.stringMatching(/^## Log archive delivery/) } });
    expect(status).toMatchObject({ type: "alarm", x: 0, y: LAYOUT.titleHeight, width: 24 });
    const arn = (n: string) => `arn:aws:cloudwatch:us-east-1:222222222222:alarm:${n}`;
    expect(status.properties.alarms).toEqual(
      ["acme-ai-prod-archive-subscription-delivery-1", "acme-ai-prod-archive-subscription-delivery-2", "acme-ai-archive-delivery-to-s3", "acme-ai-archive-data-freshness", "acme-ai-archive-nothing-arriving"].map(arn),
    );
    // The workloads follow, below it.
    expect(next).toMatchObject({ type: "text", y: LAYOUT.titleHeight + LAYOUT.statusHeight, properties: { markdown: expect.stringMatching(/^## ai-monitoring/) } });
    // Staging delivers (account policy) but the archive lives in prod: only its own alarm.
    expect(dashboardBody(withDelivery("staging")).widgets[1].properties.alarms).toEqual(["arn:aws:cloudwatch:us-east-1:111111111111:alarm:acme-ai-staging-archive-subscription-delivery-1"]);
  });
});
