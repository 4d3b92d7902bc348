import type { Config } from "../src/config/schema";

/**
 * A config of `workloads` workloads with the example's signal mix: every workload has the generic
 * `errors` preset and a static stream; every other workload adds a JSON custom signal with a
 * dimension and an alarm, like `feature-pipeline` in config/example.yaml.
 */
export function generateConfig(workloads: number): Config {
  return {
    project: "bench",
    // One stack on purpose: the baseline is one hand-written stack. The fleet bench measures groups.
    stacks: { maxResources: 100_000 },
    environments: [
      {
        name: "prod",
        accountId: "222222222222",
        region: "us-east-1",
        stateBucket: "bench-tfstate-prod",
        notifications: { critical: { emails: ["oncall@example.com"] } },
      },
    ],
    workloads: Array.from({ length: workloads }, (_, i) => ({
      name: `workload-${i}`,
      kind: "generic",
      logGroup: { retentionDays: 30, streams: [`source-${i}`] },
      // Batch pipelines, quiet between runs: no heartbeat (and the baseline program has none to match).
      signals: { heartbeat: { enabled: false } },
      customSignals:
        i % 2 === 1
          ? [
              {
                name: "rows-rejected",
                pattern: '{ $.event = "rows_rejected" && $.count > 0 }',
                metric: { name: "RowsRejected", unit: "Count", value: "$.count", dimensions: { Table: "$.table" } },
                alarm: { threshold: 1000, dimensions: { Table: "training_examples" } },
              },
            ]
          : undefined,
    })),
  };
}
