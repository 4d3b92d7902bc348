import { z } from "zod";
import { BAND_COMPARISON_OPERATORS, COMPARISON_OPERATORS } from "../aws/limits";
import { kindContent, presetFilters, tunableIds, WORKLOAD_KINDS, type WorkloadKindCatalogue } from "../signals";
import { FIELD_NAME_PATTERN } from "../signals/json-fields";
import { breakdownId, RESERVED_WORKLOAD_NAMES } from "../model/monitoring-naming";
import {
  ANOMALY_EVALUATION_FREQUENCIES,
  BEDROCK_MODEL_ID_PATTERN,
  CUSTOM_IDENTIFIER_NAME_PATTERN,
  CUSTOM_IDENTIFIER_REGEX_PATTERN,
  DEFAULT_MANAGED_IDENTIFIERS,
  MANAGED_DATA_IDENTIFIERS,
  MAX_ANOMALY_VISIBILITY_DAYS,
  MAX_CUSTOM_IDENTIFIERS,
  MIN_ANOMALY_VISIBILITY_DAYS,
  SAGEMAKER_NAME_PATTERN,
} from "../aws/monitoring-limits";

/**
 * The AI-monitoring part of the config: per-workload settings of the workload kinds (field names,
 * log formats, Bedrock and SageMaker specifics), anomaly bands, health alarms, data protection and
 * log anomaly detection. `schema.ts` mixes these shapes into its objects and calls the refinements.
 */

/** Alarm comparison: a fixed threshold or an anomaly-detection band. */
export const alarmComparison = z.enum([...COMPARISON_OPERATORS, ...BAND_COMPARISON_OPERATORS]);

export const bandWidth = z
  .number()
  .positive({ message: "band width must be a positive number of standard deviations" })
  .max(100)
  .describe("Width of the anomaly-detection band in standard deviations (band comparisons only). @default 2");

/** Added to every alarm's settings. */
export const bandAlarmShape = {
  bandWidth: bandWidth.optional(),
};

