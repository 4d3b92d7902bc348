/**
 * Simulates one metric alarm over the backtest window, the way CloudWatch evaluates it
 * ("Alarm evaluation", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html):
 * "For any period of one minute or longer, an alarm is evaluated every minute and the evaluation is
 * based on the window of time defined by the Period and Evaluation Periods. For example, if the
 * Period is 5 minutes and Evaluation Periods is 1, then at the end of minute 5 the alarm evaluates
 * based on data from minutes 1 to 5. Then at the end of minute 6, ... from minutes 2 to 6."
 * Alarms whose Period x Evaluation Periods exceeds a day are evaluated once an hour (same page).
 *
 * So each evaluation at minute t reads the windows [t - k*Period, t - (k-1)*Period) for k = 1..range:
 * sliding windows, not the period-aligned datapoints a graph shows (those are reported as
 * `datapoints`, stamped with the start of their period). The state at each evaluation follows
 * alarm-state.ts. The window starts with the alarm in INSUFFICIENT_DATA, as a new alarm does, and
 * no data before the window.
 */
import type { AlarmStateName } from "./composite-rule";
import type { AlarmQuery, MetricAlarmDef, MetricRef } from "./definitions";
import { evaluationRange, nextAlarmState, type Slot } from "./alarm-state";
import { evaluateMetricMath, hasBand, idsOf, type MathExpression, MetricMathError, parseMetricMath } from "./metric-math";
import type { MetricRecorder } from "./metric-recorder";
import { mergeSamples, type MinuteSeries } from "./minute-series";
import { parseStatistic, percentileSampleFloor, statisticOf, type Statistic, type WindowSamples } from "./statistics";

/** Minutes since the epoch: the window starts at `start` and is evaluated last at `end`. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** A state from `minute` on. */
export interface StateChange {
  readonly minute: number;
  readonly state: AlarmStateName | "UNKNOWN";
}

/** An alarm's metric (or expression) per end minute of its sliding window: `values[t - gridStart]`, NaN when missing. */
export interface AlarmSeries {
  readonly periodMinutes: number;
  readonly gridStart: number;
  readonly values: Float64Array;
  /** Sample counts per window, for percentile alarms that ignore low sample counts. */
  readonly samples?: Float64Array;
}

export interface MetricAlarmSimulation {
  readonly simulated: boolean;
  readonly reason?: string;
  /** What the alarm watches, when it comes from logs (also for alarms that are not simulated). */
  readonly series?: AlarmSeries;
  readonly timeline?: readonly StateChange[];
}

const COMPARISONS: Record<string, (v: number, t: number) => boolean> = {
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  GreaterThanThreshold: (v, t) => v > t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};

/** Whether a fixed-threshold comparison breaches; undefined for band comparisons and unknown operators. */
export function comparisonOf(operator: string): ((value: number, threshold: number) => boolean) | undefined {
  return COMPARISONS[operator];
}

export function simulateMetricAlarm(alarm: MetricAlarmDef, recorder: MetricRecorder, window: Window): MetricAlarmSimulation {
  const watched = watchedSeries(alarm, recorder, window);
  if ("reason" in watched) return { simulated: false, reason: watched.reason };
  const { series } = watched;
  if (alarm.thresholdMetricId !== undefined) {
    return { simulated: false, series, reason: "an anomaly-detection band alarm: its band is a model AWS trains on the metric's history, which a backtest cannot reproduce" };
  }
  const breaches = comparisonOf(alarm.comparison);
  if (!breaches || alarm.threshold === undefined) {
    return { simulated: false, series, reason: `comparison ${alarm.comparison} needs an anomaly band, which is not simulated` };
  }
  return { simulated: true, series, timeline: evaluateAlarm(alarm, series, alarm.threshold, window) };
}

/** The state changes of the alarm over the window, with `threshold` (the alarm's own, or one `--suggest` tries). */
export function evaluateAlarm(alarm: MetricAlarmDef, series: AlarmSeries, threshold: number, window: Window): StateChange[] {
  const breaches = comparisonOf(alarm.comparison);
  if (!breaches) throw new Error(`not a fixed-threshold comparison: ${alarm.comparison}`);
  const n = alarm.evaluationPeriods;
  const range = evaluationRange(n);
  const p = series.periodMinutes;
  const cadence = p * n > 24 * 60 ? 60 : 1; // multi-day alarms are evaluated hourly
  const lowSampleFloor = lowSampleFloorOf(alarm);
  const slots: Slot[] = new Array<Slot>(range);
  let state: AlarmStateName = "INSUFFICIENT_DATA";
  const changes: StateChange[] = [{ minute: window.start, state }];
  for (let t = window.start + 1; t <= window.end; t++) {
    if (t % cadence !== 0) continue;
    for (let k = 0; k < range; k++) {
      const v = series.values[t - (range - 1 - k) * p - series.gridStart];
      slots[k] = Number.isNaN(v) ? "-" : breaches(v, threshold) ? "X" : "0";
    }
    if (lowSampleFloor !== undefined && series.samples && recentSamples(series, t, n) < lowSampleFloor) continue;
    const next = nextAlarmState(slots, alarm.datapointsToAlarm, n, alarm.treatMissingData, state);
    if (next !== state) {
      state = next;
      changes.push({ minute: t, state });
    }
  }
  return changes;
}

