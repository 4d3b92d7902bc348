import type { Severity } from "../signals/types";
import type { ArchiveModel } from "./archive";
import { alarmDescription, DEFAULT_RUNBOOK_BASE } from "./runbook-link";
import type { AlarmMetricModel, AlarmModel, EnvironmentModel } from "./types";

/**
 * The aggregation path watching itself: alarms on the AWS metrics of the archive's Firehose stream
 * (in the archive stack) and of every environment's subscription deliveries (in its default stack),
 * so a broken archive pages someone instead of being found empty months later.
 * Metrics: AWS/Firehose (https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html),
 * AWS/Logs DeliveryErrors and DeliveryThrottling per log group
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html).
 */

/** One delivery alarm, with its address. */
export interface DeliveryAlarmModel {
  /** Runbook anchor, e.g. `archive-data-freshness`. */
  readonly id: string;
  /** Terraform address of the alarm, e.g. `archive_data_freshness`. */
  readonly address: string;
  readonly alarm: AlarmModel;
}

/** The runbook page of the delivery alarms (generated with the kinds' runbooks). */
export const DELIVERY_RUNBOOK_PAGE = "archive-delivery.md";

/** Metric math reads at most 10 metrics: errors and throttling of 5 log groups per alarm. */
export const LOG_GROUPS_PER_DELIVERY_ALARM = 5;

type AlarmShape = Pick<AlarmModel, "statistic" | "comparison" | "period" | "evaluationPeriods" | "treatMissingData"> & { readonly threshold: number };

/** What each delivery alarm is, for its model and its runbook entry. */
export interface DeliveryAlarmDefinition {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Where it lives and what it reads. */
  readonly watches: string;
  /** What the on-call engineer checks first. */
  readonly firstChecks: string;
  readonly alarm: AlarmShape;
}

export const DELIVERY_ALARMS = {
  toS3: {
    id: "archive-delivery-to-s3",
    title: "Firehose fails to write to the archive bucket",
    severity: "critical",
    watches: "AWS/Firehose `DeliveryToS3.Success` (Minimum) of the archive's stream, in the log-archive stack",
    firstChecks: "Read the stream's delivery errors (log group `/aws/kinesisfirehose/<project>-log-archive`): an access-denied means the bucket policy, the key policy or the delivery role changed. Firehose retries for 24 hours, then writes the records under `errors/` in the bucket: replay them from there once fixed.",
    alarm: { statistic: "Minimum", comparison: "LessThanThreshold", threshold: 1, period: 300, evaluationPeriods: 3, treatMissingData: "notBreaching" },
  },
  freshness: {
    id: "archive-data-freshness",
    title: "Records wait in Firehose for too long",
    severity: "critical",
    watches: "AWS/Firehose `DeliveryToS3.DataFreshness` (Maximum) of the archive's stream, threshold three buffer intervals (at least 900 s), in the log-archive stack",
    firstChecks: "Delivery falls behind or is stuck: check `archive-delivery-to-s3` and the stream's delivery errors; a dynamic-partitioning error (a record without the partition key) parks records too.",
    alarm: { statistic: "Maximum", comparison: "GreaterThanThreshold", threshold: 900, period: 300, evaluationPeriods: 3, treatMissingData: "notBreaching" },
  },
  nothingArriving: {
    id: "archive-nothing-arriving",
    title: "Nothing arrives at the archive",
    severity: "warning",
    watches: "AWS/Firehose `IncomingRecords` (Sum per hour) of the archive's stream; missing data counts as breaching, since silence is what it looks for",
    firstChecks: "Every subscription stopped delivering, or every source went quiet: check the environments' `archive-subscription-delivery` alarms, the account subscription policies and the subscription filters (a deleted destination policy stops other accounts), then whether the workloads log at all (their heartbeats).",
    alarm: { statistic: "Sum", comparison: "LessThanThreshold", threshold: 1, period: 3600, evaluationPeriods: 1, treatMissingData: "breaching" },
  },
  subscription: {
    id: "archive-subscription-delivery",
    title: "CloudWatch Logs fails to deliver log groups to the archive",
    severity: "warning",
    watches: "AWS/Logs `DeliveryErrors` + `DeliveryThrottling` (Sum) of the environment's log groups that deliver to the archive, five log groups per alarm, in the environment's default stack (cross-account deliveries count in the sending account)",
    firstChecks: "Errors: the destination's policy no longer admits this account, or the ingest role lost `firehose:PutRecord*`. Throttling: the Firehose stream's quota is exceeded: raise it, or deliver less (an archive filter pattern).",
    alarm: { statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 0, period: 300, evaluationPeriods: 1, treatMissingData: "notBreaching" },
  },
} as const satisfies Record<string, DeliveryAlarmDefinition>;

