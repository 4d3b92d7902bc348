import { Construct } from "constructs";
import { TerraformElement, TerraformResource, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BedrockModelInvocationLoggingConfiguration } from "@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchLogDataProtectionPolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-data-protection-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { CloudwatchLogSubscriptionFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { WorkloadModel } from "../model/types";
import { scratchStack } from "./scratch";

/**
 * Moving a workload between stack groups without destroying anything. Terraform cannot `moved` a
 * resource into another state, so the move is two halves planned together:
 * - the new group's stack declares the workload as usual plus an `import` block per resource (the
 *   ids below), so its plan adopts the existing objects instead of creating them;
 * - the old group's stack emits a `removed { from = <address>, lifecycle { destroy = false } }` block
 *   per resource, so its plan forgets them instead of destroying them.
 * Both are driven by `movedFrom: <old group>` on the workload (README, "Moving a workload between groups").
 */

type ImportId = (resource: TerraformResource, logGroupName: string) => string | undefined;

/**
 * A workload's resources that AWS names with random ids, unknown at synth time, so they cannot be
 * imported: they live outside `addWorkloadResources`, and a move deletes them in the old stack and
 * creates them in the new one (visible in both plans). None holds log data; an anomaly detector
 * starts learning again.
 */
export const RECREATED_ON_MOVE: readonly string[] = ["aws_cloudwatch_query_definition", "aws_cloudwatch_log_anomaly_detector"];

/** Import ids per resource type, as the AWS provider documents them. */
const IMPORT_IDS: readonly [new (...args: never[]) => TerraformResource, ImportId][] = [
  [CloudwatchLogGroup, (r) => (r as CloudwatchLogGroup).nameInput],
  [CloudwatchLogStream, (r, lg) => `${lg}:${(r as CloudwatchLogStream).nameInput}`],
  [CloudwatchLogMetricFilter, (r, lg) => `${lg}:${(r as CloudwatchLogMetricFilter).nameInput}`],
  [CloudwatchMetricAlarm, (r) => (r as CloudwatchMetricAlarm).alarmNameInput],
  [CloudwatchLogSubscriptionFilter, (r, lg) => `${lg}|${(r as CloudwatchLogSubscriptionFilter).nameInput}`],
  [CloudwatchLogDataProtectionPolicy, (_r, lg) => lg],
  [CloudwatchCompositeAlarm, (r) => (r as CloudwatchCompositeAlarm).alarmNameInput],
  [IamRole, (r) => (r as IamRole).nameInput],
  // ServiceRole names its inline policy after the role: `<role>:<policy>`.
  [IamRolePolicy, (r) => `${(r as IamRolePolicy).nameInput}:${(r as IamRolePolicy).nameInput}`],
  // One per account and region: its id is the region.
  [BedrockModelInvocationLoggingConfiguration, (r) => (TerraformStack.of(r).node.findAll().find((c) => c instanceof AwsProvider) as AwsProvider | undefined)?.regionInput],
];

/** The provider's import id of one of a workload's resources; throws for a type that has none here. */
export function importIdFor(resource: TerraformResource, logGroupName: string): string {
  const rule = IMPORT_IDS.find(([type]) => resource instanceof type);
  const id = rule?.[1](resource, logGroupName);
  if (id === undefined) {
    throw new Error(
      `cannot move ${resource.terraformResourceType}.${resource.friendlyUniqueId} between stacks: its import id is not known at synth time; add it to IMPORT_IDS in src/constructs/group-move.ts`,
    );
  }
  return id;
}

/** The Terraform resources under a construct (a workload's), in construction order. */
export function resourcesUnder(scope: Construct): TerraformResource[] {
  return scope.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
}

/** New group: adopt every resource of the moved workload with an `import` block. */
export function adoptMovedWorkload(scope: Construct, workload: WorkloadModel): void {
  for (const resource of resourcesUnder(scope)) resource.importFrom(importIdFor(resource, workload.logGroup.name));
}

/** A `removed` block that makes Terraform forget a resource without destroying it (Terraform >= 1.7). */
export class RemovedBlock extends TerraformElement {
  constructor(scope: Construct, id: string, private readonly from: string) {
    super(scope, id);
  }

  override toTerraform(): Record<string, unknown> {
    return { removed: [{ from: this.from, lifecycle: { destroy: false } }] };
  }
}

/**
 * Old group: forget every resource the workload had in this stack. The addresses come from building
 * the workload in a scratch stack with the same function the real stack uses, so they cannot drift
 * from what the workload really has.
 */
export function releaseMovedWorkload(scope: Construct, workload: WorkloadModel, build: (scratch: Construct) => void): void {
  const scratch = scratchStack();
  build(scratch);
  const released = new Construct(scope, `moved-out-${workload.name}`);
  for (const resource of resourcesUnder(scratch)) {
    const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    new RemovedBlock(released, address, address);
  }
}
