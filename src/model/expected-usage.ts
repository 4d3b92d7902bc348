import type { ExpectedUsageModel } from "./types";

/**
 * Where synth records a workload's `expectedUsage` in Terraform JSON: under the log group's `//`
 * (comment) property, which Terraform ignores, so the hints reach the review without changing any
 * resource. Written by WorkloadLogs, read by the review's cost estimate.
 */
export const USAGE_METADATA_KEY = "ai-logs";

/** The `//` metadata a log group carries for its workload's hints. */
export function usageMetadata(usage: ExpectedUsageModel): Record<string, unknown> {
  return { expectedUsage: usage };
}

/** The hints a synthesized resource body carries, if any. */
export function readExpectedUsage(body: Readonly<Record<string, unknown>> | undefined): ExpectedUsageModel | undefined {
  const comment = body?.["//"];
  const meta = comment && typeof comment === "object" ? (comment as Record<string, unknown>)[USAGE_METADATA_KEY] : undefined;
  const usage = meta && typeof meta === "object" ? (meta as Record<string, unknown>).expectedUsage : undefined;
  if (!usage || typeof usage !== "object") return undefined;
  const u = usage as Record<string, unknown>;
  const gb = typeof u.logGbPerDay === "number" && u.logGbPerDay >= 0 ? u.logGbPerDay : undefined;
  const values =
    u.dimensionValues && typeof u.dimensionValues === "object"
      ? Object.fromEntries(Object.entries(u.dimensionValues as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === "number" && e[1] > 0))
      : undefined;
  return { logGbPerDay: gb, dimensionValues: values };
}
