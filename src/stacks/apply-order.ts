import { stateBucketStackName } from "../model/naming";
import { monitoringStackLayouts } from "../model/stack-layout";
import type { MonitoringModel } from "../model/types";

/**
 * The order stacks must be applied in, phase after phase; stacks of one phase are independent.
 * - `state`: the state buckets hold every other stack's state.
 * - `archive`: the monitoring stacks' subscription filters and account-level subscription policy name
 *   the archive's Firehose stream or CloudWatch Logs destination, which must exist when they are created.
 * - `monitoring`: everything else.
 * They reference each other by ARN strings, not Terraform references, so cdktf records no dependency
 * between them: this is the one place the order lives (Atlantis' execution_order_group, the deploy test).
 */
export const APPLY_PHASES = ["state", "archive", "monitoring"] as const;
export type ApplyPhase = (typeof APPLY_PHASES)[number];

export interface StackApplyPhase {
  readonly stack: string;
  readonly phase: ApplyPhase;
}

/** Every stack of the model with its phase, in apply order. */
export function stackApplyOrder(model: MonitoringModel): StackApplyPhase[] {
  return [
    ...model.stateBuckets.map((b) => ({ stack: stateBucketStackName(b.bucket), phase: "state" as const })),
    ...(model.archive ? [{ stack: model.archive.stackName, phase: "archive" as const }] : []),
    ...monitoringStackLayouts(model).map((l) => ({ stack: l.name, phase: "monitoring" as const })),
  ];
}

/** 0 for `state`, 1 for `archive`, 2 for `monitoring`. */
export function phaseIndex(phase: ApplyPhase): number {
  return APPLY_PHASES.indexOf(phase);
}
