import type {
  BandComparisonOperator,
  ComparisonOperator,
  LogGroupClass,
  MetricUnit,
  Statistic,
  TreatMissingData,
} from "../aws/limits";
import type { Severity } from "../signals/types";
import type { ArchiveModel, EnvironmentArchiveFields, WorkloadPlacementFields } from "./archive";
import type { DeliveryAlarmModel } from "./delivery-alarms";
import type { EnvironmentMonitoringFields, WorkloadMonitoringFields } from "./monitoring";

/**
 * The validated, fully resolved model that constructs render. Config defaults, conventions and
 * preset overrides are already applied: constructs never look at config files or the catalogue.
 */
export interface MonitoringModel {
  readonly project: string;
  /** File the model came from, for messages. */
  readonly source: string;
  readonly environments: readonly EnvironmentModel[];
  readonly stateBuckets: readonly StateBucketModel[];
  readonly bootstrapStateInS3: boolean;
  readonly tags: Readonly<Record<string, string>>;
  /** The central log archive (src/model/archive.ts); absent when the config has none. */
  readonly archive?: ArchiveModel;
  /** Most Terraform resources one stack may hold (check AIL043). */
  readonly maxResourcesPerStack: number;
  /** Groups without workloads whose stacks still exist, for `movedFrom` (check AIL049). */
  readonly retiredGroups: readonly string[];
}

export interface StateBucketModel {
  readonly bucket: string;
  readonly accountId: string;
  readonly region: string;
  /** Environments whose state lives in this bucket. */
  readonly environments: readonly string[];
  /** Terraform may destroy the bucket and its key: only when every one of those environments allows destroy. */
  readonly allowDestroy: boolean;
}

/** One environment: an account and region. Archive delivery fields: src/model/archive.ts. */
export interface EnvironmentModel extends EnvironmentArchiveFields, EnvironmentMonitoringFields {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly stateBucket: string;
  readonly allowDestroy: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly topics: readonly TopicModel[];
  readonly workloads: readonly WorkloadModel[];
  /** Alarms on its deliveries to the archive (src/model/delivery-alarms.ts); none when it delivers nothing. */
  readonly deliveryAlarms: readonly DeliveryAlarmModel[];
  /** Names of the archive's own alarms when the archive lives in this environment (for its dashboard). */
  readonly archiveAlarmNames: readonly string[];
}

/** An SNS topic alarms notify: created (with subscriptions) or an existing one. */
export interface TopicModel {
  /** Severities routed here. */
  readonly severities: readonly Severity[];
  /** Construct/address id: `alerts_critical`, `alerts_warning`. */
  readonly id: string;
  readonly name: string;
  readonly existingTopicArn?: string;
  readonly emails: readonly string[];
  readonly httpsEndpoints: readonly string[];
}

/** Group and subscription fields: src/model/archive.ts. */
export interface WorkloadModel extends WorkloadPlacementFields, WorkloadMonitoringFields {
  readonly name: string;
  /** Terraform-safe id (`inference-api` -> `inference_api`). */
  readonly id: string;
  readonly kind: string;
  /** Config path of the workload, e.g. `workloads[2]`. */
  readonly path: string;
  readonly logGroup: LogGroupModel;
  readonly signals: readonly SignalModel[];
  readonly tags: Readonly<Record<string, string>>;
  /** Volume hints for the review's cost estimate (config `expectedUsage`); no resource depends on them. */
  readonly expectedUsage?: ExpectedUsageModel;
}

export interface ExpectedUsageModel {
  readonly logGbPerDay?: number;
  readonly dimensionValues?: Readonly<Record<string, number>>;
}

export interface LogGroupModel {
  readonly name: string;
  /**
   * false: the group exists already (a service's own: aws/spans, /aws/lambda/...); the project only reads
   * it (filters, alarms, subscriptions, queries) and never sets its retention, class, key or streams.
   */
  readonly create: boolean;
  readonly retentionDays: number;
  readonly logGroupClass: LogGroupClass;
  /** An existing key; absent = the environment's monitoring key. */
  readonly kmsKeyArn?: string;
  readonly streams: readonly string[];
}

export interface FilterMetricModel {
  readonly namespace: string;
  readonly name: string;
  readonly unit: MetricUnit;
  readonly value: string;
  readonly defaultValue?: number;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface MetricFilterModel {
  readonly name: string;
  readonly pattern: string;
  readonly metric: FilterMetricModel;
}

/** The metric an alarm watches. For a filter-based alarm it must be exactly what the filter emits. */
export interface AlarmMetricModel {
  readonly namespace: string;
  readonly name: string;
  /** Dimension name -> the value the alarm watches. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly unit?: MetricUnit;
}

export interface AlarmModel {
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly metric: AlarmMetricModel;
  readonly statistic: Statistic;
  readonly comparison: ComparisonOperator | BandComparisonOperator;
  /** Fixed comparisons only. */
  readonly threshold?: number;
  /** Band comparisons: the alarm compares with `ANOMALY_DETECTION_BAND(m1, width)` (check AIL018). */
  readonly anomalyBand?: { readonly width: number };
  /** Metric math: `scale * FILL(metric, 0) / denominator`, both read with the alarm's statistic. */
  readonly ratio?: { readonly denominator: AlarmMetricModel; readonly scale: number };
  /**
   * Metric math: `SUM(METRICS())` over these metrics (at most 10 in an alarm), each read with the
   * alarm's statistic; `metric` is then the first of them. For one alarm over many log groups' AWS
   * metrics, where one alarm each would cost more and say nothing more.
   */
  readonly sumOf?: readonly AlarmMetricModel[];
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  /** Topic ids (see TopicModel.id) notified on ALARM and OK. */
  readonly topicIds: readonly string[];
}

/** A metric filter and the alarm on its metric, consistent by construction (and checked). */
export interface SignalModel {
  readonly id: string;
  /** Terraform-safe id within the workload. */
  readonly addressId: string;
  /** Config path for messages, e.g. `workloads[0].signals.errors`. */
  readonly path: string;
  readonly filter: MetricFilterModel;
  readonly alarm?: AlarmModel;
}
