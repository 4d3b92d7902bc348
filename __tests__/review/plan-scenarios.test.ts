import { join } from "node:path";
import { loadSynthOutput, reviewChanges, type PlanInput, type Review } from "../../src/review";
import { presetFor } from "../../src/signals";
import { testMetricFilter } from "../../src/patterns";
import type { TerraformPlanJson } from "../../src/terraform/plan-json";
import type { TerraformStateV4 } from "../../src/terraform/prior-state";
import {
  describeWithTerraform,
  editStack,
  environment,
  exampleConfig,
  plannedActions,
  runCli,
  StackPlanner,
  synthConfig,
  tempDir,
  workload,
  writeJson,
  type ConfigDoc,
} from "./support/scenario";

/**
 * Pull-request scenarios reviewed from real plans: the base (config/example.yaml) is planned once,
 * its planned values become a state, and each head is planned against that state with
 * `terraform plan -refresh=false` (real provider, real diff, no network). One plan per scenario.
 */

const STACK = "monitoring-prod";
const MINUTES = 60_000;

describeWithTerraform("review of real plans (monitoring-prod)", () => {
  const work = tempDir("ai-logs-review-plans-");
  const planner = new StackPlanner(work, STACK);
  let baseOutdir: string;
  let state: TerraformStateV4;

  beforeAll(() => {
    baseOutdir = synthConfig(exampleConfig(), join(work, "base"));
    state = planner.priorStateOf(baseOutdir).state;
  }, 3 * MINUTES);

  interface Scenario {
    headOutdir: string;
    plan?: TerraformPlanJson;
    error?: string;
    planFile?: string;
    review?: Review;
  }

  /** Synthesizes the head, plans it against the base state, reviews the plan (with both synths). */
  function scenario(name: string, change: (c: ConfigDoc) => void, edit?: (outdir: string) => void): Scenario {
    const config = exampleConfig();
    change(config);
    const headOutdir = synthConfig(config, join(work, name));
    edit?.(headOutdir);
    const { plan, error } = planner.planHead(headOutdir, state);
    if (!plan) return { headOutdir, error };
    const planFile = writeJson(join(work, `${name}.plan.json`), plan);
    const input: PlanInput = { file: planFile, stack: STACK, plan };
    const review = reviewChanges({ base: loadSynthOutput(baseOutdir, "--base"), head: loadSynthOutput(headOutdir, "--head"), plans: [input] });
    return { headOutdir, plan, planFile, review };
  }

  const risksOf = (review: Review | undefined) => (review?.risks ?? []).map((r) => `${r.code} ${r.severity} ${r.address}`);

  describe("shorten retention", () => {
    let s: Scenario;
    beforeAll(() => {
      s = scenario("retention", (c) => (workload(c, "feature-pipeline").logGroup.retentionDays = 14));
    }, 2 * MINUTES);

    it("plans exactly one in-place update: the log group's retention (the prior state matches the base everywhere else)", () => {
      expect(plannedActions(s.plan!)).toEqual({ "aws_cloudwatch_log_group.feature_pipeline": "update" });
      expect(s.review!.changes.map((c) => [c.address, c.changed])).toEqual([["aws_cloudwatch_log_group.feature_pipeline", ["retention_in_days"]]]);
    });

    it("reports RV002 as a high risk naming both retentions, and the CLI exits 1", async () => {
      expect(risksOf(s.review)).toEqual(["RV002 high aws_cloudwatch_log_group.feature_pipeline"]);
      expect(s.review!.risks[0].summary).toContain("14 days instead of 90 days");
      const run = await runCli(work, "review", "--head", s.headOutdir, "--plan", s.planFile!);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^## ai-logs review: 1 risk \(1 high\)/);
      expect(run.stdout).toContain(`plan \`${s.planFile}\` (stack \`${STACK}\`)`);
      expect(run.stderr).toContain("1 risk found");
    });
  });

  describe("drop an alarm action", () => {
    let s: Scenario;
    beforeAll(() => {
      // What a regression in the alarm construct would synthesize: the alarm keeps no action.
      s = scenario(
        "alarm-action",
        () => undefined,
        (outdir) =>
          editStack(outdir, STACK, (r) => {
            const alarm = r.aws_cloudwatch_metric_alarm.ai_monitoring_errors;
            alarm.alarm_actions = [];
            delete alarm.ok_actions;
          }),
      );
    }, 2 * MINUTES);

    it("plans one alarm update", () => {
      expect(plannedActions(s.plan!)).toEqual({ "aws_cloudwatch_metric_alarm.ai_monitoring_errors": "update" });
    });

    it("reports RV006 high: the alarm notifies no one, naming the topic it loses and who it paged", () => {
      expect(risksOf(s.review)).toEqual(["RV006 high aws_cloudwatch_metric_alarm.ai_monitoring_errors"]);
      const risk = s.review!.risks[0];
      expect(risk.summary).toBe(
        "`acme-ai-prod-ai-monitoring-errors` will go into ALARM without notifying anyone (before: ml-oncall@example.com (email), https://events.pagerduty.com/integration/example-key/enqueue (https)).",
      );
      expect(risk.details.slice(0, 2)).toEqual(["`alarm_actions` loses `acme-ai-prod-alerts-critical`", "`ok_actions` loses `acme-ai-prod-alerts-critical`"]);
    });

    it("draws the lost alarm -> topic edge as removed in the flow", () => {
      const flow = s.review!.flows.find((f) => f.stack === STACK)!;
      expect(flow.edges).toContainEqual({ from: "aws_cloudwatch_metric_alarm.ai_monitoring_errors", to: "aws_sns_topic.alerts_critical", status: "removed" });
    });
  });

  describe("change a filter pattern", () => {
    const NEW_PRESET_PATTERN = '{ $.level = "ERROR" }';
    let s: Scenario;
    beforeAll(() => {
      s = scenario(
        "pattern",
        (c) => (workload(c, "feature-pipeline").customSignals[0].pattern = '{ $.event = "rows_rejected" && $.count > 10 }'),
        // What editing the generic `errors` preset's pattern would synthesize.
        (outdir) => editStack(outdir, STACK, (r) => (r.aws_cloudwatch_log_metric_filter.ai_monitoring_errors.pattern = NEW_PRESET_PATTERN)),
      );
    }, 2 * MINUTES);

    it("plans two in-place filter updates", () => {
      expect(plannedActions(s.plan!)).toEqual({
        "aws_cloudwatch_log_metric_filter.ai_monitoring_errors": "update",
        "aws_cloudwatch_log_metric_filter.feature_pipeline_rows_rejected": "update",
      });
    });

    it("counts the catalogue's sample lines before and after, as TestMetricFilter would", () => {
      const risk = s.review!.risks.find((r) => r.address === "aws_cloudwatch_log_metric_filter.ai_monitoring_errors")!;
      const preset = presetFor("generic", "errors")!;
      const lines = [...preset.samples.matching.map((m) => m.line), ...preset.samples.nonMatching];
      const matchedBy = (pattern: string) => new Set(testMetricFilter({ filterPattern: pattern, logEventMessages: lines }).matches.map((m) => m.eventMessage));
      const before = matchedBy(preset.pattern.render());
      const after = matchedBy(NEW_PRESET_PATTERN);
      const mustMatch = preset.samples.matching.map((m) => m.line);
      expect(risk.samples!.preset).toEqual({ kind: "generic", id: "errors", title: preset.title });
      expect(risk.samples!.before.matched).toBe(mustMatch.filter((l) => before.has(l)).length);
      expect(risk.samples!.after.matched).toBe(mustMatch.filter((l) => after.has(l)).length);
      // The regression this scenario stands for: the new pattern loses matches, so it is high.
      expect(risk.samples!.after.matched).toBeLessThan(risk.samples!.before.matched);
      expect(risk.severity).toBe("high");
    });

    it("says a custom signal has no catalogue samples", () => {
      const risk = s.review!.risks.find((r) => r.address === "aws_cloudwatch_log_metric_filter.feature_pipeline_rows_rejected")!;
      expect(risk.code).toBe("RV008");
      expect(risk.severity).toBe("medium");
      expect(risk.summary).toContain("custom signal of workload 'feature-pipeline'");
    });
  });

  describe("rename a workload", () => {
    let s: Scenario;
    beforeAll(() => {
      s = scenario("rename", (c) => (workload(c, "feature-pipeline").name = "batch-features"));
    }, 2 * MINUTES);

    it("plans the old group's delete and the new group's create: prevent_destroy leaves with the removed block", () => {
      const actions = plannedActions(s.plan!);
      expect(actions["aws_cloudwatch_log_group.feature_pipeline"]).toBe("delete");
      expect(actions["aws_cloudwatch_log_group.batch_features"]).toBe("create");
    });

    it("reports one RV001 story for the workload: skip_destroy (from the state) keeps the old group in AWS, unmanaged; the new one starts empty", () => {
      expect(risksOf(s.review)).toEqual(["RV001 high aws_cloudwatch_log_group.feature_pipeline"]);
      const risk = s.review!.risks[0];
      expect(risk.title).toBe("Workload renamed: log group, alarms and metrics start over");
      expect(risk.summary).toContain("the old `/acme-ai/prod/feature-pipeline` stays in AWS with its events (skip_destroy)");
      expect(risk.summary).toContain("no longer lets CloudWatch Logs decrypt it");
      expect(risk.details.join("\n")).toContain("3 alarms deleted and created again under new names");
      expect(risk.details.join("\n")).toContain("keep `name: feature-pipeline`");
      expect(risk.details.join("\n")).not.toMatch(/\b(moved|removed|import) \{/);
    });

    it("gives the same verdict from the synth diff alone, and says prevent_destroy does not stop it", async () => {
      const run = await runCli(work, "review", "--base", baseOutdir, "--head", s.headOutdir, "--format", "json");
      expect(run.code).toBe(1);
      const review = JSON.parse(run.stdout) as Review;
      const risk = review.risks.find((r) => r.code === "RV001")!;
      expect(risk.summary).toBe(s.review!.risks.find((r) => r.code === "RV001")!.summary);
      expect(risk.details.join("\n")).toContain("`prevent_destroy` does not stop this");
      expect(review.moves).toContainEqual(expect.objectContaining({ kind: "renamed", to: expect.objectContaining({ address: "aws_cloudwatch_log_group.batch_features" }) }));
    });
  });

  describe("turn allowDestroy on", () => {
    let s: Scenario;
    beforeAll(() => {
      s = scenario("allow-destroy", (c) => (environment(c, "prod").allowDestroy = true));
    }, 2 * MINUTES);

    it("plans skip_destroy updates only: prevent_destroy is not in the plan", () => {
      const actions = plannedActions(s.plan!);
      expect(Object.values(actions).every((a) => a === "update")).toBe(true);
      expect(s.review!.changes.filter((c) => c.type === "aws_cloudwatch_log_group").every((c) => c.changed.join() === "skip_destroy")).toBe(true);
      expect(s.review!.changes.some((c) => c.type === "aws_kms_key")).toBe(false);
    });

    it("reports RV012 with prevent_destroy too, read from the synthesized configurations beside the plan", () => {
      expect(risksOf(s.review)).toEqual(["RV012 high aws_cloudwatch_log_group.ai_monitoring"]);
      const details = s.review!.risks[0].details.join("\n");
      expect(details).toContain("`monitoring-prod`: `/acme-ai/prod/feature-pipeline` loses `prevent_destroy` and `skip_destroy`");
      expect(details).toContain("`monitoring-prod`: `aws_kms_key.monitoring_key` loses `prevent_destroy`");
    });
  });

  describe("relocate a log group (a replace)", () => {
    const relocate = (c: ConfigDoc) => (workload(c, "ai-monitoring").logGroup.name = "/acme-ai/prod/ai-monitoring-v2");
    let blocked: Scenario;
    let allowed: Scenario;
    beforeAll(() => {
      blocked = scenario("relocate", relocate);
      allowed = scenario("relocate-allowed", (c) => {
        relocate(c);
        environment(c, "prod").allowDestroy = true;
      });
    }, 3 * MINUTES);

    it("fails to plan while prevent_destroy is set: Terraform's own error", () => {
      expect(blocked.plan).toBeUndefined();
      expect(blocked.error).toContain("Instance cannot be destroyed");
      expect(blocked.error).toContain("aws_cloudwatch_log_group.ai_monitoring");
    });

    it("is explained from the synth diff: the replace, the plan's refusal and what allows it", async () => {
      const run = await runCli(work, "review", "--base", baseOutdir, "--head", blocked.headOutdir);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("**Log group replaced** · `monitoring-prod` · `aws_cloudwatch_log_group.ai_monitoring`");
      expect(run.stdout).toContain("stops with “Error: Instance cannot be destroyed”");
      expect(run.stdout).toContain("`allowDestroy: true`");
    });

    it("with allowDestroy, plans replacements forced by the name, and the synth diff predicts the same ones", () => {
      const actions = plannedActions(allowed.plan!);
      const replaced = Object.keys(actions).filter((a) => actions[a] === "delete,create" || actions[a] === "create,delete");
      expect(replaced).toEqual(
        expect.arrayContaining(["aws_cloudwatch_log_group.ai_monitoring", "aws_cloudwatch_log_metric_filter.ai_monitoring_errors", "aws_cloudwatch_log_stream.ai_monitoring_stream_ai_monitoring_source"]),
      );
      const fromSynth = reviewChanges({ base: loadSynthOutput(baseOutdir, "--base"), head: loadSynthOutput(allowed.headOutdir, "--head") });
      const predicted = fromSynth.changes.filter((c) => c.stack === STACK && c.action === "replace").map((c) => c.address);
      expect(predicted.sort()).toEqual(replaced.sort());
    });

    it("reports RV001 for the replaced log group with the attribute that forces it", () => {
      const risk = allowed.review!.risks.find((r) => r.code === "RV001")!;
      expect(risk.title).toBe("Log group replaced");
      expect(risk.summary).toContain("(`name` cannot change in place)");
      // The state still says skip_destroy = true, and Terraform deletes the old object with its state.
      expect(risk.summary).toContain("skip_destroy keeps the old group and its events in AWS");
      expect(risk.summary).toContain("the new group `/acme-ai/prod/ai-monitoring-v2` starts empty");
    });
  });

  describe("move a workload to another stack group, with movedFrom", () => {
    const SEARCH = "monitoring-prod-search";
    let s: Scenario;
    beforeAll(() => {
      s = scenario("move-group", (c) => Object.assign(workload(c, "feature-pipeline"), { group: "search", movedFrom: "default" }));
    }, 2 * MINUTES);

    it("plans forgets, not deletes, of the workload's log group, filters and alarms in the old group's stack", () => {
      const actions = plannedActions(s.plan!);
      const monitored = Object.keys(actions).filter((a) => /^aws_cloudwatch_(log_group|log_metric_filter|metric_alarm)\.feature_pipeline/.test(a));
      expect(monitored).toContain("aws_cloudwatch_log_group.feature_pipeline");
      expect(monitored.filter((a) => actions[a] !== "forget")).toEqual([]);
    });

    it("pairs the forget with the new stack's import (from its synth diff) and reports no log-group risk", () => {
      const review = s.review!;
      expect(review.stacks.find((x) => x.stack === SEARCH)!.source).toBe("synth");
      expect(review.moves).toContainEqual({
        kind: "state-moved",
        type: "aws_cloudwatch_log_group",
        from: { stack: STACK, address: "aws_cloudwatch_log_group.feature_pipeline", action: "forget" },
        to: { stack: SEARCH, address: "aws_cloudwatch_log_group.feature_pipeline", action: "import" },
      });
      expect(review.risks.filter((r) => r.code === "RV001" || r.code === "RV010")).toEqual([]);
    });
  });
});
