import type { UnloggedField } from "./fields-read";
import type { IFilterPattern } from "../patterns";
import type {
  BandComparisonOperator,
  ComparisonOperator,
  MetricUnit,
  Statistic,
  TreatMissingData,
} from "../aws/limits";

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
  /**
   * Dimension name -> `$.selector` / `$field`. JSON and space-delimited patterns only, at most 3.
   * A dimensioned preset also gets an undimensioned companion filter that its default alarm
   * watches (docs/workloads.md, "Per-model metrics"). @default none
   */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** What every alarm default has, whatever decides its threshold. */
interface AlarmDefaultsBase {
  readonly statistic: Statistic;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  readonly severity: Severity;
}

/** A fixed threshold. */
export interface ThresholdAlarmDefaults extends AlarmDefaultsBase {
  readonly comparison: ComparisonOperator;
  readonly threshold: number;
  readonly bandWidth?: undefined;
}

/**
 * An anomaly-detection band (`ANOMALY_DETECTION_BAND(m1, bandWidth)`): for metrics whose normal
 * level depends on traffic (latency, token volume), where any fixed threshold is wrong.
 */
export interface AnomalyAlarmDefaults extends AlarmDefaultsBase {
  readonly comparison: BandComparisonOperator;
  /** Band width in standard deviations. */
  readonly bandWidth: number;
  readonly threshold?: undefined;
}

/** A preset's default alarm; every field can be overridden per workload in config. */
export type AlarmDefaults = ThresholdAlarmDefaults | AnomalyAlarmDefaults;

