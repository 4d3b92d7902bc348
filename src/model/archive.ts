import { createHash } from "node:crypto";
import type { ArchiveCompression, ArchiveStorageClass } from "../aws/archive-limits";
import { MAX_IAM_ROLE_NAME_LENGTH } from "../aws/archive-limits";
import { DEFAULT_GROUP, DEFAULT_MAX_RESOURCES_PER_STACK, type SubscriptionMode } from "../config/archive-schema";
import type { Config, EnvironmentConfig, WorkloadConfig } from "../config/schema";
import { workloadLogGroupName } from "./monitoring";
import type { Severity } from "../signals/types";
import { addressId, partitionOf, topicName } from "./naming";
import { topicArn } from "./stack-layout";
import { archiveDeliveryAlarms, type DeliveryAlarmModel } from "./delivery-alarms";

/**
 * The central log archive, resolved from config: where it lives, the names and ARNs every stack
 * agrees on (computed here, so source stacks need no cross-stack references and plan on their own),
 * and how each environment and workload delivers to it.
 */

export const ARCHIVE_STACK_NAME = "log-archive";
/** S3 key prefixes inside the archive bucket. */
export const ARCHIVE_PREFIXES = { logs: "logs/", errors: "errors/", athenaResults: "athena-results/" } as const;

export interface ArchiveLifecycleModel {
  readonly transitions: readonly { readonly days: number; readonly storageClass: ArchiveStorageClass }[];
  /** Absent: archived objects are kept until deleted by hand. */
  readonly expirationDays?: number;
  readonly noncurrentVersionDays: number;
}

export interface ArchiveModel {
  /** Config path, for messages. */
  readonly path: string;
  readonly project: string;
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly stateBucket: string;
  readonly allowDestroy: boolean;
  readonly bucketName: string;
  readonly kmsAliasName: string;
  readonly compression: ArchiveCompression;
  readonly bufferSizeMiB: number;
  readonly bufferIntervalSeconds: number;
  readonly lifecycle: ArchiveLifecycleModel;
  readonly deliveryStreamName: string;
  readonly deliveryStreamArn: string;
  /** Firehose's own error log group: the pipeline's log group, never subscribed (no feedback loop). */
  readonly deliveryLogGroupName: string;
  /** Role Firehose assumes to write to S3. */
  readonly deliveryRoleName: string;
  /** Role CloudWatch Logs assumes to put records into Firehose (destinations and same-account filters). */
  readonly ingestRoleName: string;
  readonly ingestRoleArn: string;
  readonly destinationName: string;
  /** One CloudWatch Logs destination per region accepting logs from other accounts. */
  readonly destinations: readonly { readonly region: string; readonly arn: string }[];
  readonly sources: { readonly accounts: readonly string[]; readonly organizationId?: string };
  /** Regions of log groups in the archive account itself, which deliver straight to Firehose. */
  readonly sameAccountRegions: readonly string[];
  readonly catalog: { readonly database: string; readonly table: string; readonly workgroup: string };
  /** OAM sink in the archive account; `accounts`: the environments' accounts that link to it. */
  readonly oam?: { readonly sinkName: string; readonly resourceTypes: readonly string[]; readonly accounts: readonly string[] };
  readonly tags: Readonly<Record<string, string>>;
  /** SNS topics the archive's own alarms notify, by severity: the home environment's, or `archive.alarmTopics`. */
  readonly alarmTopicArns: Readonly<Record<Severity, string>>;
  /** The environment the archive lives in (`archive.environment`); none: an account of its own, topics from `archive.alarmTopics`. */
  readonly homeEnvironment?: string;
  /** Alarms on the Firehose stream (src/model/delivery-alarms.ts). */
  readonly deliveryAlarms: readonly DeliveryAlarmModel[];
}

/** Where one subscription delivers, with the facts the checks compare. */
export interface SubscriptionTargetModel {
  readonly destinationArn: string;
  /** Role CloudWatch Logs assumes: the archive's ingest role (same account) or the sender role (organization). */
  readonly roleArn?: string;
  /** Region and account of the destination, parsed from its ARN. */
  readonly destinationRegion: string;
  readonly destinationAccountId: string;
  /** Delivers to this project's archive (not to a workload's own extra destination). */
  readonly toArchive: boolean;
}

