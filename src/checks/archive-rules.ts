import { MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from "../aws/limits";
import type { ConfigProblem } from "../config/errors";
import type { AccountSubscriptionPolicyModel, LogSubscriptionModel, SubscriptionTargetModel } from "../model/archive";
import type { EnvironmentModel, MonitoringModel, WorkloadModel } from "../model/types";
import { type Rule, workloadProblem, workloadSites } from "./finding";

/**
 * Rules of delivery to the archive (and to workloads' own subscription destinations): CloudWatch Logs
 * limits and cross-account permissions that would otherwise fail only at apply time, or worse, apply
 * and then deliver nothing.
 */

/** Does the environment's account-level policy cover this log group? */
function policyCovers(env: EnvironmentModel, workload: WorkloadModel): boolean {
  const policy = env.accountSubscriptionPolicy;
  return policy !== undefined && !policy.excludedLogGroups.includes(workload.logGroup.name);
}

/** Firehose in the same account may be in another region; destinations, streams and functions may not. */
function sameRegionRequired(env: EnvironmentModel, target: SubscriptionTargetModel): boolean {
  const firehose = /:firehose:/.test(target.destinationArn);
  return !(firehose && target.destinationAccountId === env.accountId);
}

interface Delivery {
  readonly env: EnvironmentModel;
  readonly target: SubscriptionTargetModel & { readonly path: string };
  /** The workload, for log-group filters; absent for the environment's account policy. */
  readonly workload?: WorkloadModel;
  readonly subscription?: LogSubscriptionModel;
}

function* deliveries(model: MonitoringModel): Generator<Delivery> {
  for (const env of model.environments) {
    if (env.accountSubscriptionPolicy) yield { env, target: env.accountSubscriptionPolicy };
    for (const workload of env.workloads) for (const subscription of workload.subscriptions) yield { env, target: subscription, workload, subscription };
  }
}

function deliveryName(d: Delivery): string {
  if (!d.workload) return "its account-level subscription policy";
  return d.target.toArchive ? "its archive subscription" : `subscription '${d.subscription!.name}'`;
}

function problem(model: MonitoringModel, code: string, d: Delivery, message: string, more = 0): ConfigProblem {
  const others = more > 0 ? ` (and ${more} more workload${more > 1 ? "s" : ""} of this environment)` : "";
  if (d.workload) return { ...workloadProblem(model, code, { env: d.env, workload: d.workload }, `${deliveryName(d)}${others}: ${message}`), path: d.target.path };
  return { file: model.source, path: d.target.path, code, message: `environment '${d.env.name}': ${deliveryName(d)}: ${message}` };
}

/**
 * Archive deliveries of one environment share one cause (the environment's account or region), so
 * they are reported once per environment; every other delivery is reported on its own.
 */
function reportOncePerEnvironment(model: MonitoringModel, code: string, found: Delivery[], message: (d: Delivery) => string): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const archiveByEnv = new Map<EnvironmentModel, Delivery[]>();
  for (const d of found) {
    if (d.target.toArchive) archiveByEnv.set(d.env, [...(archiveByEnv.get(d.env) ?? []), d]);
    else out.push(problem(model, code, d, message(d)));
  }
  for (const group of archiveByEnv.values()) out.push(problem(model, code, group[0], message(group[0]), group.length - 1));
  return out;
}

export const archiveRules: readonly Rule[] = [
  {
    code: "AIL040",
    title: "At most 2 subscription filters per log group, the account-level subscription policy included",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const site of workloadSites(model)) {
        const names = site.workload.subscriptions.map((s) => `'${s.name}'`);
        if (policyCovers(site.env, site.workload)) names.push(`the account-level policy '${(site.env.accountSubscriptionPolicy as AccountSubscriptionPolicyModel).name}'`);
        if (names.length > MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP) {
          out.push(
            workloadProblem(model, "AIL040", site, `log group '${site.workload.logGroup.name}' would have ${names.length} subscription filters (${names.join(", ")}); CloudWatch Logs allows at most ${MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP}. Drop a subscription, or opt this workload out of the archive (archive.enabled: false)`, "subscriptions"),
          );
        }
      }
      return out;
    },
  },
  {
    code: "AIL041",
    title: "Log groups and the destination they subscribe to are in the same region",
    check: (model) =>
      reportOncePerEnvironment(
        model,
        "AIL041",
        [...deliveries(model)].filter((d) => sameRegionRequired(d.env, d.target) && d.target.destinationRegion !== d.env.region),
        (d) =>
          `log groups in ${d.env.region} cannot subscribe to ${d.target.destinationArn} in ${d.target.destinationRegion}: a CloudWatch Logs destination accepts log groups of its own region only` +
          (d.target.toArchive ? `. Add ${d.env.region} to archive.regions (the archive then gets a destination there)` : ""),
      ),
  },
  {
    code: "AIL042",
    title: "A source account delivers to the archive only if the archive's destination allows it",
    check: (model) => {
      const archive = model.archive;
      if (!archive) return [];
      const allowed = (accountId: string) => archive.sources.accounts.includes(accountId) || archive.sources.organizationId !== undefined;
      return reportOncePerEnvironment(
        model,
        "AIL042",
        [...deliveries(model)].filter((d) => d.target.toArchive && d.target.destinationAccountId !== d.env.accountId && !allowed(d.env.accountId)),
        (d) =>
          `account ${d.env.accountId} is not allowed to deliver to the archive's destination in account ${archive.accountId} (archive.sources allows ${archive.sources.accounts.length > 0 ? archive.sources.accounts.join(", ") : "no account"}); add it to archive.sources.accounts, or turn delivery off for this environment (archive.enabled: false)`,
      );
    },
  },
];
