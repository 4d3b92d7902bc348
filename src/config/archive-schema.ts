import { z } from "zod";
import {
  ARCHIVE_COMPRESSION_FORMATS,
  ARCHIVE_STORAGE_CLASSES,
  IAM_ROLE_ARN_PATTERN,
  INFREQUENT_ACCESS_CLASSES,
  MAX_BUFFER_INTERVAL_SECONDS,
  MAX_BUFFER_MIB,
  MIN_BUFFER_INTERVAL_SECONDS,
  MIN_DAYS_BEFORE_INFREQUENT_ACCESS,
  MIN_DYNAMIC_PARTITIONING_BUFFER_MIB,
  OAM_RESOURCE_TYPES,
  OAM_SINK_ARN_PATTERN,
  ORGANIZATION_ID_PATTERN,
  SUBSCRIPTION_DESTINATION_ARN_PATTERN,
} from "../aws/archive-limits";
import { FilterPatternError, parseFilterPattern } from "../patterns";
import { accountId, bucketName, region, slug, snsTopicArn } from "./primitives";

/**
 * The aggregation-at-scale part of the config: the central log archive, how each environment and
 * workload subscribes to it, and how workloads are grouped into stacks. `schema.ts` mixes these
 * shapes into its environment and workload objects and calls `refineArchive` on the whole document.
 */

export const SUBSCRIPTION_MODES = ["log-group-filters", "account-policy"] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];

/** The group of workloads without an explicit `group`; its stack keeps the name `monitoring-<env>`. */
export const DEFAULT_GROUP = "default";
export const DEFAULT_MAX_RESOURCES_PER_STACK = 500;

/** A CloudWatch Logs filter pattern, parsed by the same parser the metric filters use. */
const filterPattern = z
  .string()
  .max(1024)
  .superRefine((pattern, ctx) => {
    try {
      parseFilterPattern(pattern);
    } catch (e) {
      if (!(e instanceof FilterPatternError)) throw e;
      ctx.addIssue({ code: "custom", message: `invalid filter pattern: ${e.message}` });
    }
  })
  .describe("CloudWatch Logs filter pattern selecting the events to deliver; '' delivers every event");

const subscriptionMode = z
  .enum(SUBSCRIPTION_MODES)
  .describe("log-group-filters: one subscription filter per workload log group; account-policy: one account-level subscription filter policy");

const environmentArchive = z.strictObject({
  enabled: z.boolean().optional().describe("false: this environment sends nothing to the archive. @default true"),
  mode: subscriptionMode.optional().describe("How this environment delivers. @default archive.subscription.mode"),
  filterPattern: filterPattern.optional().describe("Events to deliver. @default archive.subscription.filterPattern"),
});

/** Mixed into `environments[]`. */
export const environmentArchiveShape = {
  archive: environmentArchive.optional().describe("How this environment delivers its logs to the central archive"),
};

const workloadArchive = z.strictObject({
  enabled: z.boolean().optional().describe("false: keep this workload's logs out of the archive (excluded from an account policy too). @default true"),
  mode: z
    .literal("log-group-filters")
    .optional()
    .describe("Give this log group its own filter even where the environment uses an account policy (it is then excluded from the policy)"),
  filterPattern: filterPattern.optional().describe("Events to deliver from this log group. @default the environment's"),
});

const extraSubscription = z.strictObject({
  name: slug("subscription name").describe("Filter name suffix; the filter is named <project>-<name>"),
  destinationArn: z
    .string()
    .regex(SUBSCRIPTION_DESTINATION_ARN_PATTERN, {
      message: "must be the ARN of a CloudWatch Logs destination, Kinesis stream, Firehose stream or Lambda function",
    }),
  roleArn: z.string().regex(IAM_ROLE_ARN_PATTERN, { message: "must be an IAM role ARN" }).optional().describe("Role CloudWatch Logs assumes to deliver (Kinesis, Firehose)"),
  filterPattern: filterPattern.optional(),
});

/** Mixed into `workloads[]`. */
export const workloadPlacementShape = {
  group: slug("group name")
    .optional()
    .describe("Stack group, e.g. the owning team: each group is its own stack monitoring-<env>-<group>. @default the default group (stack monitoring-<env>)"),
  movedFrom: slug("group name")
    .optional()
    .describe("The group this workload is moving out of: the old stack forgets its resources and the new stack imports them (docs/archive.md, Moving a workload between groups)"),
  archive: workloadArchive.optional().describe("How this workload's log group is delivered to the central archive"),
  subscriptions: z.array(extraSubscription).optional().describe("More subscription filters on this workload's log group (at most 2 per log group in all)"),
};

