import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { buildApp } from "../../src/app";
import { loadConfigFile } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { AiMonitoringStack } from "../../src/stacks/ai-monitoring-stack";
import { EXAMPLE_CONFIG } from "../support/synth";
import { readTree } from "../support/tree";

/**
 * ProductStack skips cdktf's preparing resolve run, whose only work is to find references to another
 * stack's resources (src/stacks/product-stack.ts). That is right only while the product's stacks hold
 * none: cdktf's own run, forced here, must add nothing.
 */

const work = mkdtempSync(join(tmpdir(), "ai-logs-stack-refs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));


describe("references between stacks", () => {
  it("the example's stacks (groups and archive included) hold none: cdktf's preparing run adds nothing", () => {
    const model = buildModel(loadConfigFile(EXAMPLE_CONFIG), "example.yaml");
    const skipped = join(work, "skipped");
    buildApp(model, skipped).synth();

    const prepared = join(work, "prepared");
    const app = buildApp(model, prepared);
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
    expect(stacks.map((s) => s.node.id)).toEqual(expect.arrayContaining(["monitoring-prod", "monitoring-prod-search", "log-archive"]));
    for (const stack of stacks) TerraformStack.prototype.prepareStack.call(stack);
    app.synth();

    expect(readTree(prepared)).toEqual(readTree(skipped));
  });

  it("from another stack into a ProductStack still work: the referring stack's preparing run wires them", () => {
    const outdir = join(work, "consumer");
    const app = new App({ outdir });
    const monitoring = new AiMonitoringStack(app, "monitoring-prod", {
      project: "acme-ai",
      environment: { name: "prod", accountId: "222222222222", region: "us-east-1", stateBucket: "acme-ai-tfstate-prod", notifications: { critical: { emails: ["oncall@example.com"] } } },
      workloads: [{ name: "chat-api", kind: "generic" }],
    });
    const logGroup = monitoring.node.findAll().find((c): c is CloudwatchLogGroup => c instanceof CloudwatchLogGroup && c.node.path.includes("chat-api"))!;
    const consumer = new TerraformStack(app, "consumer");
    new TerraformOutput(consumer, "chat-api-log-group", { value: logGroup.arn });
    app.synth();

    const read = (stack: string) => JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    const [remote] = Object.keys(read("consumer").data.terraform_remote_state);
    expect(read("consumer").output["chat-api-log-group"].value).toMatch(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.${remote}\\.outputs\\.`));
    expect(Object.values(read("monitoring-prod").output)).toContainEqual({ value: "${aws_cloudwatch_log_group.chat_api.arn}", sensitive: true });
  });
});
