/**
 * The result of a backtest, as the JSON output shows it (`formatVersion` 1). Times are ISO 8601 UTC.
 * An alarm that is not simulated has `simulated: false`, a `reason`, and null where a simulated one
 * has its state history: the backtest never invents a state.
 */
import type { StateChange, AlarmSeries, Window } from "./metric-alarm";
import { MS_PER_MINUTE } from "./minute-series";
import { stateAt } from "./composite-alarm";
import type { AlarmDef } from "./definitions";

export const FORMAT_VERSION = 1;

export interface Interval {
  readonly start: string;
  /** null while the alarm is still in that state at the end of the window. */
  readonly end: string | null;
}

export interface Datapoint {
  /** Start of the period (CloudWatch stamps a period's datapoint with its start). */
  readonly timestamp: string;
  readonly value: number;
}

/** A threshold `--suggest` found: the most sensitive one at which the alarm, and every less sensitive setting, fires at most `fires` times. */
export interface ThresholdSuggestion {
  readonly fires: number;
  /** null when no threshold fires that rarely (e.g. missing data treated as breaching). */
  readonly threshold: number | null;
  /** How often that threshold would really have fired (may be fewer than `fires`). */
  readonly wouldFire: number | null;
}

export interface AlarmReport {
  readonly alarmName: string;
  readonly stack: string;
  readonly address: string;
  readonly kind: "metric" | "expression" | "composite" | "unreadable";
  readonly simulated: boolean;
  /** Why the alarm is not simulated. */
  readonly reason?: string;
  readonly comparison?: string;
  readonly threshold?: number;
  readonly periodSeconds?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: string;
  readonly transitionsToAlarm: number | null;
  readonly firstAlarm: string | null;
  readonly lastAlarm: string | null;
  readonly timeInAlarmSeconds: number | null;
  /** Notifications its alarm actions would have sent (transitions to ALARM, unless actions are off or suppressed). */
  readonly pages: number | null;
  readonly pagesPerDay: number | null;
  readonly alarmIntervals: Interval[] | null;
  /** Composite alarms only: where the state depends on children that are not simulated. */
  readonly unknownIntervals?: Interval[];
  /** The alarm's metric or expression per period (period-aligned), for simulated and band alarms alike. */
  readonly datapoints: Datapoint[];
  readonly notes: string[];
  readonly suggestions?: ThresholdSuggestion[];
}

export interface BacktestReport {
  readonly formatVersion: number;
  readonly window: { readonly start: string; readonly end: string; readonly days: number };
  readonly stacks: string[];
  readonly inputs: {
    readonly files: string[];
    readonly events: number;
    readonly eventsPerLogGroup: Record<string, number>;
    /** Events of log groups no stack monitors (archives hold every log group of an account). */
    readonly skippedLogGroups: Record<string, number>;
    /** Events outside --from/--to. */
    readonly outsideWindow: number;
  };
  readonly alarms: AlarmReport[];
  readonly skippedFilters: { readonly stack: string; readonly address: string; readonly reason: string }[];
}

export const iso = (minute: number): string => new Date(minute * MS_PER_MINUTE).toISOString();

/** Intervals in `state`, clipped to the window; `end` null when the state lasts to the end. */
export function intervalsIn(timeline: readonly StateChange[], state: StateChange["state"], window: Window): Interval[] {
  const intervals: Interval[] = [];
  for (let i = 0; i < timeline.length; i++) {
    if (timeline[i].state !== state || timeline[i].minute > window.end) continue;
    const next = timeline[i + 1];
    intervals.push({ start: iso(timeline[i].minute), end: next && next.minute <= window.end ? iso(next.minute) : null });
  }
  return intervals;
}

/** The fields of a simulated alarm's history: transitions, first and last, time in ALARM, pages. */
export function historyFields(
  alarm: Exclude<AlarmDef, { kind: "unreadable" }>,
  timeline: readonly StateChange[],
  window: Window,
  suppressor: readonly StateChange[] | undefined
): Pick<AlarmReport, "transitionsToAlarm" | "firstAlarm" | "lastAlarm" | "timeInAlarmSeconds" | "pages" | "pagesPerDay" | "alarmIntervals"> {
  const starts = timeline.filter((c, i) => c.state === "ALARM" && i > 0 && c.minute <= window.end).map((c) => c.minute);
  let minutesInAlarm = 0;
  timeline.forEach((c, i) => {
    if (c.state !== "ALARM") return;
    const end = Math.min(timeline[i + 1]?.minute ?? window.end, window.end);
    minutesInAlarm += Math.max(0, end - c.minute);
  });
  const notifies = alarm.actions.enabled && alarm.actions.onAlarm > 0;
  const pages = notifies ? starts.filter((m) => !suppressor || stateAt(suppressor, m) !== "ALARM").length : 0;
  const days = windowDays(window);
  return {
    transitionsToAlarm: starts.length,
    firstAlarm: starts.length ? iso(starts[0]) : null,
    lastAlarm: starts.length ? iso(starts[starts.length - 1]) : null,
    timeInAlarmSeconds: minutesInAlarm * 60,
    pages,
    pagesPerDay: days > 0 ? round(pages / days, 3) : pages,
    alarmIntervals: intervalsIn(timeline, "ALARM", window),
  };
}

export function windowDays(window: Window): number {
  return (window.end - window.start) / (24 * 60);
}

/** Period-aligned datapoints of a series over the window: the window [kP, (k+1)P) is the sliding window ending at (k+1)P. */
export function alignedDatapoints(series: AlarmSeries, window: Window): Datapoint[] {
  const p = series.periodMinutes;
  const points: Datapoint[] = [];
  for (let start = Math.floor(window.start / p) * p; start < window.end; start += p) {
    const value = series.values[start + p - series.gridStart];
    if (value !== undefined && !Number.isNaN(value)) points.push({ timestamp: iso(start), value: round(value, 6) });
  }
  return points;
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
