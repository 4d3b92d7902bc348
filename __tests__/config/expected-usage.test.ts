import { validateConfig } from "../../src/config/load";
import { exampleConfig, workload } from "../review/support/scenario";

/** workloads[].expectedUsage: optional volume hints for the review's cost estimate (docs/review-cost.md). */
describe("config: expectedUsage", () => {
  test("accepts GB per day and dimension fan-out", () => {
    const config = exampleConfig();
    workload(config, "chat-inference").expectedUsage = { logGbPerDay: 2.5, dimensionValues: { Model: 3 } };
    expect(validateConfig(config, "config.yaml").workloads.find((w) => w.name === "chat-inference")!.expectedUsage).toEqual({ logGbPerDay: 2.5, dimensionValues: { Model: 3 } });
  });

  test.each([
    [{ logGbPerDay: -1 }, /workloads\[\d+\]\.expectedUsage\.logGbPerDay: must be 0 or more \(GB of log events per day\)/],
    [{ dimensionValues: { Model: 1.5 } }, /workloads\[\d+\]\.expectedUsage\.dimensionValues\.Model: expected int, found number 1\.5/],
    [{ logGbPerDay: 1, gbPerDay: 1 }, /workloads\[\d+\]\.expectedUsage.*gbPerDay/],
  ])("rejects %j with a message naming the field", (usage, message) => {
    const config = exampleConfig();
    workload(config, "chat-inference").expectedUsage = usage;
    expect(() => validateConfig(config, "config.yaml")).toThrow(message);
  });
});