function deliveryAlarm(
  definition: DeliveryAlarmDefinition,
  name: string,
  text: string,
  metric: { readonly metric: AlarmMetricModel; readonly sumOf?: readonly AlarmMetricModel[]; readonly threshold?: number },
  runbookBase: string | undefined,
  address = definition.id.replace(/-/g, "_"),
): DeliveryAlarmModel {
  const base = (runbookBase ?? DEFAULT_RUNBOOK_BASE).replace(/\/+$/, "");
  const a = definition.alarm;
  return {
    id: definition.id,
    address,
    alarm: {
      name,
      description: alarmDescription(`[${definition.severity}] ${text}`, `${base}/${DELIVERY_RUNBOOK_PAGE}#${definition.id}`),
      severity: definition.severity,
      metric: metric.metric,
      sumOf: metric.sumOf,
      statistic: a.statistic,
      comparison: a.comparison,
      threshold: metric.threshold ?? a.threshold,
      period: a.period,
      evaluationPeriods: a.evaluationPeriods,
      datapointsToAlarm: a.evaluationPeriods,
      treatMissingData: a.treatMissingData,
      // Delivery alarms notify the topic of their severity (see DeliveryAlarms for the ARNs).
      topicIds: [definition.severity],
    },
  };
}

/** Alarms on the archive's Firehose stream, in the archive stack. */
export function archiveDeliveryAlarms(archive: Omit<ArchiveModel, "deliveryAlarms">, runbookBase?: string): DeliveryAlarmModel[] {
  const stream = (name: string): AlarmMetricModel => ({ namespace: "AWS/Firehose", name, dimensions: { DeliveryStreamName: archive.deliveryStreamName } });
  const name = (d: DeliveryAlarmDefinition) => `${archive.project}-${d.id}`;
  // Firehose writes at least every buffer interval while records arrive; three intervals late is stuck.
  const staleAfter = Math.max(DELIVERY_ALARMS.freshness.alarm.threshold, 3 * archive.bufferIntervalSeconds);
  const { toS3, freshness, nothingArriving } = DELIVERY_ALARMS;
  return [
    deliveryAlarm(toS3, name(toS3), `Firehose ${archive.deliveryStreamName} fails to write to s3://${archive.bucketName} (DeliveryToS3.Success below 1 for 15 minutes).`, { metric: stream("DeliveryToS3.Success") }, runbookBase),
    deliveryAlarm(freshness, name(freshness), `The oldest record in Firehose ${archive.deliveryStreamName} is over ${staleAfter} s old for 15 minutes: delivery to the archive is falling behind or stuck.`, { metric: stream("DeliveryToS3.DataFreshness"), threshold: staleAfter }, runbookBase),
    deliveryAlarm(nothingArriving, name(nothingArriving), `Firehose ${archive.deliveryStreamName} received no record for an hour: every subscription to the archive stopped delivering (or every source went quiet).`, { metric: stream("IncomingRecords") }, runbookBase),
  ];
}

/**
 * Alarms on an environment's deliveries to the archive: DeliveryErrors and DeliveryThrottling of the
 * log groups that deliver (their own subscription filter, or the account-level policy), summed for
 * up to five log groups per alarm.
 */
export function environmentDeliveryAlarms(project: string, env: Pick<EnvironmentModel, "name" | "workloads" | "accountSubscriptionPolicy">, runbookBase?: string): DeliveryAlarmModel[] {
  const excluded = new Set(env.accountSubscriptionPolicy?.excludedLogGroups ?? []);
  const delivering = env.workloads
    .filter((w) => w.subscriptions.some((s) => s.toArchive) || (env.accountSubscriptionPolicy !== undefined && !excluded.has(w.logGroup.name)))
    .map((w) => w.logGroup.name);
  const batches: string[][] = [];
  for (let i = 0; i < delivering.length; i += LOG_GROUPS_PER_DELIVERY_ALARM) batches.push(delivering.slice(i, i + LOG_GROUPS_PER_DELIVERY_ALARM));
  const d = DELIVERY_ALARMS.subscription;
  return batches.map((groups, i) => {
    const metrics = groups.flatMap((g): AlarmMetricModel[] => [
      { namespace: "AWS/Logs", name: "DeliveryErrors", dimensions: { LogGroupName: g } },
      { namespace: "AWS/Logs", name: "DeliveryThrottling", dimensions: { LogGroupName: g } },
    ]);
    const text = `CloudWatch Logs fails or is throttled delivering to the archive from ${groups.join(", ")} (DeliveryErrors + DeliveryThrottling).`;
    return deliveryAlarm(d, `${project}-${env.name}-${d.id}-${i + 1}`, text, { metric: metrics[0], sumOf: metrics }, runbookBase, `archive_subscription_delivery_${i + 1}`);
  });
}
