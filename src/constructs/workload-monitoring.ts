import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { EnvironmentModel, WorkloadModel } from "../model/types";
import { pinAddress } from "./addresses";
import { BedrockInvocationLogging } from "./bedrock-invocation-logging";
import { DataProtection } from "./data-protection";
import { HealthAlarm } from "./health-alarm";
import { alarmActions, metricAlarmArgs } from "./metric-alarm";
import type { SignalAlarm } from "./signal-alarm";
import type { LogGroupRef } from "./workload-logs";

/** The account facts ARNs need. */
export type AccountFacts = Pick<EnvironmentModel, "accountId" | "region" | "partition">;

export interface WorkloadMonitoringProps {
  readonly workload: WorkloadModel;
  readonly logGroup: LogGroupRef;
  /** The workload's filters and their alarms. */
  readonly signals: readonly SignalAlarm[];
  /** SNS topic ARNs, by TopicModel id. */
  readonly topicArns: Readonly<Record<string, string>>;
  /** Needed for data protection and Bedrock logging. @default none: such workloads throw */
  readonly account?: AccountFacts;
  /** The stack's audit log group name (a reference, so it exists first). @default the model's name */
  readonly auditLogGroupName?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * What a workload has beyond metric filters, kept under the workload's construct so a stack-group
 * move finds it: ratio and AWS-metric alarms (`aws_cloudwatch_metric_alarm.<w>_<alarm>`), the health
 * composite alarm (`aws_cloudwatch_composite_alarm.<w>_health`), the data protection policy
 * (`aws_cloudwatch_log_data_protection_policy.<w>`) and, where this environment owns it, Bedrock's
 * invocation logging (`aws_bedrock_model_invocation_logging_configuration.<w>`, role `<w>_bedrock_logging`).
 */
export class WorkloadMonitoring extends Construct {
  readonly alarms: CloudwatchMetricAlarm[];
  readonly health?: HealthAlarm;
  readonly dataProtection?: DataProtection;
  readonly bedrockLogging?: BedrockInvocationLogging;

  constructor(scope: Construct, id: string, props: WorkloadMonitoringProps) {
    super(scope, id);
    const w = props.workload;
    const filterOf = (metricName: string) => props.signals.find((s) => s.filter.metricTransformationInput?.name === metricName && Object.keys(s.filter.metricTransformationInput?.dimensions ?? {}).length === 0)?.filter;
    this.alarms = (w.alarms ?? []).map((a) => {
      const filters = a.alarm.ratio ? [filterOf(a.alarm.metric.name), filterOf(a.alarm.ratio.denominator.name)].filter((f) => f !== undefined) : [];
      return pinAddress(
        new CloudwatchMetricAlarm(this, `alarm-${a.id}`, {
          ...metricAlarmArgs(a.alarm, alarmActions(a.alarm, props.topicArns, `alarm ${a.path}`), props.tags),
          dependsOn: filters.length > 0 ? filters : undefined,
        }),
        `${w.id}_${a.addressId}`,
      );
    });

    if (w.health) {
      const refs = new Map<string, string>();
      for (const s of props.signals) if (s.alarm) refs.set(s.alarm.alarmNameInput!, s.alarm.alarmName);
      for (const a of this.alarms) refs.set(a.alarmNameInput!, a.alarmName);
      this.health = new HealthAlarm(this, "health", { health: w.health, alarmRefs: refs, topicArns: props.topicArns, tags: props.tags, address: `${w.id}_health` });
    }

    const account = () => {
      if (!props.account) throw new Error(`workload ${w.name}: data protection and Bedrock logging need the environment's account facts`);
      return props.account;
    };
    if (w.dataProtection) {
      this.dataProtection = new DataProtection(this, "data-protection", {
        protection: w.dataProtection,
        logGroupName: props.logGroup.name,
        auditLogGroupName: props.auditLogGroupName,
        partition: account().partition,
        address: w.id,
      });
    }
    if (w.bedrockLogging) {
      const { accountId, region, partition } = account();
      this.bedrockLogging = new BedrockInvocationLogging(this, "bedrock-logging", {
        logging: w.bedrockLogging,
        logGroupName: props.logGroup.name,
        logGroupNameLiteral: w.logGroup.name,
        accountId,
        region,
        partition,
        address: w.id,
      });
    }
  }

  /** Names of every alarm this construct made (for outputs). */
  alarmNames(): string[] {
    return [...this.alarms.map((a) => a.alarmName), ...(this.health ? [this.health.alarm.alarmName] : [])];
  }
}
