/**
 * `--suggest`: for a fixed-threshold alarm, the thresholds that would have fired (transitioned to
 * ALARM) 0, 1 and 5 times over the window, so a team can tune from its own history.
 *
 * Breaches change only where the threshold crosses a value the metric took, so the candidates are
 * those values plus one beyond each extreme; each is run through the same evaluation as the alarm
 * itself (M of N, missing data, evaluation range). Walking from the least sensitive candidate
 * towards the most sensitive, the suggestion for "at most k" is the last threshold before the count
 * first exceeds k: every less sensitive threshold fires at most k times too. (The count is not
 * monotonic: raising a threshold can split one long ALARM into two.) Above MAX_CANDIDATES distinct
 * values, evenly spaced quantiles of them are tried.
 */
import type { MetricAlarmDef } from "./definitions";
import { evaluateAlarm, type AlarmSeries, type Window } from "./metric-alarm";
import type { ThresholdSuggestion } from "./report";

export const SUGGESTED_FIRE_COUNTS = [0, 1, 5] as const;
const MAX_CANDIDATES = 400;

/** Suggestions, or undefined when the metric has no datapoint in the window (every threshold would stay quiet). */
export function suggestThresholds(alarm: MetricAlarmDef, series: AlarmSeries, window: Window): ThresholdSuggestion[] | undefined {
  const upward = alarm.comparison.startsWith("Greater");
  const values = [...new Set([...series.values].filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  if (values.length === 0) return undefined;
  const candidates = [Math.floor(values[0]) - 1, ...sample(values), Math.floor(values[values.length - 1]) + 1];
  // Least sensitive first: the highest threshold for Greater*, the lowest for Less*.
  if (upward) candidates.reverse();
  const fires = candidates.map((threshold) => ({
    threshold,
    fires: evaluateAlarm(alarm, series, threshold, window).filter((c, i) => i > 0 && c.state === "ALARM").length,
  }));
  return SUGGESTED_FIRE_COUNTS.map((limit) => {
    let best: { threshold: number; fires: number } | undefined;
    for (const f of fires) {
      if (f.fires > limit) break;
      best = f;
    }
    return best ? { fires: limit, threshold: best.threshold, wouldFire: best.fires } : { fires: limit, threshold: null, wouldFire: null };
  });
}

function sample(sorted: number[]): number[] {
  if (sorted.length <= MAX_CANDIDATES) return sorted;
  return Array.from({ length: MAX_CANDIDATES }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (MAX_CANDIDATES - 1))]);
}