const lifecycleTransition = z
  .strictObject({
    days: z.number().int().positive(),
    storageClass: z.enum(ARCHIVE_STORAGE_CLASSES),
  })
  .refine((t) => !INFREQUENT_ACCESS_CLASSES.includes(t.storageClass) || t.days >= MIN_DAYS_BEFORE_INFREQUENT_ACCESS, {
    message: `S3 transitions objects to STANDARD_IA or ONEZONE_IA only after ${MIN_DAYS_BEFORE_INFREQUENT_ACCESS} days or more`,
  });

const lifecycle = z
  .strictObject({
    transitions: z.array(lifecycleTransition).optional().describe("Storage-class transitions by object age. @default STANDARD_IA after 30 days, GLACIER_IR after 90"),
    expirationDays: z.number().int().positive().optional().describe("Delete archived objects this many days old. @default never"),
    noncurrentVersionDays: z.number().int().positive().optional().describe("Delete overwritten object versions after this many days. @default 30"),
  })
  .superRefine((l, ctx) => {
    const days = (l.transitions ?? []).map((t) => t.days);
    days.forEach((d, i) => {
      if (i > 0 && d <= days[i - 1]) {
        ctx.addIssue({ code: "custom", path: ["transitions", i, "days"], message: `transitions must be in increasing order of days (${d} after ${days[i - 1]})` });
      }
    });
    const last = days[days.length - 1];
    if (l.expirationDays !== undefined && last !== undefined && l.expirationDays <= last) {
      ctx.addIssue({ code: "custom", path: ["expirationDays"], message: `expirationDays ${l.expirationDays} must come after the last transition (day ${last})` });
    }
  });

const oam = z.strictObject({
  resourceTypes: z.array(z.enum(OAM_RESOURCE_TYPES)).min(1).optional().describe("What source accounts share. @default AWS::CloudWatch::Metric and AWS::Logs::LogGroup"),
  sinkArn: z
    .string()
    .regex(OAM_SINK_ARN_PATTERN, { message: "must be an OAM sink ARN (the archive stack's oam_sink_arn output)" })
    .optional()
    .describe("The sink's ARN once it exists; source environments link to it only when set (AWS assigns the id)"),
  environments: z.array(z.string()).optional().describe("Environments that link to the sink. @default every environment in another account"),
});

export const archiveSchema = z
  .strictObject({
    environment: z.string().optional().describe("Put the archive in this environment's account, region and state bucket"),
    accountId: accountId.optional().describe("Archive account, when it is not an environment's"),
    region: region.optional(),
    stateBucket: bucketName.optional().describe("State bucket of the archive stack, when it is not an environment's"),
    bucketName: bucketName.describe("The archive's S3 bucket"),
    regions: z.array(region).min(1).optional().describe("Regions accepting logs from other accounts (one CloudWatch Logs destination each). @default the archive region"),
    sources: z
      .strictObject({
        accounts: z.array(accountId).optional().describe("Accounts allowed to deliver across accounts"),
        organizationId: z.string().regex(ORGANIZATION_ID_PATTERN, { message: "must be an AWS Organizations id such as o-a1b2c3d4e5" }).optional().describe("Allow every account of this organization"),
      })
      .refine((s) => (s.accounts?.length ?? 0) > 0 || s.organizationId !== undefined, { message: "needs accounts, organizationId or both" })
      .optional()
      .describe("Who may deliver from other accounts. @default nobody (same-account delivery only)"),
    subscription: z
      .strictObject({ mode: subscriptionMode.optional(), filterPattern: filterPattern.optional() })
      .optional()
      .describe("Default delivery for every environment. @default log-group-filters, every event"),
    lifecycle: lifecycle.optional(),
    compression: z.enum(ARCHIVE_COMPRESSION_FORMATS).optional().describe("Compression of archived objects. @default GZIP"),
    buffering: z
      .strictObject({
        sizeMiB: z
          .number()
          .int()
          .min(MIN_DYNAMIC_PARTITIONING_BUFFER_MIB, { message: `dynamic partitioning (by source account) needs a buffer of ${MIN_DYNAMIC_PARTITIONING_BUFFER_MIB} MiB or more` })
          .max(MAX_BUFFER_MIB, { message: `Firehose buffers at most ${MAX_BUFFER_MIB} MiB` })
          .optional().describe("@default 64 (dynamic partitioning needs 64 or more)"),
        intervalSeconds: z.number().int().min(MIN_BUFFER_INTERVAL_SECONDS).max(MAX_BUFFER_INTERVAL_SECONDS).optional().describe("@default 300"),
      })
      .optional(),
    oam: oam.optional().describe("CloudWatch cross-account observability: a sink in the archive account, links from source environments"),
    allowDestroy: z.boolean().optional().describe("Allow Terraform to destroy the archive bucket, key and catalog. @default false"),
    alarmTopics: z
      .strictObject({
        critical: snsTopicArn.describe("Topic for critical archive alarms (delivery to S3 failing, data going stale)"),
        warning: snsTopicArn.optional().describe("Topic for warning archive alarms (nothing arriving). @default the critical topic"),
      })
      .optional()
      .describe("Where the archive's delivery alarms go when the archive has an account of its own; an archive in an environment uses that environment's alert topics"),
  })
  .superRefine((a, ctx) => {
    if (a.environment === undefined && a.alarmTopics === undefined) {
      ctx.addIssue({ code: "custom", path: ["alarmTopics"], message: "an archive outside the environments needs alarmTopics.critical: the SNS topic its delivery alarms notify (a silent archive is an incident nobody hears)" });
    }
    if (a.environment !== undefined && a.alarmTopics !== undefined) {
      ctx.addIssue({ code: "custom", path: ["alarmTopics"], message: `the archive's alarms notify the alert topics of environment '${a.environment}'; remove alarmTopics` });
    }
    const own = [a.accountId, a.region, a.stateBucket].filter((v) => v !== undefined).length;
    if (a.environment !== undefined && own > 0) {
      ctx.addIssue({ code: "custom", message: "give either environment or accountId/region/stateBucket, not both" });
    } else if (a.environment === undefined && own < 3) {
      ctx.addIssue({ code: "custom", message: "needs environment, or all of accountId, region and stateBucket" });
    }
  });

