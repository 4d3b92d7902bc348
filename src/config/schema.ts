import { z } from "zod";
import {
  LOG_GROUP_CLASSES,
  LOG_GROUP_NAME_PATTERN,
  LOG_STREAM_NAME_PATTERN,
  METRIC_NAME_PATTERN,
  METRIC_UNITS,
  RETENTION_DAYS,
  PERCENTILE_STATISTIC_PATTERN,
  STATISTICS,
  type Statistic,
  TREAT_MISSING_DATA,
} from "../aws/limits";
import { WORKLOAD_KIND_NAMES } from "../signals";
import { archiveSchema, environmentArchiveShape, refineArchive, stacksSchema, workloadPlacementShape } from "./archive-schema";
import { accountId, bucketName, region, slug, snsTopicArn } from "./primitives";
import { expectedUsageSchema } from "./usage-schema";
import { alarmComparison, bandAlarmShape, monitoringDefaultsShape, refineMonitoring, refineWorkloadMonitoring, workloadMonitoringShape } from "./monitoring-schema";

/**
 * The product's input: a YAML or JSON document describing environments, notification targets and
 * AI workloads. Every object is strict (an unknown key is an error, so typos never pass silently).
 * The JSON Schema in `config/schema.json` is generated from this file (`npm run schema`).
 */

const tags = z
  .record(z.string().min(1).max(128), z.string().max(256))
  .describe("Tags added to every resource (merged over the provider's default tags)");

const retentionDays = z
  .literal(RETENTION_DAYS)
  .describe("Days to keep log events; one of the values CloudWatch Logs accepts, 0 = never expire");

const emailAddress = z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: "must be an e-mail address" });
const httpsUrl = z.string().regex(/^https:\/\/[^\s]+$/, { message: "must be an https:// URL" });
const kmsKeyArn = z
  .string()
  .regex(/^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, { message: "must be a KMS key ARN" });

const notificationTarget = z
  .strictObject({
    emails: z.array(emailAddress).optional().describe("E-mail subscriptions (each must be confirmed by its owner)"),
    httpsEndpoints: z.array(httpsUrl).optional().describe("HTTPS subscriptions (e.g. a pager webhook)"),
    existingTopicArn: snsTopicArn.optional().describe("Use this SNS topic instead of creating one"),
  })
  .refine((t) => !(t.existingTopicArn && ((t.emails?.length ?? 0) > 0 || (t.httpsEndpoints?.length ?? 0) > 0)), {
    message: "give either existingTopicArn or subscriptions (emails / httpsEndpoints), not both",
  })
  .refine((t) => t.existingTopicArn || (t.emails?.length ?? 0) + (t.httpsEndpoints?.length ?? 0) > 0, {
    message: "needs at least one of emails, httpsEndpoints or existingTopicArn",
  });

const environment = z.strictObject({
  name: slug("environment name"),
  accountId,
  region,
  stateBucket: bucketName.describe("S3 bucket holding this environment's Terraform state (created by the bootstrap stack)"),
  notifications: z
    .strictObject({
      critical: notificationTarget.describe("Where critical alarms go"),
      warning: notificationTarget.optional().describe("Where warning alarms go. @default the critical target"),
    })
    .describe("Alarm notification targets per severity"),
  allowDestroy: z
    .boolean()
    .optional()
    .describe("Allow Terraform to destroy data-holding resources (log groups, KMS key; the state bucket when every environment keeping state in it allows it). @default false"),
  tags: tags.optional(),
  ...environmentArchiveShape,
});

/** A CloudWatch statistic or a percentile; one pattern, so the message can list both. */
const statistic = z
  .string()
  .regex(new RegExp(`^(${STATISTICS.join("|")})$|${PERCENTILE_STATISTIC_PATTERN.source}`), {
    message: `must be one of ${STATISTICS.join(", ")}, or a percentile p0-p100 such as p90 or p99.9`,
  })
  .transform((s) => s as Statistic)
  .describe(`${STATISTICS.join(", ")}, or a percentile such as p90, p99 or p99.9 (metric filters publishing no negative values)`);

/** Every field of a preset's alarm, all optional: config tunes only what it names. */
const alarmSettings = z.strictObject({
  statistic: statistic.optional(),
  comparison: alarmComparison.optional().describe("A fixed-threshold comparison, or a band comparison (needs bandWidth)"),
  threshold: z.number().optional(),
  period: z.number().int().positive().optional().describe("Seconds: 10, 20, 30 or a multiple of 60"),
  evaluationPeriods: z.number().int().positive().optional(),
  datapointsToAlarm: z.number().int().positive().optional(),
  treatMissingData: z.enum(TREAT_MISSING_DATA).optional(),
  severity: z.enum(["critical", "warning"]).optional(),
  unit: z.enum(METRIC_UNITS).optional().describe("Only a unit the filter publishes; usually left out"),
  dimensions: z
    .record(z.string(), z.string())
    .optional()
    .describe("Dimension values to watch; exactly the dimension names the filter publishes"),
  ...bandAlarmShape,
});

const signalOverride = alarmSettings.extend({
  enabled: z.boolean().optional().describe("false drops the signal (filter and alarm)"),
  alarmEnabled: z.boolean().optional().describe("false keeps the metric filter but creates no alarm"),
});

const customSignal = z.strictObject({
  name: slug("signal name"),
  pattern: z.string().max(1024).describe("CloudWatch Logs filter pattern"),
  metric: z.strictObject({
    name: z.string().regex(METRIC_NAME_PATTERN, { message: "must be 1-255 characters without ':', '*' or '$'" }),
    unit: z.enum(METRIC_UNITS).optional(),
    value: z.string().max(100).optional().describe("'1' (count), '$.field' or '$name'. @default '1'"),
    defaultValue: z.number().optional(),
    dimensions: z.record(z.string(), z.string()).optional(),
  }),
  alarm: alarmSettings.extend({ threshold: z.number() }).optional(),
  runbook: z.string().max(400).optional(),
});

