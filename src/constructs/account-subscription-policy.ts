import { Construct } from "constructs";
import { CloudwatchLogAccountPolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-account-policy";
import type { AccountSubscriptionPolicyModel } from "../model/archive";
import { pinAddress } from "./addresses";

export interface AccountSubscriptionPolicyProps {
  readonly policy: AccountSubscriptionPolicyModel;
  readonly address: string;
}

/**
 * An account-level subscription filter policy: every log group of the account and region, present and
 * future, delivers to the destination, except those named in the selection criteria: the pipeline's
 * own log groups (or delivery errors would feed back into the pipeline) and workloads that opted out
 * or have their own filter. Address: `aws_cloudwatch_log_account_policy.<address>`.
 */
export class AccountSubscriptionPolicy extends Construct {
  readonly accountPolicy: CloudwatchLogAccountPolicy;

  constructor(scope: Construct, id: string, props: AccountSubscriptionPolicyProps) {
    super(scope, id);
    const p = props.policy;
    this.accountPolicy = pinAddress(
      new CloudwatchLogAccountPolicy(this, "policy", {
        policyName: p.name,
        policyType: "SUBSCRIPTION_FILTER_POLICY",
        scope: "ALL",
        policyDocument: JSON.stringify({
          DestinationArn: p.destinationArn,
          ...(p.roleArn ? { RoleArn: p.roleArn } : {}),
          FilterPattern: p.filterPattern,
          Distribution: "Random",
        }),
        selectionCriteria: p.excludedLogGroups.length > 0 ? selectionCriteria(p.excludedLogGroups) : undefined,
      }),
      props.address,
    );
  }
}

/** The only selector CloudWatch Logs accepts for subscription filter policies: `LogGroupName NOT IN [...]`. */
export function selectionCriteria(excludedLogGroups: readonly string[]): string {
  return `LogGroupName NOT IN ${JSON.stringify(excludedLogGroups)}`;
}
