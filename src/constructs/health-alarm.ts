import { Construct } from "constructs";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { MAX_COMPOSITE_ALARM_RULE_LENGTH } from "../aws/monitoring-limits";
import type { HealthAlarmModel } from "../model/monitoring";
import { pinAddress } from "./addresses";

export interface HealthAlarmProps {
  readonly health: HealthAlarmModel;
  /**
   * Alarm name -> the name as a reference to the alarm resource, so the composite is created after
   * its members (and the suppressor); names not in here are used as given.
   */
  readonly alarmRefs: ReadonlyMap<string, string>;
  /** SNS topic ARNs, by TopicModel id. */
  readonly topicArns: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
  /** `<workload>_health`. */
  readonly address: string;
}

/** `ALARM("a") OR ALARM("b") ...`, the rule of a composite alarm over the named alarms. */
export function anyInAlarmRule(names: readonly string[]): string {
  return names.map((n) => `ALARM(${JSON.stringify(n)})`).join(" OR ");
}

/**
 * The workload's health: a composite alarm in ALARM while any of its alarms is. It notifies only if
 * config asks (`health.notify`), and its actions can be suppressed by another alarm (for example a
 * training job's heartbeat, while no job runs).
 */
export class HealthAlarm extends Construct {
  readonly alarm: CloudwatchCompositeAlarm;

  constructor(scope: Construct, id: string, props: HealthAlarmProps) {
    super(scope, id);
    const h = props.health;
    const ref = (name: string) => props.alarmRefs.get(name) ?? name;
    // Measured on the names: references render as `${...}` and resolve to these names.
    const ruleLength = anyInAlarmRule(h.alarmNames).length;
    if (ruleLength > MAX_COMPOSITE_ALARM_RULE_LENGTH) {
      throw new Error(`health alarm ${h.name}: its rule over ${h.alarmNames.length} alarms has ${ruleLength} characters; CloudWatch allows ${MAX_COMPOSITE_ALARM_RULE_LENGTH}`);
    }
    const actions = h.topicIds.map((t) => {
      const arn = props.topicArns[t];
      if (!arn) throw new Error(`health alarm ${h.name}: no topic '${t}' in this stack`);
      return arn;
    });
    this.alarm = pinAddress(
      new CloudwatchCompositeAlarm(this, "alarm", {
        alarmName: h.name,
        alarmDescription: h.description,
        alarmRule: anyInAlarmRule(h.alarmNames.map(ref)),
        actionsEnabled: true,
        alarmActions: actions,
        okActions: actions,
        actionsSuppressor: h.suppressor
          ? { alarm: ref(h.suppressor.alarm), extensionPeriod: h.suppressor.extensionPeriod, waitPeriod: h.suppressor.waitPeriod }
          : undefined,
        tags: { ...props.tags },
      }),
      props.address,
    );
  }
}
