import * as lib from "../src";

describe("the public library API (src/index.ts)", () => {
  it("offers testMetricFilter with 1-based event numbers, as AWS does", () => {
    expect(lib.testMetricFilter({ filterPattern: "ERROR", logEventMessages: ["ok", "[ERROR] boom"] })).toEqual({
      matches: [{ eventNumber: 2, eventMessage: "[ERROR] boom", extractedValues: {} }],
    });
  });

  it("throws the typed error for an invalid pattern", () => {
    expect(() => lib.testMetricFilter({ filterPattern: "ERR*", logEventMessages: ["x"] })).toThrow(lib.FilterPatternError);
  });

  it("exposes the pipeline pieces: config -> model -> checks -> app", () => {
    for (const name of ["validateConfig", "buildModel", "runChecks", "buildApp", "synthesize", "WorkloadLogs", "MonitoringStack", "ArchiveStack", "WorkloadMonitoring", "EnvironmentDashboard"] as const) {
      expect(typeof lib[name]).toBe("function");
    }
    expect(typeof lib.review.reviewChanges).toBe("function");
  });
});