/** Added to `defaults`. */
export const monitoringDefaultsShape = {
  anomalyBandWidth: bandWidth.optional().describe("Band width of every anomaly-band alarm unless a signal sets its own. @default the preset's (2)"),
  runbookBaseUrl: z
    .string()
    .max(300)
    .regex(/^https:\/\/[^\s?#]+$/, { message: "must be an https:// URL without query or fragment, e.g. https://github.com/acme/ai-logs/blob/main/docs/runbooks" })
    .optional()
    .describe("Where the runbook pages are published: every preset alarm's description ends with 'Runbook: <runbookBaseUrl>/<kind>.md#<id>'. @default docs/runbooks (the repository-relative path)"),
};

const customIdentifier = z.strictObject({
  name: z
    .string()
    .regex(CUSTOM_IDENTIFIER_NAME_PATTERN, { message: "must be 1-128 characters of letters, digits, '_' and '-'" })
    .refine((n) => !(MANAGED_DATA_IDENTIFIERS as readonly string[]).includes(n), { message: "must not be the name of a managed data identifier" })
    .describe("Name of the custom data identifier, e.g. EmployeeId"),
  regex: z
    .string()
    .regex(CUSTOM_IDENTIFIER_REGEX_PATTERN, {
      message: "must be 1-200 characters of letters, digits, spaces, _ # = @ / ; , - and the regex characters ^ $ ? [ ] { } | \\ * + .",
    })
    .describe("Regular expression that finds it, e.g. EmployeeID-\\d{9}"),
});

const dataProtection = z
  .strictObject({
    enabled: z.boolean().optional().describe("Mask sensitive data in this log group. @default true for kinds whose logs carry prompts (llm-inference, llm-app, bedrock)"),
    managedIdentifiers: z
      .array(z.enum(MANAGED_DATA_IDENTIFIERS))
      .min(1)
      .optional()
      .describe(`Managed data identifiers to find and mask. @default ${DEFAULT_MANAGED_IDENTIFIERS.join(", ")}`),
    customIdentifiers: z
      .array(customIdentifier)
      .max(MAX_CUSTOM_IDENTIFIERS, { message: `at most ${MAX_CUSTOM_IDENTIFIERS} custom data identifiers per policy` })
      .optional()
      .describe("Business-specific identifiers (name + regex), masked too"),
  })
  .describe("Data protection policy: audits and masks sensitive data in events ingested after the policy exists");

const logAnomalyDetection = z
  .strictObject({
    enabled: z.boolean().describe("Create a CloudWatch Logs anomaly detector on the log group"),
    evaluationFrequency: z.enum(ANOMALY_EVALUATION_FREQUENCIES).optional().describe("How often the detector runs. @default FIFTEEN_MIN"),
    anomalyVisibilityDays: z
      .number()
      .int()
      .min(MIN_ANOMALY_VISIBILITY_DAYS)
      .max(MAX_ANOMALY_VISIBILITY_DAYS)
      .optional()
      .describe(`Days an anomaly stays visible before it becomes the baseline (${MIN_ANOMALY_VISIBILITY_DAYS}-${MAX_ANOMALY_VISIBILITY_DAYS}). @default 21`),
  })
  .describe("Optional log anomaly detector. @default off");

const health = z
  .strictObject({
    enabled: z.boolean().optional().describe("Create the workload's composite health alarm (ALARM when any of its alarms is). @default true"),
    notify: z.enum(["critical", "warning"]).optional().describe("Notify that severity's topic when health changes. @default no notification"),
    actionsSuppressor: z
      .strictObject({
        alarm: z.string().min(1).max(255).describe("Id of one of this workload's alarms (e.g. heartbeat), or the name of an existing alarm"),
        extensionPeriod: z.number().int().min(0).optional().describe("Seconds to keep suppressing after the suppressor leaves ALARM. @default 60"),
        waitPeriod: z.number().int().min(0).optional().describe("Seconds to wait for the suppressor to go into ALARM. @default 60"),
      })
      .optional()
      .describe("Suppress the health alarm's actions while this alarm is in ALARM"),
  })
  .describe("The workload's composite health alarm");

const bedrockSettings = z.strictObject({
  modelIds: z
    .array(z.string().regex(BEDROCK_MODEL_ID_PATTERN, { message: "must be a Bedrock model or inference profile id such as anthropic.claude-3-5-sonnet-20240620-v1:0" }))
    .optional()
    .describe("Model ids whose AWS/Bedrock metrics get one alarm each. @default none: alarms watch the metrics across all models"),
  invocationLogging: z
    .strictObject({
      ownerEnvironments: z
        .array(z.string())
        .describe("Environments in which this workload owns the account's model invocation logging configuration (one per account and region); [] = managed elsewhere"),
      textDataDelivery: z.boolean().optional().describe("Log prompts and completions. @default true"),
      imageDataDelivery: z.boolean().optional().describe("Log image data. @default false"),
      embeddingDataDelivery: z.boolean().optional().describe("Log embeddings. @default false"),
      videoDataDelivery: z.boolean().optional().describe("Log video data. @default false"),
    })
    .describe("The model invocation logging configuration, a singleton per account and region"),
});

const sagemakerSettings = z.strictObject({
  endpointName: z
    .string()
    .regex(SAGEMAKER_NAME_PATTERN, { message: "must be a SageMaker endpoint name: 1-63 letters, digits and '-', starting and ending alphanumeric" })
    .describe("The endpoint; its log group is /aws/sagemaker/Endpoints/<endpointName>"),
  variantNames: z
    .array(z.string().regex(SAGEMAKER_NAME_PATTERN, { message: "must be a production variant name: 1-63 letters, digits and '-'" }))
    .min(1)
    .optional()
    .describe("Production variants whose AWS/SageMaker metrics get one alarm each. @default [AllTraffic]"),
});

const gpuHostSettings = z.strictObject({
  clusterName: z
    .string()
    .min(1)
    .max(255)
    .regex(/^\S(.*\S)?$/, { message: "must not start or end with whitespace" })
    .describe(
      "The ClusterName dimension the CloudWatch agent appends to its nvidia_gpu metrics and rolls them up by (aggregation_dimensions [[\"ClusterName\"]]); the GPU metric alarms watch that roll-up",
    ),
});

/** Added to every workload. */
export const workloadMonitoringShape = {
  logFormats: z.array(z.string()).min(1).optional().describe("Log formats this workload writes (kinds with several formats). @default all formats of the kind"),
  fields: z
    .record(z.string(), z.string().regex(FIELD_NAME_PATTERN, { message: "must be a JSON key as logged (dots allowed) or a $. path of names and ['dotted.key'] steps" }))
    .optional()
    .describe("Rename the JSON fields the kind reads (llm-app: defaults are the OpenTelemetry GenAI names)"),
  bedrock: bedrockSettings.optional().describe("Bedrock settings (kind bedrock only; required there)"),
  sagemaker: sagemakerSettings.optional().describe("SageMaker endpoint settings (kind sagemaker-endpoint only; required there)"),
  gpuHost: gpuHostSettings
    .optional()
    .describe("GPU host settings (kind gpu-host only). @default none: the GPU metric alarms watch the CloudWatch agent's roll-up without dimensions (aggregation_dimensions [[]])"),
  dataProtection: dataProtection.optional(),
  logAnomalyDetection: logAnomalyDetection.optional(),
  health: health.optional(),
};

type WorkloadInput = {
  kind: string;
  name: string;
  environments?: string[];
  signals?: Record<string, { dimensions?: Record<string, string>; unit?: string; statistic?: string; alarmEnabled?: boolean }>;
  customSignals?: { name: string }[];
  logGroup?: { name?: string };
  logFormats?: string[];
  fields?: Record<string, string>;
  bedrock?: z.infer<typeof bedrockSettings>;
  sagemaker?: z.infer<typeof sagemakerSettings>;
  gpuHost?: z.infer<typeof gpuHostSettings>;
  health?: z.infer<typeof health>;
} & Record<string, unknown>;

/** Checks of one workload that depend on its kind's catalogue. */
export function refineWorkloadMonitoring(w: WorkloadInput, ctx: z.RefinementCtx): void {
  const kind = WORKLOAD_KINDS.find((k) => k.kind === w.kind);
  if (!kind) return; // the enum already reported it
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if ((RESERVED_WORKLOAD_NAMES as readonly string[]).includes(w.name)) issue(["name"], `workload name '${w.name}' is reserved (the data protection audit log group uses it)`);
  const ids = tunableIds(kind);
  const ratioOrService = new Set([...(kind.ratios ?? []), ...(kind.serviceAlarms ?? [])].map((a) => a.id));
  for (const [id, o] of Object.entries(w.signals ?? {})) {
    if (!ids.includes(id)) issue(["signals", id], `unknown signal '${id}' for kind '${w.kind}'; valid: ${ids.join(", ")}`);
    else if (ratioOrService.has(id)) {
      for (const key of ["dimensions", "unit", "statistic", "alarmEnabled"] as const) {
        if (o[key] !== undefined) issue(["signals", id, key], `'${id}' is an alarm without a filter of its own (its metric and statistic are fixed); '${key}' does not apply, use 'enabled: false' to drop it`);
      }
    }
  }
  const taken = reservedSignalIds(kind);
  (w.customSignals ?? []).forEach((c, i) => {
    if (taken.includes(c.name)) issue(["customSignals", i, "name"], `custom signal name '${c.name}' is taken by the kind's ${c.name === "health" ? "health alarm" : "presets"}; choose another name`);
  });
  checkKindSettings(w, kind, issue);
  const formats = (kind.formats ?? []).map((f) => f.id);
  (w.logFormats ?? []).forEach((f, i) => {
    if (!formats.includes(f)) issue(["logFormats", i], formats.length === 0 ? `kind '${w.kind}' has a single log format; remove logFormats` : `unknown log format '${f}' for kind '${w.kind}'; valid: ${formats.join(", ")}`);
  });
  const validFields = Object.keys(kind.fieldNames?.defaults ?? {});
  for (const key of Object.keys(w.fields ?? {})) {
    if (!validFields.includes(key)) issue(["fields", key], validFields.length === 0 ? `kind '${w.kind}' has no renamable fields; remove fields` : `unknown field '${key}' for kind '${w.kind}'; valid: ${validFields.join(", ")}`);
  }
  // A field the kind knows, but in a form one of the workload's formats cannot carry.
  if (kind.fieldNames?.check && w.fields) {
    const known = Object.fromEntries(Object.entries(w.fields).filter(([k]) => validFields.includes(k)));
    const problems = kind.fieldNames.check(known, w.logFormats ?? formats);
    for (const [key, message] of Object.entries(problems)) issue(["fields", key], `workload '${w.name}': ${message}`);
  }
}

/** Ids a custom signal may not take: the kind's tunable ids, filters of other formats, per-dimension companions, `health`. */
function reservedSignalIds(kind: WorkloadKindCatalogue): string[] {
  const filters = kindContent(kind).signals.flatMap(presetFilters);
  const breakdowns = filters.flatMap((f) => (Object.keys(f.dimensions).length > 0 ? [breakdownId(f.id, Object.keys(f.dimensions))] : []));
  return [...tunableIds(kind), ...filters.map((f) => f.id), ...breakdowns, "health"];
}

function checkKindSettings(w: WorkloadInput, kind: WorkloadKindCatalogue, issue: (path: (string | number)[], message: string) => void): void {
  for (const other of WORKLOAD_KINDS) {
    const key = other.settings?.key;
    if (key && key !== kind.settings?.key && w[key] !== undefined) issue([key], `'${key}' applies only to workloads of kind ${other.kind}`);
  }
  if (kind.settings?.required && w[kind.settings.key] === undefined) issue([kind.settings.key], `workloads of kind ${kind.kind} need a '${kind.settings.key}' section`);
  if (kind.logGroupNameTemplate && w.logGroup?.name !== undefined) {
    issue(["logGroup", "name"], `kind ${kind.kind} writes to ${kind.logGroupNameTemplate}, a name the service chooses; remove logGroup.name`);
  }
}

type ConfigInput = {
  environments: { name: string; accountId: string; region: string }[];
  workloads: WorkloadInput[];
};

/**
 * Bedrock model invocation logging is one configuration per account and region: each owner must be
 * an environment of the workload, and no account-region pair may have two owners.
 */
export function refineMonitoring(c: ConfigInput, ctx: z.RefinementCtx): void {
  const owners = new Map<string, string>();
  c.workloads.forEach((w, i) => {
    (w.bedrock?.invocationLogging?.ownerEnvironments ?? []).forEach((envName, j) => {
      const path = ["workloads", i, "bedrock", "invocationLogging", "ownerEnvironments", j];
      const env = c.environments.find((e) => e.name === envName);
      if (!env) {
        ctx.addIssue({ code: "custom", path, message: `unknown environment '${envName}'; valid: ${c.environments.map((e) => e.name).join(", ")}` });
        return;
      }
      if (w.environments && !w.environments.includes(envName)) {
        ctx.addIssue({ code: "custom", path, message: `workload '${w.name}' is not deployed to environment '${envName}' (its environments: ${w.environments.join(", ")})` });
        return;
      }
      const key = `${env.accountId}/${env.region}`;
      const other = owners.get(key);
      if (other) {
        ctx.addIssue({ code: "custom", path, message: `account ${env.accountId} in ${env.region} already has its Bedrock invocation logging owned by ${other}; only one configuration exists per account and region` });
      } else owners.set(key, `workload '${w.name}' in environment '${envName}'`);
    });
  });
}

export type BedrockSettingsConfig = z.infer<typeof bedrockSettings>;
export type SagemakerSettingsConfig = z.infer<typeof sagemakerSettings>;
export type DataProtectionConfig = z.infer<typeof dataProtection>;
export type LogAnomalyDetectionConfig = z.infer<typeof logAnomalyDetection>;
export type HealthConfig = z.infer<typeof health>;
