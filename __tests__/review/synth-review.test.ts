import { join } from "node:path";
import { loadSynthOutput, renderMarkdown, renderMermaid, reviewChanges, type Review } from "../../src/review";
import { editStack, exampleConfig, readStack, runCli, synthConfig, tempDir, workload, writeJson, type ConfigDoc } from "./support/scenario";

/**
 * Reviews from two real synthesized outputs (no Terraform): the example config as the base, a
 * mutated copy (or an edited synthesized stack) as the head.
 */

const work = tempDir("ai-logs-review-synth-");
const baseOutdir = synthConfig(exampleConfig(), join(work, "base"));
let counter = 0;

function reviewOf(change: (c: ConfigDoc) => void, edit?: (outdir: string) => void): { review: Review; headOutdir: string } {
  const config = exampleConfig();
  change(config);
  const headOutdir = synthConfig(config, join(work, `head-${++counter}`));
  edit?.(headOutdir);
  return { review: reviewChanges({ base: loadSynthOutput(baseOutdir, "--base"), head: loadSynthOutput(headOutdir, "--head") }), headOutdir };
}

const codes = (review: Review) => review.risks.map((r) => `${r.code} ${r.severity} ${r.stack} ${r.address}`);

describe("review from synthesized outputs", () => {
  test("no change: no risk, every stack unchanged, exit 0", async () => {
    const run = await runCli(work, "review", "--base", baseOutdir, "--head", baseOutdir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## ai-logs review: no risks found\n/);
    expect(run.stdout).not.toContain("### Risks");
    const stacks = [...loadSynthOutput(baseOutdir, "--base").stacks.keys()];
    expect(run.stdout).toContain(`No changes: ${stacks.map((s) => `\`${s}\``).join(", ")}.`);
  });

  test("a workload moved to another stack group without movedFrom: destroyed in one stack, created in the other", () => {
    const { review } = reviewOf((c) => (workload(c, "feature-pipeline").group = "search"));
    // One story: the workload, not its log group, filters and alarms one by one.
    expect(codes(review)).toEqual(["RV001 high monitoring-prod aws_cloudwatch_log_group.feature_pipeline"]);
    const risk = review.risks[0];
    expect(risk.title).toBe("Workload moved to another stack without movedFrom");
    expect(risk.summary).toContain("moves from stack `monitoring-prod` to `monitoring-prod-search`");
    expect(risk.details.join("\n")).toContain("3 alarms deleted here and created again in `monitoring-prod-search` under the same names");
    // Advice in config terms, not Terraform blocks the config cannot express.
    expect(risk.details.join("\n")).toContain("Set `movedFrom: default` on the workload");
    expect(risk.details.join("\n")).not.toMatch(/\b(import|removed|moved) \{/);
    expect(review.moves).toContainEqual(expect.objectContaining({ kind: "moved", from: expect.objectContaining({ stack: "monitoring-prod" }), to: expect.objectContaining({ stack: "monitoring-prod-search" }) }));
  });

  test("the same move with movedFrom: forgotten and imported, a state move with no log-group risk", () => {
    const { review } = reviewOf((c) => Object.assign(workload(c, "feature-pipeline"), { group: "search", movedFrom: "default" }));
    expect(review.moves).toContainEqual(expect.objectContaining({ kind: "state-moved", type: "aws_cloudwatch_log_group" }));
    expect(review.risks.filter((r) => ["RV001", "RV010"].includes(r.code))).toEqual([]);
    const search = review.stacks.find((s) => s.stack === "monitoring-prod-search")!;
    expect(search.byType.aws_cloudwatch_log_group.import).toBe(1);
    expect(renderMarkdown(review)).toContain("moves with its state (forgotten there, imported here)");
  });

  test("a log group forgotten by a removed block and imported nowhere is no longer managed (RV010)", () => {
    const { review } = reviewOf(
      () => undefined,
      (outdir) => {
        const file = join(outdir, "stacks", "monitoring-prod", "cdk.tf.json");
        const stack = readStack(outdir, "monitoring-prod") as { resource: Record<string, Record<string, unknown>>; removed?: unknown[] };
        delete stack.resource.aws_cloudwatch_log_group.feature_pipeline;
        stack.removed = [{ from: "aws_cloudwatch_log_group.feature_pipeline", lifecycle: { destroy: false } }];
        writeJson(file, stack);
      },
    );
    expect(codes(review)).toContain("RV010 medium monitoring-prod aws_cloudwatch_log_group.feature_pipeline");
    expect(review.risks.filter((r) => r.code === "RV001")).toEqual([]);
  });

  test("a KMS key that must be replaced: its log groups' kms_key_id changes after apply (RV003 for key and groups)", () => {
    const { review } = reviewOf(
      () => undefined,
      (outdir) => editStack(outdir, "monitoring-prod", (r) => (r.aws_kms_key.monitoring_key.customer_master_key_spec = "SYMMETRIC_DEFAULT")),
    );
    const key = review.changes.find((c) => c.stack === "monitoring-prod" && c.address === "aws_kms_key.monitoring_key")!;
    expect(key.action).toBe("replace");
    const group = review.changes.find((c) => c.stack === "monitoring-prod" && c.address === "aws_cloudwatch_log_group.feature_pipeline")!;
    expect(group).toMatchObject({ action: "update", changed: ["kms_key_id"] });
    const keyRisk = review.risks.find((r) => r.code === "RV003" && r.address === "aws_kms_key.monitoring_key")!;
    expect(keyRisk.title).toBe("KMS key replaced");
    expect(keyRisk.summary).toContain("`/acme-ai/prod/feature-pipeline`");
    expect(keyRisk.details.join()).toContain("Instance cannot be destroyed");
  });

  test("a raised threshold fires later (RV007), and a lifecycle change to the state bucket is flagged (RV004)", () => {
    const { review } = reviewOf(
      (c) => (workload(c, "feature-pipeline").signals.errors.threshold = 50),
      (outdir) =>
        editStack(outdir, "state-acme-ai-tfstate-prod", (r) => {
          r.aws_s3_bucket_lifecycle_configuration.state.rule[0].noncurrent_version_expiration[0].noncurrent_days = 7;
        }),
    );
    const threshold = review.risks.find((r) => r.code === "RV007")!;
    expect(threshold.address).toBe("aws_cloudwatch_metric_alarm.feature_pipeline_errors");
    expect(threshold.summary).toContain("fires later (less sensitive): threshold 20 → 50 (GreaterThanThreshold)");
    expect(codes(review)).toContain("RV004 medium state-acme-ai-tfstate-prod aws_s3_bucket_lifecycle_configuration.state");
    expect(review.risks.find((r) => r.code === "RV004")!.title).toBe("State bucket touched");
  });

  test("a removed archive subscription stops the log group's delivery (RV009), and the flow shows the subscription", () => {
    const { review } = reviewOf(
      () => undefined,
      (outdir) => editStack(outdir, "monitoring-prod", (r) => delete r.aws_cloudwatch_log_subscription_filter.feature_pipeline_archive),
    );
    expect(codes(review)).toContain("RV009 medium monitoring-prod aws_cloudwatch_log_subscription_filter.feature_pipeline_archive");
    const flow = review.flows.find((f) => f.stack === "monitoring-prod")!;
    const subscription = flow.nodes.find((n) => n.id === "aws_cloudwatch_log_subscription_filter.feature_pipeline_archive")!;
    expect(subscription).toMatchObject({ kind: "subscription", action: "delete" });
    expect(flow.edges).toContainEqual({ from: "aws_cloudwatch_log_group.feature_pipeline", to: subscription.id, status: "removed" });
    const mermaid = renderMermaid(flow);
    expect(mermaid).toMatch(/^flowchart LR\n/);
    expect(mermaid).toContain("subscription filter · destroyed");
    expect(mermaid).toMatch(/n\d+ -\.->\|removed\| n\d+/);
  });

  test("the Markdown puts risks first, then the per-stack summary, the flow and the details", () => {
    const { review } = reviewOf((c) => (workload(c, "feature-pipeline").logGroup.retentionDays = 14));
    const md = renderMarkdown(review);
    const order = ["### Risks", "### Changes by stack", "### Affected flow", "```mermaid", "### Details"].map((h) => md.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain("| `aws_cloudwatch_log_group` |  | 1 |  |  |");
    expect(md).toContain("- `~ aws_cloudwatch_log_group.feature_pipeline` (`/acme-ai/prod/feature-pipeline`): update in place\n  - `retention_in_days`: `90` → `14`");
  });
});
