/**
 * CloudWatch statistics over the samples of one window ("CloudWatch statistics definitions",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html):
 * SampleCount, Sum, Average (= Sum/SampleCount), Minimum, Maximum, and percentiles pNN(.NN).
 *
 * Percentiles: "p95 ... means that 95 percent of the data within the period is lower than this
 * value"; we take the nearest-rank value of the raw samples (CloudWatch may approximate), and, as
 * documented, no percentile when any sample is negative ("Percentile statistics are not available
 * for metrics when any of the metric values are negative numbers", CloudWatch concepts, Percentiles).
 * Other extended statistics (tm, wm, IQM, PR, TC, TS) are not simulated.
 */

export type Statistic =
  | { readonly kind: "SampleCount" | "Sum" | "Average" | "Minimum" | "Maximum" }
  | { readonly kind: "percentile"; readonly percentile: number };

const SIMPLE = ["SampleCount", "Sum", "Average", "Minimum", "Maximum"] as const;

/** Parses `Sum`, `p99`, `p99.9`...; undefined for a statistic the backtest does not simulate. */
export function parseStatistic(text: string): Statistic | undefined {
  const simple = SIMPLE.find((s) => s === text);
  if (simple) return { kind: simple };
  const m = /^p(\d{1,2}(?:\.\d{1,10})?|100)$/i.exec(text);
  return m ? { kind: "percentile", percentile: Number(m[1]) } : undefined;
}

/** Samples of one window, summarized; `values` only when a percentile needs them. */
export interface WindowSamples {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly values?: readonly number[];
}

/** The statistic of a window, or NaN when the window has no datapoint (no samples, or no percentile of negative data). */
export function statisticOf(stat: Statistic, w: WindowSamples): number {
  if (w.count === 0) return NaN;
  switch (stat.kind) {
    case "SampleCount":
      return w.count;
    case "Sum":
      return w.sum;
    case "Average":
      return w.sum / w.count;
    case "Minimum":
      return w.min;
    case "Maximum":
      return w.max;
    case "percentile":
      return percentileOf(w.values ?? [], stat.percentile);
  }
}

/** Nearest-rank percentile (p in 0..100) of raw values. */
export function percentileOf(values: readonly number[], p: number): number {
  if (values.length === 0 || values.some((v) => v < 0)) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/**
 * "Percentile-based alarms and low data samples": with `evaluate_low_sample_count_percentiles =
 * ignore`, an alarm keeps its state while a window has fewer than 10/(1-p) samples (p >= 0.5) or
 * 10/p samples (p < 0.5), p as a fraction (CloudWatch user guide, "Using Amazon CloudWatch alarms").
 */
export function percentileSampleFloor(percentile: number): number {
  const p = percentile / 100;
  if (p >= 1) return Infinity;
  return p >= 0.5 ? 10 / (1 - p) : p > 0 ? 10 / p : Infinity;
}
