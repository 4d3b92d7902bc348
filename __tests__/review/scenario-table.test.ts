import { join } from "node:path";
import { loadSynthOutput, reviewChanges, type Review } from "../../src/review";
import { editStack, environment, exampleConfig, synthConfig, tempDir, workload, type ConfigDoc } from "./support/scenario";

/**
 * Pull-request scenarios as a table, reviewed from the synth diff of the example config (base) and a
 * changed copy (head). Each lists EXACTLY the risks it must raise (`code severity stack address`):
 * anything else it raises is a risk it must not raise. Checks on the wording follow per scenario.
 */

const work = tempDir("ai-logs-review-table-");
const baseOutdir = synthConfig(exampleConfig(), join(work, "base"));
const PROD = "monitoring-prod";
const OTHER_KEY = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const RAW_TERRAFORM = /\b(moved|removed|import) \{/;

interface Scenario {
  readonly name: string;
  readonly change: (c: ConfigDoc) => void;
  /** Edits the synthesized head: what a construct change would synthesize. */
  readonly edit?: (outdir: string) => void;
  readonly risks: readonly string[];
  readonly check?: (review: Review) => void;
}

const risk = (review: Review, code: string, address?: string) => review.risks.find((r) => r.code === code && (address === undefined || r.address === address))!;
const text = (review: Review, code: string) => {
  const r = risk(review, code);
  return [r.title, r.summary, ...r.details].join("\n");
};

const SCENARIOS: readonly Scenario[] = [
  {
    name: "rename a workload",
    change: (c) => (workload(c, "feature-pipeline").name = "batch-features"),
    risks: [`RV001 high ${PROD} aws_cloudwatch_log_group.feature_pipeline`],
    check: (review) => {
      const story = text(review, "RV001");
      expect(story).toContain("Workload `feature-pipeline` (generic) is renamed to `batch-features`");
      expect(story).toContain("3 alarms deleted and created again under new names");
      expect(story).toContain("archive subscription is recreated");
      expect(story).toContain("no longer lets CloudWatch Logs decrypt it");
      expect(story).toContain("keep `name: feature-pipeline`");
      expect(story).not.toMatch(RAW_TERRAFORM);
    },
  },
  {
    name: "rename a workload and add another in the same change",
    change: (c) => {
      workload(c, "feature-pipeline").name = "batch-features";
      c.workloads.push({ name: "batch-scoring", kind: "generic", environments: ["prod"] });
    },
    risks: [`RV001 high ${PROD} aws_cloudwatch_log_group.feature_pipeline`],
    check: (review) => expect(text(review, "RV001")).toContain("renamed to `batch-features`"),
  },
  {
    name: "rename one workload and remove another in the same change",
    change: (c) => {
      workload(c, "feature-pipeline").name = "batch-features";
      c.workloads = c.workloads.filter((w: ConfigDoc) => w.name !== "llama-finetune");
    },
    risks: [`RV001 high ${PROD} aws_cloudwatch_log_group.feature_pipeline`, `RV001 high ${PROD} aws_cloudwatch_log_group.llama_finetune`],
    check: (review) => {
      expect(risk(review, "RV001", "aws_cloudwatch_log_group.feature_pipeline").summary).toContain("renamed to `batch-features`");
      expect(risk(review, "RV001", "aws_cloudwatch_log_group.llama_finetune").title).toBe("Workload removed: log group and alarms go");
    },
  },
  {
    name: "rename an llm-inference workload (many signals, two environments)",
    change: (c) => (workload(c, "chat-inference").name = "chat-serving"),
    risks: [`RV001 high ${PROD} aws_cloudwatch_log_group.chat_inference`, "RV001 high monitoring-staging aws_cloudwatch_log_group.chat_inference"],
    check: (review) => {
      const story = risk(review, "RV001", "aws_cloudwatch_log_group.chat_inference");
      expect(story.summary).toContain("renamed to `chat-serving`");
      expect(story.details.join("\n")).toContain("15 alarms deleted and created again");
      expect(story.details.join("\n")).toContain("24 metric filters");
      expect(story.details.join("\n")).toContain("1 log anomaly detector");
      // Everything the rename recreates is told inside the one story.
      expect(story.covers!.filter((k) => k.includes("aws_cloudwatch_metric_alarm.chat_inference_")).length).toBe(14);
    },
  },
  {
    name: "remove a workload",
    change: (c) => (c.workloads = c.workloads.filter((w: ConfigDoc) => w.name !== "feature-pipeline")),
    risks: [`RV001 high ${PROD} aws_cloudwatch_log_group.feature_pipeline`],
    check: (review) => {
      const story = text(review, "RV001");
      expect(story).toContain("leaves the configuration");
      expect(story).toContain("keep `feature-pipeline` in `workloads` until they have expired (retention: 90 days)");
      expect(story).toContain("Its archive subscription is deleted");
    },
  },
  {
    name: "cut a retention",
    change: (c) => (workload(c, "feature-pipeline").logGroup.retentionDays = 14),
    risks: [`RV002 high ${PROD} aws_cloudwatch_log_group.feature_pipeline`],
  },
  {
    name: "turn allowDestroy on",
    change: (c) => (environment(c, "prod").allowDestroy = true),
    risks: [`RV012 high ${PROD} aws_cloudwatch_log_group.ai_monitoring`],
    check: (review) => {
      const story = text(review, "RV012");
      expect(story).toContain("10 log groups, 3 KMS keys, 1 S3 bucket in `monitoring-prod`, `monitoring-prod-search`, `state-acme-ai-tfstate-prod` lose their destroy protection");
      expect(story).toContain("`monitoring-prod`: `/acme-ai/prod/feature-pipeline` loses `prevent_destroy` and `skip_destroy`");
    },
  },
  {
    name: "remove the on-call e-mail from the critical target",
    change: (c) => (environment(c, "prod").notifications.critical.emails = []),
    risks: [`RV006 medium ${PROD} aws_sns_topic_subscription.alerts_critical_email_ml_oncall_example_com`],
    check: (review) => {
      const story = text(review, "RV006");
      // 38 critical alarms of prod's workloads (chat-inference's gpu-errors, llama-finetune's 4 new training
      // signals and training-hosts' 10 drain-the-node hardware alarms among them) + the archive's 2 critical delivery alarms (log-archive notifies prod's critical topic
      // by ARN) + 2 health alarms that notify critical.
      expect(story).toContain("42 alarms (40 critical, 2 health) no longer notify ml-oncall@example.com (email); they still notify https://events.pagerduty.com/integration/example-key/enqueue (https)");
      expect(risk(review, "RV006").covers).toContain("log-archive aws_cloudwatch_metric_alarm.archive_delivery_to_s3");
      // The search group's alarm notifies the critical topic by ARN, from another stack: it is in the story.
      expect(risk(review, "RV006").covers).toContain("monitoring-prod-search aws_cloudwatch_metric_alarm.rag_retriever_errors");
    },
  },
  {
    name: "remove the warning target",
    change: (c) => delete environment(c, "prod").notifications.warning,
    risks: [`RV011 medium ${PROD} aws_sns_topic.alerts_warning`],
    check: (review) => {
      const story = text(review, "RV011");
      expect(story).toMatch(/\d+ warning alarms are re-routed: they notified ml-platform@example\.com \(email\); now ml-oncall@example\.com \(email\), https:/);
      expect(story).toContain("SNS topic `acme-ai-prod-alerts-warning` is deleted");
    },
  },
  {
    name: "move an alarm to another severity",
    change: (c) => (workload(c, "feature-pipeline").signals.errors.severity = "critical"),
    risks: [`RV011 medium ${PROD} aws_cloudwatch_metric_alarm.feature_pipeline_errors`],
    check: (review) => expect(text(review, "RV011")).toContain("`acme-ai-prod-feature-pipeline-errors` moves from warning to critical"),
  },
  {
    name: "disable an alarm's actions",
    change: () => undefined,
    edit: (outdir) => editStack(outdir, PROD, (r) => (r.aws_cloudwatch_metric_alarm.feature_pipeline_errors.actions_enabled = false)),
    risks: [`RV006 high ${PROD} aws_cloudwatch_metric_alarm.feature_pipeline_errors`],
    check: (review) => expect(text(review, "RV006")).toContain("will go into ALARM without notifying anyone (before: ml-platform@example.com (email))"),
  },
  {
    name: "raise a threshold",
    change: (c) => (workload(c, "feature-pipeline").signals.errors.threshold = 50),
    risks: [`RV007 medium ${PROD} aws_cloudwatch_metric_alarm.feature_pipeline_errors`],
    check: (review) => expect(text(review, "RV007")).toContain("fires later (less sensitive): threshold 20 → 50"),
  },
  {
    name: "disable a signal",
    change: (c) => (workload(c, "feature-pipeline").signals.errors.enabled = false),
    risks: [`RV005 medium ${PROD} aws_cloudwatch_metric_alarm.feature_pipeline_errors`],
    check: (review) => expect(text(review, "RV005")).toContain("its metric filter `acme-ai-prod-feature-pipeline-errors` is deleted too"),
  },
  {
    name: "take a workload out of the archive",
    change: (c) => (workload(c, "feature-pipeline").archive = { enabled: false }),
    risks: [`RV009 medium ${PROD} aws_cloudwatch_log_subscription_filter.feature_pipeline_archive`],
    check: (review) => expect(text(review, "RV009")).toContain("events of `/acme-ai/prod/feature-pipeline` stop reaching the archive"),
  },
  {
    name: "change a log group's KMS key",
    change: (c) => (workload(c, "feature-pipeline").logGroup.kmsKeyArn = OTHER_KEY),
    risks: [`RV003 high ${PROD} aws_cloudwatch_log_group.feature_pipeline`],
    check: (review) => {
      const story = text(review, "RV003");
      expect(story).toContain("removes the log group from `aws_kms_key.monitoring_key`'s policy");
      expect(story).toContain("become unreadable");
    },
  },
  {
    name: "reorder the workloads",
    change: (c) => c.workloads.reverse(),
    risks: [],
    // The key policy lists log groups in config order: a real (harmless) change.
    check: (review) => expect(review.changes.map((c) => c.address)).toContain("aws_kms_key.monitoring_key"),
  },
  {
    name: "change a tag value",
    change: (c) => (workload(c, "ai-monitoring").tags.team = "ml-infra"),
    risks: [],
    check: (review) => expect(review.changes.length).toBeGreaterThan(1),
  },
];

describe("review scenarios: the risks each change must raise, and nothing else", () => {
  test.each(SCENARIOS.map((s, i) => [s.name, i] as const))("%s", (_name, i) => {
    const s = SCENARIOS[i];
    const config = exampleConfig();
    s.change(config);
    const headOutdir = synthConfig(config, join(work, `head-${i}`));
    s.edit?.(headOutdir);
    const review = reviewChanges({ base: loadSynthOutput(baseOutdir, "--base"), head: loadSynthOutput(headOutdir, "--head") });
    expect(review.risks.map((r) => `${r.code} ${r.severity} ${r.stack} ${r.address}`).sort()).toEqual([...s.risks].sort());
    for (const r of review.risks) expect([r.summary, ...r.details].join("\n")).not.toMatch(RAW_TERRAFORM);
    s.check?.(review);
  });
});
