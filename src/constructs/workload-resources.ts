import type { Construct } from "constructs";
import type { WorkloadModel } from "../model/types";
import { LogSubscription } from "./log-subscription";
import { WorkloadLogs, type WorkloadLogsProps } from "./workload-logs";

/**
 * Everything one workload owns in its stack: its logs, signals and outputs (WorkloadLogs) and the
 * subscription filters of its log group, all under one construct, so a group move can find them all.
 * Subscription addresses: `aws_cloudwatch_log_subscription_filter.<workload>_<subscription id>`.
 */
export function addWorkloadResources(scope: Construct, workload: WorkloadModel, props: Omit<WorkloadLogsProps, "workload">): WorkloadLogs {
  const logs = new WorkloadLogs(scope, workload.name, { ...props, workload });
  for (const subscription of workload.subscriptions) {
    new LogSubscription(logs, `subscription-${subscription.id}`, {
      subscription,
      logGroupName: logs.logGroup.name,
      address: `${workload.id}_${subscription.id}`,
    });
  }
  return logs;
}
