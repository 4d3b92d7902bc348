/**
 * What a backtest reads from a synthesized stack: metric filters, metric alarms (single metric or
 * metric math) and composite alarms, with Terraform references resolved and template escapes
 * undone. Built by synth-model.ts; every later step works on these, never on raw Terraform JSON.
 */
import type { FilterPatternAst, MetricExtractor, MetricTransformationSpec } from "../patterns";
import type { AlarmRule } from "./composite-rule";

/** A metric: namespace, name and the dimension values that pick one series of it. */
export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface MetricFilterDef {
  readonly stack: string;
  /** Terraform address, e.g. `aws_cloudwatch_log_metric_filter.chat_inference_cuda_oom`. */
  readonly address: string;
  readonly name: string;
  readonly logGroupName: string;
  readonly pattern: string;
  readonly ast: FilterPatternAst;
  readonly transformation: MetricTransformationSpec;
  /** The compiled pattern and transformation, compiled once when the synth output is read. */
  readonly extractor: MetricExtractor;
  readonly namespace: string;
  readonly metricName: string;
  readonly unit?: string;
}

/** One `metric_query` entry (or the single metric of a classic alarm, as `m1`). */
export type AlarmQuery =
  | {
      readonly kind: "metric";
      readonly id: string;
      readonly metric: MetricRef;
      readonly period: number;
      /** `Sum`, `p99`... as CloudWatch spells it. */
      readonly stat: string;
      readonly unit?: string;
      readonly returnData: boolean;
    }
  | { readonly kind: "expression"; readonly id: string; readonly expression: string; readonly returnData: boolean };

export type TreatMissingData = "missing" | "ignore" | "breaching" | "notBreaching";

/** Where an alarm's notifications go: enough to count pages. */
export interface AlarmActions {
  readonly enabled: boolean;
  /** Number of alarm actions (SNS topics...): 0 means a transition to ALARM pages nobody. */
  readonly onAlarm: number;
}

export interface MetricAlarmDef {
  readonly kind: "metric";
  readonly stack: string;
  readonly address: string;
  readonly alarmName: string;
  readonly comparison: string;
  readonly threshold?: number;
  /** Set for anomaly-detection alarms: the id of the ANOMALY_DETECTION_BAND expression. */
  readonly thresholdMetricId?: string;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  /** `evaluate` (default) or `ignore`: what a percentile alarm does with too few samples. */
  readonly lowSampleCountPercentiles: "evaluate" | "ignore";
  readonly queries: readonly AlarmQuery[];
  readonly actions: AlarmActions;
}

export interface CompositeAlarmDef {
  readonly kind: "composite";
  readonly stack: string;
  readonly address: string;
  readonly alarmName: string;
  readonly rule: AlarmRule;
  readonly ruleText: string;
  readonly actions: AlarmActions;
  /** The alarm whose ALARM state suppresses this one's actions, if any. */
  readonly suppressor?: string;
}

/** An alarm the backtest cannot read (an unresolvable reference, a missing field): shown, never simulated. */
export interface UnreadableAlarmDef {
  readonly kind: "unreadable";
  readonly stack: string;
  readonly address: string;
  readonly alarmName: string;
  readonly reason: string;
}

export type AlarmDef = MetricAlarmDef | CompositeAlarmDef | UnreadableAlarmDef;

/** The synthesized stacks a backtest runs against. */
export interface BacktestModel {
  readonly stacks: readonly string[];
  readonly filters: readonly MetricFilterDef[];
  readonly alarms: readonly AlarmDef[];
  /** Log group name -> the stacks that create it or filter it. */
  readonly logGroups: ReadonlyMap<string, readonly string[]>;
  /** Filters the backtest cannot apply (unresolvable log group, pattern that does not parse), with why. */
  readonly skippedFilters: readonly { readonly stack: string; readonly address: string; readonly reason: string }[];
}
