import { BAND_COMPARISON_OPERATORS, type BandComparisonOperator, type ComparisonOperator, type MetricUnit, type Statistic, type TreatMissingData } from "../aws/limits";
import type { Severity } from "../signals/types";
import { alarmDescription } from "./runbook-link";
import type { AlarmMetricModel, AlarmModel, TopicModel } from "./types";

/** What an alarm needs to know about where it lives. */
export interface AlarmContext {
  readonly topics: readonly TopicModel[];
  /** `defaults.anomalyBandWidth`: replaces presets' band widths unless a signal sets its own. */
  readonly defaultBandWidth?: number;
  /** `<base>/<kind>.md` (see runbook-link.ts): alarms with a `runbookId` link to their entry on it. */
  readonly runbookPage?: string;
}

/** Alarm settings as presets and config give them; every field of `AlarmDefaults` plus config's extras. */
export interface AlarmSettingsInput {
  readonly statistic?: Statistic;
  readonly comparison?: ComparisonOperator | BandComparisonOperator;
  readonly threshold?: number;
  readonly bandWidth?: number;
  readonly period?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: TreatMissingData;
  readonly severity?: Severity;
  readonly unit?: MetricUnit;
  readonly dimensions?: Readonly<Record<string, string>>;
}

export type CompleteAlarmDefaults = Required<Pick<AlarmSettingsInput, "statistic" | "comparison" | "period" | "evaluationPeriods" | "datapointsToAlarm" | "treatMissingData" | "severity">> &
  AlarmSettingsInput;

export function isBandComparison(comparison: string): comparison is BandComparisonOperator {
  return (BAND_COMPARISON_OPERATORS as readonly string[]).includes(comparison);
}

/**
 * Defaults + config override -> the alarm. A band comparison takes its width from the override,
 * then `defaults.anomalyBandWidth`, then the preset; a fixed comparison takes its threshold from the
 * override, then the preset. Contradictions (a band comparison without a width, a width or an
 * explicit threshold where they do not apply) are kept as given, for check AIL018 to report.
 */
export function resolveAlarm(
  ctx: AlarmContext,
  spec: {
    readonly name: string;
    readonly description: string;
    readonly metric: AlarmMetricModel;
    readonly defaults: CompleteAlarmDefaults;
    readonly override?: AlarmSettingsInput;
    readonly ratio?: AlarmModel["ratio"];
    /** The catalogue id whose runbook entry the description links to; custom signals have none. */
    readonly runbookId?: string;
  },
): AlarmModel {
  const d = spec.defaults;
  const o = spec.override ?? {};
  const comparison = o.comparison ?? d.comparison;
  const band = isBandComparison(comparison);
  const width = o.bandWidth ?? (band ? ctx.defaultBandWidth ?? d.bandWidth : undefined);
  const severity = o.severity ?? d.severity;
  const dimensions = o.dimensions ?? d.dimensions ?? spec.metric.dimensions;
  return {
    name: spec.name,
    description: alarmDescription(`[${severity}] ${spec.description}`, spec.runbookId !== undefined && ctx.runbookPage ? `${ctx.runbookPage}#${spec.runbookId}` : undefined),
    severity,
    metric: { ...spec.metric, dimensions, unit: o.unit ?? d.unit ?? spec.metric.unit },
    statistic: o.statistic ?? d.statistic,
    comparison,
    threshold: o.threshold ?? (band ? undefined : d.threshold),
    anomalyBand: width === undefined ? undefined : { width },
    ratio: spec.ratio,
    period: o.period ?? d.period,
    evaluationPeriods: o.evaluationPeriods ?? d.evaluationPeriods,
    datapointsToAlarm: o.datapointsToAlarm ?? d.datapointsToAlarm,
    treatMissingData: o.treatMissingData ?? d.treatMissingData,
    topicIds: ctx.topics.filter((t) => t.severities.includes(severity)).map((t) => t.id),
  };
}
