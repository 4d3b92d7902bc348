import { Construct } from "constructs";
import type { EnvironmentModel } from "../model/types";
import type { Severity } from "../signals/types";
import { AccountSubscriptionPolicy } from "./account-subscription-policy";
import { DeliveryAlarms } from "./delivery-alarms";
import { ArchiveSenderRole } from "./archive-sender-role";
import { ObservabilityLink } from "./oam";

export interface EnvironmentDeliveryProps {
  readonly environment: EnvironmentModel;
  /** The environment's alert topic ARNs, by topic id (`alerts_critical`, ...), for the delivery alarms. */
  readonly topicArns: Readonly<Record<string, string>>;
}

/**
 * What an environment's account and region share with the central account, owned by the environment's
 * default-group stack: the account-level subscription filter policy, the sender role (organization
 * mode) and the OAM link. Addresses: `aws_cloudwatch_log_account_policy.log_archive`,
 * `aws_iam_role.log_archive_sender`, `aws_iam_role_policy.log_archive_sender`, `aws_oam_link.monitoring`.
 */
export class EnvironmentDelivery extends Construct {
  constructor(scope: Construct, id: string, props: EnvironmentDeliveryProps) {
    super(scope, id);
    const env = props.environment;
    if (env.archiveSenderRole) {
      new ArchiveSenderRole(this, "sender-role", {
        role: env.archiveSenderRole,
        accountId: env.accountId,
        region: env.region,
        partition: env.partition,
        address: "log_archive_sender",
      });
    }
    if (env.accountSubscriptionPolicy) {
      new AccountSubscriptionPolicy(this, "account-policy", { policy: env.accountSubscriptionPolicy, address: "log_archive" });
    }
    if (env.deliveryAlarms.length > 0) {
      // Delivery alarms name a severity; the environment routes each severity to one of its topics.
      const topicOf = (severity: Severity) => props.topicArns[env.topics.find((t) => t.severities.includes(severity))!.id];
      new DeliveryAlarms(this, "alarms", { alarms: env.deliveryAlarms, topicArns: { critical: topicOf("critical"), warning: topicOf("warning") } });
    }
    if (env.oamLink) {
      new ObservabilityLink(this, "oam-link", { sinkArn: env.oamLink.sinkArn, resourceTypes: env.oamLink.resourceTypes, address: "monitoring" });
    }
  }
}