function lowSampleFloorOf(alarm: MetricAlarmDef): number | undefined {
  if (alarm.lowSampleCountPercentiles !== "ignore") return undefined;
  const query = alarm.queries.find((q) => q.kind === "metric" && q.returnData);
  const stat = query?.kind === "metric" ? parseStatistic(query.stat) : undefined;
  return stat?.kind === "percentile" ? percentileSampleFloor(stat.percentile) : undefined;
}

function recentSamples(series: AlarmSeries, t: number, n: number): number {
  let total = 0;
  for (let k = 0; k < n; k++) total += series.samples![t - k * series.periodMinutes - series.gridStart] || 0;
  return total;
}

/** The series the alarm compares with its threshold: its one metric, or the expression it returns (the band's input for band alarms). */
function watchedSeries(alarm: MetricAlarmDef, recorder: MetricRecorder, window: Window): { series: AlarmSeries } | { reason: string } {
  const metrics = alarm.queries.filter((q): q is Extract<AlarmQuery, { kind: "metric" }> => q.kind === "metric");
  if (metrics.length === 0) return { reason: "it has no metric" };
  const periods = new Set(metrics.map((q) => q.period));
  if (periods.size > 1) return { reason: `its metrics use different periods (${[...periods].join(", ")} s)` };
  const period = metrics[0].period;
  if (period < 60 || period % 60 !== 0) {
    return { reason: `period ${period} s: metric filters publish one-minute data and the backtest evaluates whole minutes` };
  }
  for (const q of metrics) {
    if (!recorder.publishes(alarm.stack, q.metric)) return { reason: noFilterReason(alarm.stack, q.metric) };
    if (!parseStatistic(q.stat)) return { reason: `statistic ${q.stat} is not simulated (SampleCount, Sum, Average, Minimum, Maximum and pNN are)` };
  }
  const periodMinutes = period / 60;
  const gridStart = window.start - evaluationRange(alarm.evaluationPeriods) * periodMinutes;
  const gridEnd = Math.ceil(window.end / periodMinutes) * periodMinutes;
  const byId = new Map<string, AlarmSeries>();
  for (const q of metrics) byId.set(q.id, slidingSeries(recorder.seriesOf(alarm.stack, q.metric, q.unit), parseStatistic(q.stat)!, periodMinutes, gridStart, gridEnd));

  const returned = alarm.queries.filter((q) => q.returnData && q.id !== alarm.thresholdMetricId);
  const target = returned.length === 1 ? returned[0] : alarm.queries.length === 1 ? alarm.queries[0] : undefined;
  if (!target) return { reason: "it returns no single metric or expression" };
  if (target.kind === "metric") return { series: byId.get(target.id)! };
  let expression: MathExpression;
  try {
    expression = parseMetricMath(target.expression);
  } catch (e) {
    if (e instanceof MetricMathError) return { reason: e.message };
    throw e;
  }
  if (hasBand(expression)) return { reason: "its expression is an anomaly band" };
  const missing = idsOf(expression).find((id) => !byId.has(id));
  if (missing) return { reason: `its expression reads ${missing}, which is not one of its metrics (nested expressions are not simulated)` };
  const length = gridEnd - gridStart + 1;
  const values = evaluateMetricMath(expression, length, (id) => byId.get(id)!.values);
  return { series: { periodMinutes, gridStart, values } };
}

function noFilterReason(stack: string, metric: MetricRef): string {
  const dims = Object.entries(metric.dimensions).map(([k, v]) => `${k}=${v}`).join(", ");
  const name = `${metric.namespace} ${metric.metricName}${dims ? ` {${dims}}` : ""}`;
  return metric.namespace.startsWith("AWS/")
    ? `${name} is a service metric: no log-derived data`
    : `no metric filter of stack ${stack} publishes ${name} with these dimension names`;
}

/** The statistic of every sliding window [t - period, t) for t in [gridStart, gridEnd]. */
function slidingSeries(sources: readonly MinuteSeries[], stat: Statistic, periodMinutes: number, gridStart: number, gridEnd: number): AlarmSeries {
  const base = gridStart - periodMinutes; // first minute any window reads
  const keepValues = stat.kind === "percentile";
  const perMinute: WindowSamples[] = [];
  for (let minute = base; minute < gridEnd; minute++) {
    perMinute.push(sources.length === 1 ? sources[0].minute(minute) : mergeSamples(sources.map((s) => s.minute(minute)), keepValues));
  }
  const length = gridEnd - gridStart + 1;
  const values = new Float64Array(length);
  const samples = new Float64Array(length);
  for (let j = 0; j < length; j++) {
    const to = j + periodMinutes; // the window [to - period, to) of perMinute ends at minute gridStart + j
    const window = mergeSamples(perMinute.slice(to - periodMinutes, to), keepValues);
    samples[j] = window.count;
    values[j] = statisticOf(stat, window);
  }
  return { periodMinutes, gridStart, values, samples };
}