/** A subscription filter on one workload log group. */
export interface LogSubscriptionModel extends SubscriptionTargetModel {
  /** Address suffix: `<workload>_<id>`. */
  readonly id: string;
  /** Filter name in CloudWatch Logs. */
  readonly name: string;
  readonly filterPattern: string;
  /** Config path, for messages. */
  readonly path: string;
}

/** An account-level subscription filter policy (one per account and region). */
export interface AccountSubscriptionPolicyModel extends SubscriptionTargetModel {
  readonly name: string;
  readonly filterPattern: string;
  /** `LogGroupName NOT IN [...]`: the pipeline's own log groups and workloads that opted out or subscribe on their own. */
  readonly excludedLogGroups: readonly string[];
  readonly path: string;
}

/** The role a source account's CloudWatch Logs assumes when the archive admits it by organization. */
export interface ArchiveSenderRoleModel {
  readonly name: string;
  readonly arn: string;
}

export interface OamLinkModel {
  readonly sinkArn: string;
  readonly resourceTypes: readonly string[];
  readonly path: string;
}

/** What build-model adds to an environment. */
export interface EnvironmentArchiveFields {
  readonly accountSubscriptionPolicy?: AccountSubscriptionPolicyModel;
  readonly archiveSenderRole?: ArchiveSenderRoleModel;
  readonly oamLink?: OamLinkModel;
}

/** What build-model adds to a workload. */
export interface WorkloadPlacementFields {
  /** Stack group; `default` keeps the stack `monitoring-<env>`. */
  readonly group: string;
  /** The group this workload is moving out of (its old stack forgets, its new stack imports). */
  readonly movedFrom?: string;
  readonly subscriptions: readonly LogSubscriptionModel[];
}

const DEFAULT_TRANSITIONS = [
  { days: 30, storageClass: "STANDARD_IA" },
  { days: 90, storageClass: "GLACIER_IR" },
] as const;

/** The archive of a config, built once per model (buildModel passes it to every environment and workload). */
export function buildArchive(config: Config): ArchiveModel | undefined {
  const a = config.archive;
  if (!a) return undefined;
  const home = a.environment ? config.environments.find((e) => e.name === a.environment)! : undefined;
  const accountId = home?.accountId ?? a.accountId!;
  const region = home?.region ?? a.region!;
  const partition = partitionOf(region);
  const p = config.project;
  const name = `${p}-log-archive`;
  const destinationRegions = [...new Set(a.regions ?? [region])];
  const sameAccountRegions = [...new Set(config.environments.filter((e) => e.accountId === accountId).map((e) => e.region))];
  const archive: Omit<ArchiveModel, "deliveryAlarms"> = {
    path: "archive",
    project: p,
    stackName: ARCHIVE_STACK_NAME,
    accountId,
    region,
    partition,
    stateBucket: home?.stateBucket ?? a.stateBucket!,
    allowDestroy: a.allowDestroy ?? false,
    bucketName: a.bucketName,
    kmsAliasName: `alias/${name}`,
    compression: a.compression ?? "GZIP",
    bufferSizeMiB: a.buffering?.sizeMiB ?? 64,
    bufferIntervalSeconds: a.buffering?.intervalSeconds ?? 300,
    lifecycle: {
      transitions: a.lifecycle?.transitions ?? DEFAULT_TRANSITIONS,
      expirationDays: a.lifecycle?.expirationDays,
      noncurrentVersionDays: a.lifecycle?.noncurrentVersionDays ?? 30,
    },
    deliveryStreamName: name,
    deliveryStreamArn: `arn:${partition}:firehose:${region}:${accountId}:deliverystream/${name}`,
    deliveryLogGroupName: `/aws/kinesisfirehose/${name}`,
    deliveryRoleName: iamRoleName(`${name}-delivery`),
    ingestRoleName: iamRoleName(`${name}-ingest`),
    ingestRoleArn: `arn:${partition}:iam::${accountId}:role/${iamRoleName(`${name}-ingest`)}`,
    destinationName: name,
    destinations: destinationRegions.map((r) => ({ region: r, arn: `arn:${partitionOf(r)}:logs:${r}:${accountId}:destination:${name}` })),
    sources: { accounts: [...new Set(a.sources?.accounts ?? [])], organizationId: a.sources?.organizationId },
    sameAccountRegions,
    catalog: { database: `${addressId(p)}_log_archive`, table: "cloudwatch_logs", workgroup: name },
    oam: a.oam
      ? {
          sinkName: `${p}-monitoring`,
          resourceTypes: a.oam.resourceTypes ?? ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"],
          accounts: [...new Set(config.environments.filter((e) => linksToSink(config, e, accountId)).map((e) => e.accountId))],
        }
      : undefined,
    tags: { component: "log-archive" },
    alarmTopicArns: archiveAlarmTopics(config, home, { partition, region, accountId }),
    homeEnvironment: home?.name,
  };
  return { ...archive, deliveryAlarms: archiveDeliveryAlarms(archive, config.defaults?.runbookBaseUrl) };
}

