import { z } from "zod";

/**
 * Optional volume hints for the cost estimate of `ai-logs review` (docs/review-cost.md). They change
 * no AWS resource: synth writes them into the log group's `//` metadata, which Terraform ignores.
 */
export const expectedUsageSchema = z
  .strictObject({
    logGbPerDay: z
      .number()
      .nonnegative({ message: "must be 0 or more (GB of log events per day)" })
      .max(1_000_000)
      .optional()
      .describe("GB of log events this workload writes per day (per environment); prices Logs ingestion, storage, data protection and the archive"),
    dimensionValues: z
      .record(z.string().min(1).max(255), z.number().int().positive().max(100_000))
      .optional()
      .describe("Distinct values each metric dimension takes (e.g. { Model: 3 } for three models served); each value is a billed custom metric"),
  })
  .describe("Expected volumes, for the review's monthly cost estimate only; changes no resource. @default unknown: the review shows fixed costs and says what is unknown");

export type ExpectedUsageConfig = z.infer<typeof expectedUsageSchema>;
