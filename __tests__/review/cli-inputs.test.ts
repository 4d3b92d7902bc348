import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleConfig, runCli, synthConfig, tempDir, writeJson } from "./support/scenario";

/** `ai-logs review` input and usage errors: exit 2, one message naming the argument, no stack trace. */

const work = tempDir("ai-logs-review-cli-");
synthConfig(exampleConfig(), join(work, "synth")); // work/synth/cdktf.out, and work/synth/config.yaml

function file(name: string, content: string): string {
  writeFileSync(join(work, name), content);
  return name;
}

writeJson(join(work, "state.json"), { format_version: "1.0", terraform_version: "1.11.4", values: { root_module: {} } });
const hclDir = join(work, "hcl-out");
mkdirSync(join(hclDir, "stacks", "monitoring-prod"), { recursive: true });
writeFileSync(join(hclDir, "manifest.json"), JSON.stringify({ stacks: { "monitoring-prod": { synthesizedStackPath: "stacks/monitoring-prod/cdk.tf.json" } } }));
writeFileSync(join(hclDir, "stacks", "monitoring-prod", "cdk.tf"), 'terraform {}\n');

describe("ai-logs review: usage and input errors", () => {
  test.each([
    ["no input at all", [], "review needs --base and --head (synthesized outputs), or at least one --plan"],
    ["--base without --head", ["--base", "synth/cdktf.out"], "--head is missing: a synth diff needs both --base and --head"],
    ["--head alone, at a path that does not exist: the path is named first", ["--head", "/nonexistent"], "--head: directory /nonexistent does not exist"],
    ["a missing directory", ["--base", "nope", "--head", "synth/cdktf.out"], "--base: directory nope does not exist (synthesize first: npm run synth)"],
    ["a file where a directory belongs", ["--base", "synth/config.yaml", "--head", "synth/cdktf.out"], "--base: synth/config.yaml is not a directory"],
    ["a directory that is not a cdktf.out", ["--base", "synth", "--head", "synth/cdktf.out"], "--base: synth holds neither manifest.json, stacks/ nor cdk.tf.json"],
    ["HCL output", ["--base", "hcl-out", "--head", "synth/cdktf.out"], "--base: stack monitoring-prod was synthesized as HCL"],
    ["a plan file that is not JSON", ["--plan", file("broken.json", "{ nope")], "--plan: broken.json is not valid JSON"],
    ["a binary plan file", ["--plan", file("tfplan", "PK\u0003\u0004 binary")], "this looks like a binary plan file: pass `terraform show -json <planfile>` output"],
    ["a state instead of a plan", ["--plan", "state.json"], "--plan: state.json is not a Terraform plan in JSON: it is a state"],
    ["a configuration instead of a plan", ["--plan", "synth/cdktf.out/stacks/monitoring-prod/cdk.tf.json"], "it is a Terraform configuration (cdk.tf.json)"],
    ["an unreadable plan file", ["--plan", "missing.json"], "--plan: cannot read"],
    ["an unknown format", ["--base", "synth/cdktf.out", "--head", "synth/cdktf.out", "--format", "yaml"], "argument 'yaml' is invalid. Allowed choices are markdown, json."],
    ["an unknown flag", ["--base", "synth/cdktf.out", "--head", "synth/cdktf.out", "--fail"], "unknown option '--fail'"],
  ])("%s", async (_name, args, message) => {
    const run = await runCli(work, "review", ...(args as string[]));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test("a plan of no head stack must be named", async () => {
    const plan = writeJson(join(work, "other.plan.json"), {
      format_version: "1.2",
      resource_changes: [{ address: "aws_s3_bucket.x", mode: "managed", type: "aws_s3_bucket", name: "x", change: { actions: ["create"], before: null, after: {} } }],
      planned_values: {},
    });
    const run = await runCli(work, "review", "--head", "synth/cdktf.out", "--plan", plan);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("plans none of the head's stacks");
    const unknown = await runCli(work, "review", "--head", "synth/cdktf.out", "--plan", `nostack=${plan}`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`--plan: nostack=${plan}: no stack named nostack in --head (stacks: `);
    const named = await runCli(work, "review", "--head", "synth/cdktf.out", "--plan", `monitoring-prod=${plan}`, "--no-fail-on-risk");
    expect(named.code).toBe(0);
    expect(named.stdout).toContain("(stack `monitoring-prod`)");
  });

  test("--no-fail-on-risk reports risks and exits 0; --fail-on-risk (the default) exits 1", async () => {
    const plan = writeJson(join(work, "delete.plan.json"), {
      format_version: "1.2",
      resource_changes: [
        {
          address: "aws_cloudwatch_log_group.feature_pipeline",
          mode: "managed",
          type: "aws_cloudwatch_log_group",
          name: "feature_pipeline",
          change: { actions: ["delete"], before: { name: "/acme-ai/prod/feature-pipeline", skip_destroy: false }, after: null },
        },
      ],
      planned_values: {},
    });
    const quiet = await runCli(work, "review", "--plan", `monitoring-prod=${plan}`, "--no-fail-on-risk", "--format", "json");
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout).risks[0]).toMatchObject({ code: "RV001", title: "Log group destroyed: logs lost", summary: "`/acme-ai/prod/feature-pipeline` is deleted with all its events." });
    const gate = await runCli(work, "review", "--plan", `monitoring-prod=${plan}`, "--fail-on-risk");
    expect(gate.code).toBe(1);
    expect(gate.stderr).toBe("ai-logs review: 1 risk found (exit 1; --no-fail-on-risk reports without failing)\n");
  });
});
