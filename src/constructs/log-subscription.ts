import { Construct } from "constructs";
import { CloudwatchLogSubscriptionFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter";
import type { LogSubscriptionModel } from "../model/archive";
import { pinAddress } from "./addresses";

export interface LogSubscriptionProps {
  readonly subscription: LogSubscriptionModel;
  /** The subscribed log group (a reference, so the filter is created after the group). */
  readonly logGroupName: string;
  /** Address of the filter, e.g. `<workload>_archive`. */
  readonly address: string;
}

/**
 * A subscription filter on one log group: to the archive's Firehose stream (same account, with the
 * archive's ingest role), to the archive's destination in the log group's region (other accounts), or
 * to a workload's own destination. Address: `aws_cloudwatch_log_subscription_filter.<address>`.
 */
export class LogSubscription extends Construct {
  readonly filter: CloudwatchLogSubscriptionFilter;

  constructor(scope: Construct, id: string, props: LogSubscriptionProps) {
    super(scope, id);
    const s = props.subscription;
    this.filter = pinAddress(
      new CloudwatchLogSubscriptionFilter(this, "filter", {
        name: s.name,
        logGroupName: props.logGroupName,
        destinationArn: s.destinationArn,
        roleArn: s.roleArn,
        filterPattern: s.filterPattern,
      }),
      props.address,
    );
  }
}
