import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { DeliveryAlarmModel } from "../model/delivery-alarms";
import type { Severity } from "../signals/types";
import { pinAddress } from "./addresses";
import { alarmActions, metricAlarmArgs } from "./metric-alarm";

export interface DeliveryAlarmsProps {
  readonly alarms: readonly DeliveryAlarmModel[];
  /** SNS topic ARN per severity (the alarms' `topicIds` are severities). */
  readonly topicArns: Readonly<Record<Severity, string>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The aggregation path's own alarms (src/model/delivery-alarms.ts): on the archive's Firehose stream
 * in the archive stack, on an environment's subscription deliveries in its default stack.
 * Addresses: `aws_cloudwatch_metric_alarm.<id with _>`.
 */
export class DeliveryAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: DeliveryAlarmsProps) {
    super(scope, id);
    this.alarms = props.alarms.map((d) =>
      pinAddress(
        new CloudwatchMetricAlarm(this, d.address, metricAlarmArgs(d.alarm, alarmActions(d.alarm, props.topicArns, `delivery alarm ${d.alarm.name}`), props.tags)),
        d.address,
      ),
    );
  }
}