/** A log line that must match, with what the filter publishes for it. */
export interface MatchingSample {
  readonly line: string;
  readonly value: number;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** Sample lines of a filter: lines it must count (with what it publishes) and lines it must not. */
export interface FilterSamples {
  readonly matching: readonly MatchingSample[];
  readonly nonMatching: readonly string[];
}

/**
 * One more filter of a signal, for another of the kind's log formats: it publishes into the signal's
 * metric (same name, unit and dimension names), so the signal keeps one alarm whatever formats a
 * workload writes. Its pattern must not match a line another filter of the signal counts.
 */
export interface SignalVariant {
  /** Id of the kind's log format this filter reads. */
  readonly format: string;
  /**
   * Names a further filter of the same format, for a line shape its other filter cannot read (another
   * release puts the value at another field position, say); the filter id becomes
   * `<preset>-<format>-<shape>`. Shapes of one format must not match the same line. @default none
   */
  readonly shape?: string;
  readonly pattern: IFilterPattern;
  /** The metric value for this format. @default the signal's `metric.value` */
  readonly value?: string;
  /** Dimension selectors for this format, with the signal's dimension names. @default the signal's */
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly samples: FilterSamples;
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
  /** Id of the kind's log format this preset reads (see `WorkloadKindCatalogue.formats`). @default every format */
  readonly format?: string;
  /** Realistic log lines in the format the workload really writes, proving the pattern. */
  readonly samples: FilterSamples;
  /** Filters for the kind's other formats, publishing into the same metric. @default none */
  readonly variants?: readonly SignalVariant[];
  /**
   * Why no real log line proves this preset (the real-line corpus test accepts it then): e.g. the
   * event is printed by closed firmware and no capture is public. @default none: a real line must exist
   */
  readonly unprovenBecause?: string;
}

/** A filter of a preset: the preset's own (format as the preset says) or one of its variants. */
export interface PresetFilter {
  /** `undefined` for the preset's own filter when it reads every format. */
  readonly format?: string;
  /** The variant's shape, when its format has several filters. */
  readonly shape?: string;
  /** The id of the filter in the workload: the preset id, `<preset id>-<format>[-<shape>]` for a variant. */
  readonly id: string;
  readonly pattern: IFilterPattern;
  readonly value: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly samples: FilterSamples;
}

/** Every filter of a preset, its own first. */
export function presetFilters(preset: SignalPreset): PresetFilter[] {
  const own: PresetFilter = { format: preset.format, id: preset.id, pattern: preset.pattern, value: preset.metric.value, dimensions: preset.metric.dimensions ?? {}, samples: preset.samples };
  const variants = (preset.variants ?? []).map((v) => ({
    format: v.format,
    shape: v.shape,
    id: [preset.id, v.format, ...(v.shape ? [v.shape] : [])].join("-"),
    pattern: v.pattern,
    value: v.value ?? preset.metric.value,
    dimensions: v.dimensions ?? preset.metric.dimensions ?? {},
    samples: v.samples,
  }));
  return [own, ...variants];
}

/**
 * An alarm on the ratio of two of the kind's signals, as metric math:
 * `scale * FILL(numerator, 0) / denominator`, both read with Sum (error rate = errors / requests).
 */
export interface RatioAlarmPreset {
  /** Key in config (`workloads[].signals.<id>`), kebab-case. */
  readonly id: string;
  readonly title: string;
  /** Signal id whose count is divided (must be an undimensioned signal of the kind). */
  readonly numerator: string;
  /** Signal id it is divided by (undimensioned, same format as the numerator). */
  readonly denominator: string;
  /** 100 turns the ratio into a percentage. */
  readonly scale: number;
  readonly alarm: ThresholdAlarmDefaults;
  readonly runbook: string;
}

/**
 * A fact about a workload, from config, that an AWS service metric's dimension takes its value from.
 * List-valued facts (`variantNames`, `modelIds`) fan out one alarm per value.
 */
export type WorkloadFact = "logGroupName" | "endpointName" | "variantNames" | "modelIds" | "clusterName" | "invocationLoggingOwner";

/**
 * An alarm on a metric an AWS service publishes (AWS/Bedrock, AWS/SageMaker, AWS/Logs), or the
 * CloudWatch agent on the workload's hosts (CWAgent).
 */
export interface ServiceAlarmPreset {
  /** Key in config (`workloads[].signals.<id>`), kebab-case. */
  readonly id: string;
  readonly title: string;
  /** `AWS/...`, or `CWAgent` (the CloudWatch agent's default namespace). */
  readonly namespace: string;
  readonly metricName: string;
  /**
   * Dimension name -> the fact giving its value(s). A list fact with no values drops the
   * dimension: the alarm watches the service's aggregate metric instead (AWS/Bedrock publishes
   * every runtime metric across all model ids as well as per ModelId).
   */
  readonly dimensions: Readonly<Record<string, WorkloadFact>>;
  /** The alarm exists only where this fact has a value (e.g. the environments that own Bedrock's logging). @default always */
  readonly requires?: WorkloadFact;
  readonly alarm: AlarmDefaults;
  readonly runbook: string;
}

/** A saved CloudWatch Logs Insights query. */
export interface QueryPreset {
  /** `top-errors`, `latency-by-model`, `tokens-by-model`, `slowest-requests`, ... */
  readonly id: string;
  readonly title: string;
  /** The query, without `SOURCE` (the log group is attached to the query definition). */
  readonly query: string;
  /** Log formats whose lines it reads; kept when the workload writes one of them. @default every format */
  readonly formats?: readonly string[];
}

/** A log format a kind reads; presets name it so config can keep only the formats a workload writes. */
export interface LogFormat {
  readonly id: string;
  readonly title: string;
  /** Where the format is documented or defined (documentation page or source file). */
  readonly source: string;
}

/** The presets and queries of a kind whose JSON field names config may rename (`workloads[].fields`). */
export interface KindContent {
  readonly signals: readonly SignalPreset[];
  readonly queries: readonly QueryPreset[];
  /** Fields its log lines carry, for offline query validation (besides `@timestamp`, `@message`, ...). */
  readonly queryFields: readonly string[];
}

/** A kind with renamable JSON fields: content is a function of the field names. */
export interface FieldNames {
  /** Logical field -> JSON key as logged (a flat key, dots included) or a `$.` selector. */
  readonly defaults: Readonly<Record<string, string>>;
  /** One line per logical field, for documentation and error messages. */
  readonly descriptions: Readonly<Record<string, string>>;
  readonly build: (fields: Readonly<Record<string, string>>) => KindContent;
  /**
   * Why a configured field cannot be read in one of the workload's formats (e.g. a `$.` path that no
   * record of that format has), by logical field name; checked at synth time. @default every field is fine
   */
  readonly check?: (fields: Readonly<Record<string, string>>, formats: readonly string[]) => Readonly<Record<string, string>>;
}

/** A config section only workloads of one kind may (or must) carry, e.g. `bedrock:` or `sagemaker:`. */
export interface KindSettings {
  /** The workload key, e.g. `sagemaker`. */
  readonly key: string;
  readonly required: boolean;
}

/** The catalogue entry of one workload kind: data, not code paths. */
export interface WorkloadKindCatalogue {
  readonly kind: string;
  readonly title: string;
  /** Where the sample log format comes from (documentation or source). */
  readonly logFormatSource: string;
  /** The signals with default field names (and the ones the sample test proves). */
  readonly signals: readonly SignalPreset[];
  /** Log formats the presets read. @default one unnamed format */
  readonly formats?: readonly LogFormat[];
  /** Metric-math ratio alarms over the kind's signals. @default none */
  readonly ratios?: readonly RatioAlarmPreset[];
  /** Alarms on built-in AWS metrics. @default none */
  readonly serviceAlarms?: readonly ServiceAlarmPreset[];
  /** Saved Logs Insights queries (with default field names). @default none */
  readonly queries?: readonly QueryPreset[];
  /** Fields the kind's log lines carry, for query validation. @default none */
  readonly queryFields?: readonly string[];
  /** Renamable JSON fields; `signals`, `queries` and `queryFields` equal `fieldNames.build(defaults)`. @default none */
  readonly fieldNames?: FieldNames;
  /** Log lines carry prompts or completions: a data protection policy is on by default. @default false */
  readonly carriesPrompts?: boolean;
  /** The log group name the service itself writes to, with `{fact}` placeholders. @default the conventional name */
  readonly logGroupNameTemplate?: string;
  /** A kind-specific config section. @default none */
  readonly settings?: KindSettings;
  /**
   * JSON fields the workload's settings (its `settings.key` section) keep out of its lines: presets and
   * queries reading them are not created, and AIL051 refuses config that reads them. @default none
   */
  readonly unloggedFields?: (settings: unknown) => readonly UnloggedField[];
}