/** The archive environment's alert topics (created by its default stack, or existing ones), else `archive.alarmTopics`. */
function archiveAlarmTopics(config: Config, home: EnvironmentConfig | undefined, where: { partition: string; region: string; accountId: string }): Record<Severity, string> {
  if (!home) {
    const critical = config.archive!.alarmTopics!.critical;
    return { critical, warning: config.archive!.alarmTopics!.warning ?? critical };
  }
  const arnOf = (severity: Severity, existing?: string) => existing ?? topicArn(where, topicName(config.project, home.name, severity));
  const critical = arnOf("critical", home.notifications.critical.existingTopicArn);
  return { critical, warning: home.notifications.warning ? arnOf("warning", home.notifications.warning.existingTopicArn) : critical };
}

/** IAM role names are account-wide and at most 64 characters; long ones keep a readable prefix and a hash. */
export function iamRoleName(name: string): string {
  if (name.length <= MAX_IAM_ROLE_NAME_LENGTH) return name;
  const hash = createHash("sha1").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, MAX_IAM_ROLE_NAME_LENGTH - hash.length - 1)}-${hash}`;
}

function environmentMode(config: Config, env: EnvironmentConfig): SubscriptionMode {
  return env.archive?.mode ?? config.archive?.subscription?.mode ?? "log-group-filters";
}

function environmentPattern(config: Config, env: EnvironmentConfig): string {
  return env.archive?.filterPattern ?? config.archive?.subscription?.filterPattern ?? "";
}

/** Does this environment deliver to the archive at all? */
function delivers(config: Config, env: EnvironmentConfig): boolean {
  return config.archive !== undefined && env.archive?.enabled !== false;
}

/** A workload with its own archive filter: log-group-filters environments, or an explicit opt-out of the account policy. */
function hasOwnArchiveFilter(config: Config, env: EnvironmentConfig, w: WorkloadConfig): boolean {
  if (!delivers(config, env) || w.archive?.enabled === false) return false;
  return environmentMode(config, env) === "log-group-filters" || w.archive?.mode === "log-group-filters";
}

/** Environments in another account than the sink's link to it (all of them unless `oam.environments` narrows it). */
function linksToSink(config: Config, env: EnvironmentConfig, sinkAccountId: string): boolean {
  const oam = config.archive?.oam;
  return oam !== undefined && env.accountId !== sinkAccountId && (oam.environments ?? [env.name]).includes(env.name);
}

function senderRoleName(project: string, env: string): string {
  return iamRoleName(`${project}-${env}-log-archive-sender`);
}

/** Same account: straight into Firehose (any region). Other accounts: the archive's destination in the log group's region. */
export function archiveTarget(archive: ArchiveModel, env: { name: string; accountId: string; region: string }): SubscriptionTargetModel {
  if (env.accountId === archive.accountId) {
    return { destinationArn: archive.deliveryStreamArn, roleArn: archive.ingestRoleArn, destinationRegion: archive.region, destinationAccountId: archive.accountId, toArchive: true };
  }
  // No destination in this region: point at the home region's, which check AIL041 reports.
  const destination = archive.destinations.find((d) => d.region === env.region) ?? archive.destinations.find((d) => d.region === archive.region) ?? archive.destinations[0];
  const byOrganizationOnly = archive.sources.organizationId !== undefined && !archive.sources.accounts.includes(env.accountId);
  return {
    destinationArn: destination.arn,
    roleArn: byOrganizationOnly ? `arn:${partitionOf(env.region)}:iam::${env.accountId}:role/${senderRoleName(archive.project, env.name)}` : undefined,
    destinationRegion: destination.region,
    destinationAccountId: archive.accountId,
    toArchive: true,
  };
}

export function environmentArchiveFields(config: Config, archive: ArchiveModel | undefined, env: EnvironmentConfig): EnvironmentArchiveFields {
  const path = `environments[${config.environments.indexOf(env)}]`;
  const fields: { -readonly [K in keyof EnvironmentArchiveFields]: EnvironmentArchiveFields[K] } = {};
  if (archive && delivers(config, env)) {
    const target = archiveTarget(archive, env);
    if (target.roleArn && env.accountId !== archive.accountId) {
      fields.archiveSenderRole = { name: senderRoleName(config.project, env.name), arn: target.roleArn };
    }
    if (environmentMode(config, env) === "account-policy") {
      const workloads = config.workloads.filter((w) => !w.environments || w.environments.includes(env.name));
      const optedOut = workloads
        .filter((w) => w.archive?.enabled === false || w.archive?.mode === "log-group-filters")
        .map((w) => workloadLogGroupName(config, env, w));
      fields.accountSubscriptionPolicy = {
        ...target,
        name: archive.deliveryStreamName,
        filterPattern: environmentPattern(config, env),
        // The pipeline's own log group first: it exists only in the archive account, but naming it
        // everywhere keeps delivery errors from ever feeding back, wherever the archive moves.
        excludedLogGroups: [archive.deliveryLogGroupName, ...optedOut],
        path: `${path}.archive`,
      };
    }
  }
  const sinkArn = config.archive?.oam?.sinkArn;
  if (archive?.oam && sinkArn && linksToSink(config, env, archive.accountId)) {
    fields.oamLink = { sinkArn, resourceTypes: archive.oam.resourceTypes, path: "archive.oam" };
  }
  return fields;
}

export function workloadPlacementFields(config: Config, archive: ArchiveModel | undefined, env: EnvironmentConfig, w: WorkloadConfig, path: string): WorkloadPlacementFields {
  const subscriptions: LogSubscriptionModel[] = [];
  if (archive && hasOwnArchiveFilter(config, env, w)) {
    subscriptions.push({
      ...archiveTarget(archive, env),
      id: "archive",
      name: archive.deliveryStreamName,
      filterPattern: w.archive?.filterPattern ?? environmentPattern(config, env),
      path: `${path}.archive`,
    });
  }
  (w.subscriptions ?? []).forEach((s, i) => {
    const [, , , region, account] = s.destinationArn.split(":");
    subscriptions.push({
      id: `subscription_${addressId(s.name)}`,
      name: `${config.project}-${s.name}`,
      destinationArn: s.destinationArn,
      roleArn: s.roleArn,
      destinationRegion: region,
      destinationAccountId: account,
      toArchive: false,
      filterPattern: s.filterPattern ?? "",
      path: `${path}.subscriptions[${i}]`,
    });
  });
  return { group: w.group ?? DEFAULT_GROUP, movedFrom: w.movedFrom, subscriptions };
}

export function maxResourcesPerStack(config: Config): number {
  return config.stacks?.maxResources ?? DEFAULT_MAX_RESOURCES_PER_STACK;
}

export function retiredGroups(config: Config): readonly string[] {
  return config.stacks?.retiredGroups ?? [];
}
