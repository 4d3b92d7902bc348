import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { buildApp } from "../../src/app";
import { ConfigError } from "../../src/config/errors";
import { validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { AiMonitoringStack, type AiMonitoringStackProps } from "../../src/stacks/ai-monitoring-stack";

/** The code-first entry point: the same fields as a config file, the same stack, the same messages. */

const props: AiMonitoringStackProps = {
  project: "acme-ai",
  environment: {
    name: "prod",
    accountId: "222222222222",
    region: "us-east-1",
    stateBucket: "acme-ai-tfstate-prod",
    notifications: { critical: { emails: ["oncall@example.com"] } },
  },
  workloads: [
    { name: "chat-vllm", kind: "llm-inference" },
    { name: "batch-scoring", kind: "generic", signals: { errors: { threshold: 5 } } },
  ],
  tags: { team: "ml-platform" },
};

type TerraformJson = { resource: Record<string, Record<string, Record<string, unknown>>> };

const work = mkdtempSync(join(tmpdir(), "ai-logs-code-first-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function stackJson(outdir: string, stack: string): string {
  return readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
}

describe("AiMonitoringStack", () => {
  const outdir = join(work, "code");
  const app = new App({ outdir });
  const stack = new AiMonitoringStack(app, "monitoring-prod", props);
  app.synth();
  const json = JSON.parse(stackJson(outdir, "monitoring-prod")) as TerraformJson;

  it("is, byte for byte, the stack the config-driven app builds from the same fields", () => {
    const config = { project: props.project, environments: [props.environment], workloads: props.workloads, tags: props.tags };
    const fromConfig = join(work, "config");
    buildApp(buildModel(validateConfig(config, "platform.yaml"), "platform.yaml"), fromConfig).synth();
    expect(stackJson(outdir, "monitoring-prod")).toBe(stackJson(fromConfig, "monitoring-prod"));
  });

  it("creates each workload's log group by the naming convention, with filters and the alarms on what they publish", () => {
    const groups = json.resource.aws_cloudwatch_log_group;
    expect(groups.chat_vllm).toMatchObject({ name: "/acme-ai/prod/chat-vllm", retention_in_days: 30 });
    expect(groups.batch_scoring).toMatchObject({ name: "/acme-ai/prod/batch-scoring" });
    const filters = Object.values(json.resource.aws_cloudwatch_log_metric_filter);
    expect(filters.filter((f) => f.log_group_name === "${aws_cloudwatch_log_group.chat_vllm.name}").length).toBeGreaterThan(1);
    const published = new Set(filters.map((f) => JSON.stringify(f.metric_transformation && [(f.metric_transformation as { namespace: string }).namespace, (f.metric_transformation as { name: string }).name])));
    const filterAlarms = Object.values(json.resource.aws_cloudwatch_metric_alarm).filter((a) => String(a.namespace).startsWith("AI_Monitoring/"));
    expect(filterAlarms.length).toBeGreaterThan(1);
    for (const alarm of filterAlarms) expect(published).toContain(JSON.stringify([alarm.namespace, alarm.metric_name]));
    expect(filterAlarms.find((a) => a.alarm_name === "acme-ai-prod-batch-scoring-errors")).toMatchObject({ threshold: 5, metric_name: "ErrorOccurrences" });
  });

  it("exposes the resolved model", () => {
    expect(stack.model.environments[0].workloads.map((w) => w.logGroup.name)).toEqual(["/acme-ai/prod/chat-vllm", "/acme-ai/prod/batch-scoring"]);
  });

  it("refuses bad props with the config's messages, naming each prop, and adds nothing to the app", () => {
    const scope = new App({ outdir: join(work, "bad") });
    const bad = { ...props, environment: { ...props.environment, accountId: "2222" }, workloads: [{ name: "chat", kind: "llm-inferense" }] };
    let error: unknown;
    try {
      new AiMonitoringStack(scope, "monitoring-prod", bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^AiMonitoringStack monitoring-prod: environment\.accountId: .*12/));
    expect(lines).toContainEqual(expect.stringMatching(/^AiMonitoringStack monitoring-prod: workloads\[0\]\.kind: found "llm-inferense"; valid: .*llm-inference/));
    expect(scope.node.children).toHaveLength(0);
  });

  it("runs the synth-time checks on the props", () => {
    const scope = new App({ outdir: join(work, "checked") });
    const twice = { ...props, workloads: [{ name: "chat", kind: "generic", logGroup: { name: "/shared/logs" } }, { name: "chat-2", kind: "generic", logGroup: { name: "/shared/logs" } }] };
    expect(() => new AiMonitoringStack(scope, "monitoring-prod", twice)).toThrow(/AiMonitoringStack monitoring-prod: workloads\[1\]\.logGroup\.name: AIL\d+ /);
  });

  it("refuses stack groups, which only the config-driven app splits into stacks", () => {
    const scope = new App({ outdir: join(work, "grouped") });
    const grouped = { ...props, workloads: [{ name: "chat", kind: "generic", group: "team-a" }] };
    expect(() => new AiMonitoringStack(scope, "monitoring-prod", grouped)).toThrow(
      "AiMonitoringStack monitoring-prod: workloads[0].group: an AiMonitoringStack holds all its workloads in one stack",
    );
  });
});
