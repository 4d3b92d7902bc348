import { comparePatternSamples } from "../../src/review";
import type { ResourceChange, StackChanges } from "../../src/review/change-set";

/**
 * Synthesized JSON holds config text as Terraform templates (`$${` for a literal `${`); a plan holds
 * the values. The sample comparison must evaluate the pattern AWS will receive in both cases.
 */
function filterChange(before: string, after: string): ResourceChange {
  const attrs = (pattern: string) => ({ name: "acme-dev-chat-api-errors", pattern, log_group_name: "/acme/dev/chat-api" });
  return { stack: "monitoring-dev", address: "aws_cloudwatch_log_metric_filter.chat_api_errors", type: "aws_cloudwatch_log_metric_filter", name: "chat_api_errors", action: "update", before: attrs(before), after: attrs(after), changed: ["pattern"], replacedBecause: [], preventDestroy: false, wasPreventDestroy: false };
}

function stackOf(change: ResourceChange, source: StackChanges["source"]): StackChanges {
  return { name: "monitoring-dev", source, status: "changed", defaultTags: {}, location: {}, resources: [change] };
}

describe("pattern sample comparison reads the pattern AWS will receive", () => {
  it("unescapes Terraform's $${ in synthesized JSON", () => {
    const change = filterChange('"ERROR"', '"ERROR$${x}"');
    expect(comparePatternSamples(change, stackOf(change, "synth"))?.after.pattern).toBe('"ERROR${x}"');
  });

  it("takes a plan's values as they are", () => {
    const change = filterChange('"ERROR"', '"ERROR$${x}"');
    expect(comparePatternSamples(change, stackOf(change, "plan"))?.after.pattern).toBe('"ERROR$${x}"');
  });
});