const logGroupSettings = z.strictObject({
  name: z
    .string()
    .regex(LOG_GROUP_NAME_PATTERN, { message: "must be 1-512 characters of A-Z a-z 0-9 _ - / . #" })
    .optional()
    .describe("Override the conventional name /<project>/<environment>/<workload>"),
  retentionDays: retentionDays.optional(),
  class: z.enum(LOG_GROUP_CLASSES).optional().describe("STANDARD (default) or INFREQUENT_ACCESS (no metric filters)"),
  kmsKeyArn: kmsKeyArn.optional().describe("Encrypt with this key instead of the environment's key"),
  streams: z
    .array(z.string().regex(LOG_STREAM_NAME_PATTERN, { message: "must be 1-512 characters without ':' or '*'" }))
    .optional()
    .describe("Static log streams to create (for sources that do not create their own)"),
  create: z
    .boolean()
    .optional()
    .describe(
      "false: the log group exists already and is not this project's to create or delete (a service's own, such as aws/spans, /aws/lambda/<function> or a Container Insights group): only its filters, alarms, subscriptions and queries are managed. @default true",
    ),
})
  .superRefine((g, ctx) => {
    if (g.create !== false) return;
    // What belongs to the group itself stays with whoever created it.
    for (const key of ["retentionDays", "class", "kmsKeyArn", "streams"] as const) {
      if (g[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `'${key}' is a setting of the log group itself; with create: false the group is not this project's to configure. Remove ${key}` });
    }
  });

const workload = z
  .strictObject({
    name: slug("workload name"),
    kind: z.enum(WORKLOAD_KIND_NAMES as [string, ...string[]]).describe("Which signal catalogue applies"),
    environments: z
      .array(z.string())
      .min(1, { message: "a workload deployed to no environment monitors nothing; list at least one, or leave the key out for all" })
      .optional()
      .describe("Environment names. @default all environments"),
    metricNamespace: z
      .string()
      .regex(METRIC_NAME_PATTERN, { message: "must be 1-255 characters without ':', '*' or '$'" })
      .optional()
      .describe("Namespace of this workload's metrics. @default <metricNamespace>/<workload>"),
    logGroup: logGroupSettings.optional(),
    signals: z.record(z.string(), signalOverride).optional().describe("Tune or disable preset signals, ratio and service alarms by id"),
    ...workloadMonitoringShape,
    customSignals: z.array(customSignal).optional(),
    tags: tags.optional(),
    expectedUsage: expectedUsageSchema.optional(),
    ...workloadPlacementShape,
  })
  .superRefine((w, ctx) => refineWorkloadMonitoring(w, ctx));

export const configSchema = z
  .strictObject({
    project: slug("project name").describe("Prefix of every resource name"),
    metricNamespace: z
      .string()
      .regex(METRIC_NAME_PATTERN, { message: "must be 1-255 characters without ':', '*' or '$'" })
      .optional()
      .describe("Prefix of workload metric namespaces. @default AI_Monitoring"),
    defaults: z
      .strictObject({ retentionDays: retentionDays.optional(), ...monitoringDefaultsShape })
      .optional()
      .describe("Defaults for every workload"),
    bootstrap: z
      .strictObject({
        stateInS3: z
          .boolean()
          .describe("true once the bootstrap stacks' own local state has been migrated into their bucket"),
      })
      .optional(),
    environments: z.array(environment).min(1),
    workloads: z.array(workload),
    tags: tags.optional(),
    archive: archiveSchema.optional().describe("Central log archive: Firehose into S3, queryable with Athena (docs/archive.md)"),
    stacks: stacksSchema.optional().describe("Stack sizing"),
  })
  .superRefine((c, ctx) => {
    reportDuplicates(c.environments.map((e) => e.name), ["environments"], "name", "environment name", ctx);
    reportDuplicates(c.workloads.map((w) => w.name), ["workloads"], "name", "workload name", ctx);
    refineArchive(c, ctx);
    refineMonitoring(c, ctx);
    const envNames = new Set(c.environments.map((e) => e.name));
    c.workloads.forEach((w, i) =>
      (w.environments ?? []).forEach((e, j) => {
        if (!envNames.has(e)) {
          ctx.addIssue({
            code: "custom",
            path: ["workloads", i, "environments", j],
            message: `unknown environment '${e}'; valid: ${[...envNames].join(", ")}`,
          });
        }
      }),
    );
  });

function reportDuplicates(values: string[], listPath: (string | number)[], field: string, what: string, ctx: z.RefinementCtx) {
  const firstIndex = new Map<string, number>();
  values.forEach((v, i) => {
    const first = firstIndex.get(v);
    if (first === undefined) firstIndex.set(v, i);
    else ctx.addIssue({ code: "custom", path: [...listPath, i, field], message: `duplicate ${what} '${v}' (also at ${listPath.join(".")}[${first}])` });
  });
}

export type Config = z.infer<typeof configSchema>;
export type EnvironmentConfig = Config["environments"][number];
export type WorkloadConfig = Config["workloads"][number];
export type NotificationTargetConfig = z.infer<typeof notificationTarget>;
export type SignalOverrideConfig = z.infer<typeof signalOverride>;
export type CustomSignalConfig = z.infer<typeof customSignal>;
export type AlarmSettingsConfig = z.infer<typeof alarmSettings>;
