import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { streamAddress } from "../model/naming";
import { USAGE_METADATA_KEY, usageMetadata } from "../model/expected-usage";
import type { WorkloadModel } from "../model/types";
import { pinAddress, protectData } from "./addresses";
import { SignalAlarm } from "./signal-alarm";
import { WorkloadMonitoring, type AccountFacts } from "./workload-monitoring";

export interface WorkloadLogsProps {
  readonly workload: WorkloadModel;
  /** Key for the log group unless the workload names its own. */
  readonly defaultKmsKeyArn: string;
  readonly topicArns: Readonly<Record<string, string>>;
  /** Let Terraform destroy the log group and its events. @default false */
  readonly allowDestroy?: boolean;
  /** Account, region and partition, for data protection and Bedrock logging. @default none (such workloads throw) */
  readonly account?: AccountFacts;
  /** The stack's data-protection audit log group (a reference). @default the model's name */
  readonly auditLogGroupName?: string;
}

/**
 * One workload's logs: the encrypted log group (protected from destroy), its static streams, one
 * SignalAlarm per signal, and outputs a Terraform-native team can rely on.
 * Addresses: `aws_cloudwatch_log_group.<w>`, `aws_cloudwatch_log_stream.<w>_<stream>`,
 * `aws_cloudwatch_log_metric_filter.<w>_<signal>`, `aws_cloudwatch_metric_alarm.<w>_<signal>`, plus
 * the kind's other alarms, health alarm, data protection and Bedrock logging (workload-monitoring.ts).
 */
/** What readers of a workload's log group need: its name and ARN (references when the group is created here). */
export interface LogGroupRef {
  readonly name: string;
  readonly arn: string;
}

export class WorkloadLogs extends Construct {
  readonly logGroup: LogGroupRef;
  /** The log group resource; absent when the group exists already (`logGroup.create: false`). */
  readonly logGroupResource?: CloudwatchLogGroup;
  readonly signals: SignalAlarm[];
  /** Ratio and AWS-metric alarms, health, data protection, Bedrock logging (workload-monitoring.ts). */
  readonly monitoring: WorkloadMonitoring;

  constructor(scope: Construct, id: string, props: WorkloadLogsProps) {
    super(scope, id);
    const w = props.workload;
    const allowDestroy = props.allowDestroy ?? false;
    if (w.logGroup.create) {
      this.logGroupResource = pinAddress(
        new CloudwatchLogGroup(this, "log-group", {
          name: w.logGroup.name,
          retentionInDays: w.logGroup.retentionDays,
          logGroupClass: w.logGroup.logGroupClass,
          kmsKeyId: w.logGroup.kmsKeyArn ?? props.defaultKmsKeyArn,
          // skip_destroy keeps the log group in AWS even if the resource leaves the configuration.
          skipDestroy: !allowDestroy,
          lifecycle: protectData(allowDestroy),
          tags: { ...w.tags },
        }),
        w.id,
      );
      // Cost hints for the review, in the comment property Terraform ignores (src/model/expected-usage.ts).
      if (w.expectedUsage) this.logGroupResource.addOverride(`//.${USAGE_METADATA_KEY}`, usageMetadata(w.expectedUsage));
      this.logGroup = this.logGroupResource;
    } else {
      // A group someone else owns (a service's aws/spans, /aws/lambda/...): read by name, never created.
      if (!props.account) throw new Error(`workload ${w.name}: an existing log group needs the environment's account facts for its ARN`);
      const { partition, region, accountId } = props.account;
      this.logGroup = { name: w.logGroup.name, arn: `arn:${partition}:logs:${region}:${accountId}:log-group:${w.logGroup.name}` };
    }
    const streams = w.logGroup.streams.map((stream) =>
      pinAddress(
        new CloudwatchLogStream(this, `stream-${stream}`, { name: stream, logGroupName: this.logGroup.name }),
        `${w.id}_${streamAddress(stream)}`,
      ),
    );
    this.signals = w.signals.map(
      (signal) =>
        new SignalAlarm(this, `signal-${signal.id}`, {
          signal,
          logGroupName: this.logGroup.name,
          topicArns: props.topicArns,
          address: `${w.id}_${signal.addressId}`,
          tags: w.tags,
        }),
    );

    this.monitoring = new WorkloadMonitoring(this, "monitoring", {
      workload: w,
      logGroup: this.logGroup,
      signals: this.signals,
      topicArns: props.topicArns,
      account: props.account,
      auditLogGroupName: props.auditLogGroupName,
      tags: w.tags,
    });

    const output = (name: string, value: unknown, description: string) =>
      pinAddress(new TerraformOutput(this, name, { value, description }), `${w.id}_${name}`);
    output("log_group_name", this.logGroup.name, `Log group of workload ${w.name}`);
    output("log_group_arn", this.logGroup.arn, `ARN of the log group of workload ${w.name}`);
    output("log_stream_names", streams.map((s) => s.name), `Static log streams of workload ${w.name}`);
    output(
      "alarm_names",
      [...this.signals.flatMap((s) => (s.alarm ? [s.alarm.alarmName] : [])), ...this.monitoring.alarmNames()],
      `Alarms of workload ${w.name}`,
    );
  }
}
