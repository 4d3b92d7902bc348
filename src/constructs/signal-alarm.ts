import { Construct } from "constructs";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { SignalModel } from "../model/types";
import { pinAddress } from "./addresses";
import { alarmActions, metricAlarmArgs } from "./metric-alarm";

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
    this.alarm = pinAddress(
      new CloudwatchMetricAlarm(this, "alarm", {
        ...metricAlarmArgs(alarm, alarmActions(alarm, props.topicArns, `signal ${props.signal.path}`), props.tags),
        // The filter must exist before the alarm can see its metric.
        dependsOn: [this.filter],
      }),
      props.address,
    );
  }
}
