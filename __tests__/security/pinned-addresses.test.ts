import { App, TerraformOutput, TerraformStack } from "cdktf";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { pinAddress } from "../../src/constructs/addresses";

/**
 * Two resources pinned to one address would merge silently into one block of the JSON (the second
 * overwrites the first: a resource, and its data, vanish from the plan). pinAddress refuses that.
 * Config-level collisions are reported earlier, with file and field, by check AIL030.
 */
describe("pinAddress", () => {
  const stack = () => new TerraformStack(new App(), "s");

  it("refuses a second resource of the same type at the same address", () => {
    const s = stack();
    pinAddress(new SnsTopic(s, "a", { name: "a" }), "alerts");
    expect(() => pinAddress(new SnsTopic(s, "b", { name: "b" }), "alerts")).toThrow(
      "two elements of stack s would share the Terraform address aws_sns_topic.alerts: s/a and s/b",
    );
  });

  it("allows one address for different types and outputs, and in different stacks", () => {
    const s = stack();
    pinAddress(new SnsTopic(s, "a", { name: "a" }), "alerts");
    expect(() => pinAddress(new SqsQueue(s, "q", { name: "q" }), "alerts")).not.toThrow();
    expect(() => pinAddress(new TerraformOutput(s, "o", { value: "x" }), "alerts")).not.toThrow();
    const other = stack();
    expect(() => pinAddress(new SnsTopic(other, "a", { name: "a" }), "alerts")).not.toThrow();
  });
});
