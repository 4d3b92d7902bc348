import type { CloudwatchMetricAlarmConfig, CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { isPercentile } from "../aws/limits";
import type { AlarmMetricModel, AlarmModel } from "../model/types";

/**
 * An alarm model -> the arguments of `aws_cloudwatch_metric_alarm`, in one of three shapes:
 * - a fixed threshold on one metric: `namespace`/`metric_name`/`statistic`/`threshold`;
 * - a ratio (metric math): `metric_query` num, den and `ratio = scale * FILL(num, 0) / den`, the
 *   only query returning data, compared with `threshold`;
 * - a sum over several metrics (`sumOf`): `m0`..`mN` and `total = SUM(METRICS())`, compared with `threshold`;
 * - an anomaly band: the value query (the metric, or the ratio) plus
 *   `ad1 = ANOMALY_DETECTION_BAND(<value>, width)`, both returning data, `threshold_metric_id = ad1`.
 */
export function metricAlarmArgs(
  alarm: AlarmModel,
  actions: readonly string[],
  tags: Readonly<Record<string, string>> = {},
): Omit<CloudwatchMetricAlarmConfig, "dependsOn" | "lifecycle" | "provider" | "count" | "forEach"> {
  const common = {
    alarmName: alarm.name,
    alarmDescription: alarm.description,
    comparisonOperator: alarm.comparison,
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    treatMissingData: alarm.treatMissingData,
    alarmActions: [...actions],
    okActions: [...actions],
    tags: { ...tags, severity: alarm.severity },
  };
  if (!alarm.ratio && !alarm.anomalyBand && !alarm.sumOf) {
    return {
      ...common,
      namespace: alarm.metric.namespace,
      metricName: alarm.metric.name,
      dimensions: dimensionsOf(alarm.metric),
      unit: alarm.metric.unit,
      // Percentiles are an ExtendedStatistic in the alarm API (`p90`); metric queries take both as `stat`.
      ...(isPercentile(alarm.statistic) ? { extendedStatistic: alarm.statistic } : { statistic: alarm.statistic }),
      period: alarm.period,
      threshold: alarm.threshold,
    };
  }
  const stat = (id: string, metric: AlarmMetricModel, returnData: boolean): CloudwatchMetricAlarmMetricQuery => ({
    id,
    returnData,
    metric: {
      namespace: metric.namespace,
      metricName: metric.name,
      dimensions: dimensionsOf(metric),
      period: alarm.period,
      stat: alarm.statistic,
      unit: metric.unit,
    },
  });
  const queries: CloudwatchMetricAlarmMetricQuery[] = alarm.sumOf
    ? [...alarm.sumOf.map((m, i) => stat(`m${i}`, m, false)), { id: "total", expression: "SUM(METRICS())", label: `${alarm.metric.name} (sum)`, returnData: true }]
    : alarm.ratio
    ? [
        stat("num", alarm.metric, false),
        stat("den", alarm.ratio.denominator, false),
        // A quiet numerator filter publishes nothing; FILL makes that 0 instead of no ratio at all.
        { id: "ratio", expression: `${alarm.ratio.scale} * FILL(num, 0) / den`, label: `${alarm.metric.name} per ${alarm.ratio.denominator.name}`, returnData: true },
      ]
    : [stat("m1", alarm.metric, true)];
  const value = alarm.sumOf ? "total" : alarm.ratio ? "ratio" : "m1";
  if (!alarm.anomalyBand) return { ...common, metricQuery: queries, threshold: alarm.threshold };
  return {
    ...common,
    metricQuery: [...queries, { id: "ad1", expression: `ANOMALY_DETECTION_BAND(${value}, ${alarm.anomalyBand.width})`, label: `${alarm.metric.name} (expected band)`, returnData: true }],
    thresholdMetricId: "ad1",
  };
}

function dimensionsOf(metric: AlarmMetricModel): Record<string, string> | undefined {
  return Object.keys(metric.dimensions).length > 0 ? { ...metric.dimensions } : undefined;
}

/** Topic ids -> ARNs; a missing topic is a bug in the stack, not in the user's config. */
export function alarmActions(alarm: AlarmModel, topicArns: Readonly<Record<string, string>>, owner: string): string[] {
  return alarm.topicIds.map((topicId) => {
    const arn = topicArns[topicId];
    if (!arn) throw new Error(`${owner}: no topic '${topicId}' in this stack`);
    return arn;
  });
}