export const stacksSchema = z.strictObject({
  maxResources: z
    .number()
    .int()
    .min(10, { message: "a stack budget below 10 resources cannot hold an environment's shared resources" })
    .optional()
    .describe(`Most Terraform resources one stack may hold; split workloads into groups to stay under it. @default ${DEFAULT_MAX_RESOURCES_PER_STACK}`),
  retiredGroups: z
    .array(slug("group name"))
    .optional()
    .describe("Groups that hold no workload any more but whose stacks still exist, so workloads may name them in movedFrom (check AIL049). @default none"),
});

export type ArchiveConfig = z.infer<typeof archiveSchema>;
export type EnvironmentArchiveConfig = z.infer<typeof environmentArchive>;
export type WorkloadArchiveConfig = z.infer<typeof workloadArchive>;
export type ExtraSubscriptionConfig = z.infer<typeof extraSubscription>;

/** The parts of the whole document the cross-reference checks below read. */
interface ArchiveDocument {
  archive?: ArchiveConfig;
  environments: readonly { name: string; archive?: EnvironmentArchiveConfig }[];
  workloads: readonly {
    environments?: readonly string[];
    group?: string;
    movedFrom?: string;
    archive?: WorkloadArchiveConfig;
  }[];
}

/** Cross-references the object schemas cannot see: environment names, group moves, settings without an archive. */
export function refineArchive(c: ArchiveDocument, ctx: z.RefinementCtx): void {
  const envNames = c.environments.map((e) => e.name);
  const unknownEnv = (name: string, path: (string | number)[]) =>
    ctx.addIssue({ code: "custom", path, message: `unknown environment '${name}'; valid: ${envNames.join(", ")}` });

  if (c.archive?.environment !== undefined && !envNames.includes(c.archive.environment)) unknownEnv(c.archive.environment, ["archive", "environment"]);
  (c.archive?.oam?.environments ?? []).forEach((e, i) => envNames.includes(e) || unknownEnv(e, ["archive", "oam", "environments", i]));

  if (!c.archive) {
    c.environments.forEach((e, i) => {
      if (e.archive) ctx.addIssue({ code: "custom", path: ["environments", i, "archive"], message: "there is no top-level archive section to deliver to" });
    });
    c.workloads.forEach((w, i) => {
      if (w.archive) ctx.addIssue({ code: "custom", path: ["workloads", i, "archive"], message: "there is no top-level archive section to deliver to" });
    });
  }

  c.workloads.forEach((w, i) => {
    if (w.movedFrom !== undefined && w.movedFrom === (w.group ?? DEFAULT_GROUP)) {
      ctx.addIssue({ code: "custom", path: ["workloads", i, "movedFrom"], message: `movedFrom '${w.movedFrom}' is the workload's own group; name the group it is moving out of` });
    }
  });
}
