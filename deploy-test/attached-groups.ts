import type { MonitoringModel } from "../src/model/types";
import { logs } from "./emulator-api";

/**
 * Log groups the config attaches to instead of creating (`logGroup.create: false`, e.g. aws/spans,
 * which CloudWatch creates when Transaction Search is turned on): a real account has them before the
 * monitoring stacks are applied, and the stacks' filters and subscriptions fail without them. The
 * deploy test creates them in the emulator, as the user's account would have them.
 */
export interface AttachedGroup {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
}

export function attachedGroups(model: MonitoringModel): AttachedGroup[] {
  const seen = new Map<string, AttachedGroup>();
  for (const env of model.environments) {
    for (const w of env.workloads) {
      if (w.logGroup.create) continue;
      const group = { accountId: env.accountId, region: env.region, name: w.logGroup.name };
      seen.set(`${group.accountId}/${group.region}/${group.name}`, group);
    }
  }
  return [...seen.values()];
}

/** Creates each group in its account's emulator. */
export async function createAttachedGroups(groups: readonly AttachedGroup[], endpointOf: (accountId: string) => string): Promise<void> {
  for (const g of groups) await logs(endpointOf(g.accountId), g.region, "CreateLogGroup", { logGroupName: g.name });
}
