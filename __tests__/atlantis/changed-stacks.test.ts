import { compareStacks, sameStack } from "../../src/atlantis/changed-stacks";
import type { StackJson, SynthOutput } from "../../src/review";

/** Which stacks a pull request plans: those whose Terraform JSON differs, as Terraform reads it. */

const output = (stacks: Record<string, StackJson>): SynthOutput => ({ dir: "x", stacks: new Map(Object.entries(stacks)) });
const group = (retention: number, comment = "a"): StackJson => ({
  "//": { metadata: { stackName: comment } },
  resource: { aws_cloudwatch_log_group: { api: { "//": { metadata: { path: `${comment}/api` } }, name: "/acme/api", retention_in_days: retention } } },
  terraform: { backend: { s3: { bucket: "b", key: "k" } } },
});

describe("compareStacks", () => {
  test("a stack is unchanged when only cdktf's `//` comments or the order of keys differ", () => {
    const reordered: StackJson = { terraform: { backend: { s3: { key: "k", bucket: "b" } } }, resource: (group(30, "b") as { resource: unknown }).resource };
    expect(sameStack(group(30, "a"), group(30, "b"))).toBe(true);
    expect(sameStack(group(30), reordered)).toBe(true);
  });

  test("any configuration difference counts, resources or not (a backend key moves the state)", () => {
    expect(sameStack(group(30), group(14))).toBe(false);
    expect(sameStack(group(30), { ...group(30), terraform: { backend: { s3: { bucket: "b", key: "other" } } } })).toBe(false);
    expect(sameStack(group(30), { ...group(30), output: { arn: { value: "x" } } })).toBe(false);
  });

  test("sorts head stacks into changed (new ones included) and unchanged, and names removed ones", () => {
    const base = output({ "monitoring-a": group(30), "monitoring-b": group(30), "monitoring-gone": group(30) });
    const head = output({ "monitoring-a": group(30, "renamed"), "monitoring-b": group(14), "monitoring-new": group(30) });
    expect(compareStacks(base, head)).toEqual({ changed: ["monitoring-b", "monitoring-new"], unchanged: ["monitoring-a"], removed: ["monitoring-gone"] });
  });
});
