import { Construct } from "constructs";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { SignalModel } from "../model/types";
import { pinAddress } from "./addresses";

export interface SignalAlarmProps {
  readonly signal: SignalModel;
  /** Log group the filter reads (a token is fine). */
  readonly logGroupName: string;
  /** SNS topic ARNs, by TopicModel id. */
  readonly topicArns: Readonly<Record<string, string>>;
  /** `<workload>_<signal>`: address of both the filter and the alarm. */
  readonly address: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A metric filter and the alarm on the metric it publishes. The alarm's namespace, metric name and
 * dimensions come from the same model as the filter's transformation (and are checked, AIL016), so
 * the alarm watches datapoints that really exist.
 */
export class SignalAlarm extends Construct {
  readonly filter: CloudwatchLogMetricFilter;
  readonly alarm?: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: SignalAlarmProps) {
    super(scope, id);
    const { filter, alarm } = props.signal;
    const dims = Object.keys(filter.metric.dimensions).length > 0 ? { ...filter.metric.dimensions } : undefined;
    this.filter = pinAddress(
      new CloudwatchLogMetricFilter(this, "filter", {
        name: filter.name,
        logGroupName: props.logGroupName,
        pattern: filter.pattern,
        metricTransformation: {
          name: filter.metric.name,
          namespace: filter.metric.namespace,
          value: filter.metric.value,
          unit: filter.metric.unit,
          defaultValue: filter.metric.defaultValue === undefined ? undefined : String(filter.metric.defaultValue),
          dimensions: dims,
        },
      }),
      props.address,
    );
    if (!alarm) return;
    const actions = alarm.topicIds.map((topicId) => {
      const arn = props.topicArns[topicId];
      if (!arn) throw new Error(`signal ${props.signal.path}: no topic '${topicId}' in this stack`);
      return arn;
    });
    this.alarm = pinAddress(
      new CloudwatchMetricAlarm(this, "alarm", {
        alarmName: alarm.name,
        alarmDescription: alarm.description,
        namespace: alarm.metric.namespace,
        metricName: alarm.metric.name,
        dimensions: Object.keys(alarm.metric.dimensions).length > 0 ? { ...alarm.metric.dimensions } : undefined,
        unit: alarm.metric.unit,
        statistic: alarm.statistic,
        comparisonOperator: alarm.comparison,
        threshold: alarm.threshold,
        period: alarm.period,
        evaluationPeriods: alarm.evaluationPeriods,
        datapointsToAlarm: alarm.datapointsToAlarm,
        treatMissingData: alarm.treatMissingData,
        alarmActions: actions,
        okActions: actions,
        tags: { ...props.tags, severity: alarm.severity },
        // The filter must exist before the alarm can see its metric.
        dependsOn: [this.filter],
      }),
      props.address,
    );
  }
}
