import { DEFAULT_GROUP } from "../config/archive-schema";
import { kmsAliasName, monitoringStackName } from "./naming";
import type { EnvironmentModel, MonitoringModel, WorkloadModel } from "./types";

/**
 * How an environment's workloads are split into stacks: one stack per (environment, group), so every
 * Terraform state and plan stays small. The default group keeps the stack name `monitoring-<env>`
 * (and with it every existing address and state key); it also owns what the environment shares: the
 * alert topics, the account-level subscription policy and the OAM link. Other groups reference the
 * shared topics by ARN and have their own KMS key.
 */
export interface MonitoringStackLayout {
  readonly name: string;
  readonly environment: EnvironmentModel;
  readonly group: string;
  readonly isDefaultGroup: boolean;
  readonly workloads: readonly WorkloadModel[];
  /** Workloads that moved out of this group (`movedFrom`): this stack forgets them, its key keeps decrypting their old events. */
  readonly movedOut: readonly WorkloadModel[];
}

export function groupStackName(environment: string, group: string): string {
  return group === DEFAULT_GROUP ? monitoringStackName(environment) : `${monitoringStackName(environment)}-${group}`;
}

/** The group key's alias; the default group keeps the environment's alias. */
export function groupKeyAlias(project: string, environment: string, group: string): string {
  return group === DEFAULT_GROUP ? kmsAliasName(project, environment) : kmsAliasName(project, `${environment}-${group}`);
}

/** Every monitoring stack of the model: per environment, the default group first, then groups by name. */
export function monitoringStackLayouts(model: MonitoringModel): MonitoringStackLayout[] {
  return model.environments.flatMap((environment) => environmentLayouts(environment));
}

export function environmentLayouts(environment: EnvironmentModel): MonitoringStackLayout[] {
  const groups = new Set<string>([DEFAULT_GROUP]);
  for (const w of environment.workloads) {
    groups.add(w.group);
    if (w.movedFrom !== undefined) groups.add(w.movedFrom);
  }
  const ordered = [DEFAULT_GROUP, ...[...groups].filter((g) => g !== DEFAULT_GROUP).sort()];
  return ordered.map((group) => ({
    name: groupStackName(environment.name, group),
    environment,
    group,
    isDefaultGroup: group === DEFAULT_GROUP,
    workloads: environment.workloads.filter((w) => w.group === group),
    movedOut: environment.workloads.filter((w) => w.movedFrom === group),
  }));
}

/** An alert topic's ARN, for group stacks that notify the topics their environment's default stack creates. */
export function topicArn(environment: Pick<EnvironmentModel, "partition" | "region" | "accountId">, topicName: string): string {
  return `arn:${environment.partition}:sns:${environment.region}:${environment.accountId}:${topicName}`;
}
