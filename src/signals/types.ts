import type { IFilterPattern } from "../patterns";
import type { ComparisonOperator, MetricUnit, Statistic, TreatMissingData } from "../aws/limits";

export type Severity = "critical" | "warning";

/** The metric a signal's filter publishes. Namespace is decided per workload, not per preset. */
export interface SignalMetric {
  /** Metric name, e.g. `ErrorOccurrences`. */
  readonly name: string;
  readonly unit: MetricUnit;
  /** `1` to count matching events, or a `$.selector` / `$field` to publish an extracted number. */
  readonly value: string;
  /** Published for every non-matching event. @default none (quiet filters publish nothing) */
  readonly defaultValue?: number;
  /** Dimension name -> `$.selector` / `$field`. JSON and space-delimited patterns only, at most 3. */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** A preset's default alarm; every field can be overridden per workload in config. */
export interface AlarmDefaults {
  readonly statistic: Statistic;
  readonly comparison: ComparisonOperator;
  readonly threshold: number;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  readonly severity: Severity;
}

/** A log line that must match, with what the filter publishes for it. */
export interface MatchingSample {
  readonly line: string;
  readonly value: number;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** One thing worth watching in a workload's logs: filter pattern + metric + default alarm + proof. */
export interface SignalPreset {
  /** Key in config (`workloads[].signals.<id>`), kebab-case. */
  readonly id: string;
  readonly title: string;
  readonly pattern: IFilterPattern;
  readonly metric: SignalMetric;
  readonly alarm: AlarmDefaults;
  /** One line telling the on-call engineer what to check first; goes into the alarm description. */
  readonly runbook: string;
  /** Realistic log lines in the format the workload really writes, proving the pattern. */
  readonly samples: { readonly matching: readonly MatchingSample[]; readonly nonMatching: readonly string[] };
}

/** The catalogue entry of one workload kind: data, not code paths. */
export interface WorkloadKindCatalogue {
  readonly kind: string;
  readonly title: string;
  /** Where the sample log format comes from (documentation or source). */
  readonly logFormatSource: string;
  readonly signals: readonly SignalPreset[];
}
