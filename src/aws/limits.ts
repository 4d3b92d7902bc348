/**
 * Fixed lists and quotas of CloudWatch, CloudWatch Logs and S3 that the config schema and the synth-time
 * checks share. Sources: CloudWatch Logs API reference (PutRetentionPolicy, PutMetricFilter,
 * MetricTransformation, CreateLogGroup), CloudWatch API reference (PutMetricAlarm), S3 bucket naming rules.
 */

/** PutRetentionPolicy accepts exactly these day counts (0 here means "never expire": no retention set). */
export const RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type RetentionDays = (typeof RETENTION_DAYS)[number];

export const LOG_GROUP_CLASSES = ["STANDARD", "INFREQUENT_ACCESS"] as const;
export type LogGroupClass = (typeof LOG_GROUP_CLASSES)[number];

/** CreateLogGroup: 1-512 characters of [A-Za-z0-9_\-/.#]; names under `aws/` are reserved for AWS services. */
export const LOG_GROUP_NAME_PATTERN = /^[A-Za-z0-9_\-/.#]{1,512}$/;
/** Log stream names: 1-512 characters, no ':' and no '*'. */
export const LOG_STREAM_NAME_PATTERN = /^[^:*]{1,512}$/;

/** MetricTransformation: metric name and namespace are at most 255 characters matching [^:*$]*. */
export const METRIC_NAME_PATTERN = /^[^:*$]{1,255}$/;
export const MAX_METRIC_FILTER_DIMENSIONS = 3;
export const MAX_METRIC_FILTERS_PER_LOG_GROUP = 100;
export const MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;
export const MAX_REGEX_FILTERS_PER_LOG_GROUP = 5;

export const METRIC_UNITS = [
  "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
  "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
  "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
  "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

/** PutMetricAlarm: alarm names are 1-255 characters; at most 5 actions per state. */
export const MAX_ALARM_NAME_LENGTH = 255;
export const MAX_ACTIONS_PER_ALARM_STATE = 5;
/** Periods below a minute are high-resolution periods; otherwise a multiple of 60 seconds. */
export const HIGH_RESOLUTION_PERIODS = [10, 20, 30] as const;
/** period x evaluationPeriods may span at most one day, or 7 days when the period is an hour or more. */
export const MAX_EVALUATION_WINDOW_SECONDS = 86_400;
export const MAX_EVALUATION_WINDOW_SECONDS_LONG_PERIOD = 7 * 86_400;

export const COMPARISON_OPERATORS = [
  "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
] as const;
export const BAND_COMPARISON_OPERATORS = [
  "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type BandComparisonOperator = (typeof BAND_COMPARISON_OPERATORS)[number];

export const STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;
/**
 * A percentile statistic, `p0`-`p100` with up to two decimals (`p90`, `p99.9`). CloudWatch alarms take
 * it as `ExtendedStatistic`; metrics from metric filters support it while none of their values is
 * negative (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html).
 */
export type PercentileStatistic = `p${number}`;
export const PERCENTILE_STATISTIC_PATTERN = /^p(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
export type Statistic = (typeof STATISTICS)[number] | PercentileStatistic;

export function isPercentile(statistic: string): statistic is PercentileStatistic {
  return PERCENTILE_STATISTIC_PATTERN.test(statistic);
}
export const TREAT_MISSING_DATA = ["breaching", "notBreaching", "ignore", "missing"] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];

/** S3 general purpose bucket names: 3-63 lowercase letters, digits, dots and hyphens, starting and ending alphanumeric. */
export const S3_BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const AWS_ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** Commercial, China and GovCloud region names (us-east-1, cn-north-1, us-gov-west-1, ...). */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/**
 * Tags, as AWS services accept them (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html,
 * "Tag naming limits and requirements"): letters, digits and spaces in UTF-8 and `_ . : / = + - @`; keys
 * 1-128 characters, values 0-256; at most 50 user tags per resource; the `aws:` prefix is AWS's own.
 */
export const AWS_TAG_TEXT_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const AWS_TAG_RESERVED_PREFIX = "aws:";
export const AWS_MAX_TAGS_PER_RESOURCE = 50;
