import { DEFAULT_MANAGED_IDENTIFIERS, MAX_IAM_ROLE_NAME_LENGTH } from "../aws/monitoring-limits";
import { DEFAULT_GROUP } from "../config/archive-schema";
import type { Config, EnvironmentConfig, SignalOverrideConfig, WorkloadConfig } from "../config/schema";
import { catalogueFor, kindContent, presetFilters, type KindContent, type PresetFilter, type QueryPreset, type SignalPreset, type WorkloadFact, type WorkloadKindCatalogue } from "../signals";
import { filterFieldsRead, firstUnlogged, queryFieldsRead, type UnloggedField } from "../signals/fields-read";
import { resolveAlarm, type AlarmContext } from "./alarm-settings";
import {
  auditLogGroupName,
  boundedName,
  breakdownId,
  dashboardName,
  queryDefinitionName,
  valueSlug,
} from "./monitoring-naming";
import * as naming from "./naming";
import { alarmDescription, HEALTH_RUNBOOK_ID } from "./runbook-link";
import type { AlarmModel, SignalModel, TopicModel } from "./types";

/**
 * The AI-monitoring part of the model: what each workload kind adds beyond metric filters (ratio
 * and AWS-metric alarms, saved queries, the composite health alarm, data protection, log anomaly
 * detection, Bedrock invocation logging) and the environment's dashboard. Built from config and the
 * signal catalogue here, so constructs only render.
 */

/** An alarm that is not one filter's: metric math over the workload's filters, or an AWS service metric. */
export interface WorkloadAlarmModel {
  /** Unique in the workload: the preset id, plus the dimension values it fans out over. */
  readonly id: string;
  /** The key that tunes it in config (`signals.<presetId>`). */
  readonly presetId: string;
  /** Terraform-safe id within the workload. */
  readonly addressId: string;
  /** Config path for messages, e.g. `workloads[3].signals.throttles`. */
  readonly path: string;
  /** `ratio`: reads two of the workload's filter metrics; `service`: reads an `AWS/...` (or CloudWatch agent) metric. */
  readonly source: "ratio" | "service";
  readonly alarm: AlarmModel;
}

/** A saved Logs Insights query on the workload's log group. */
export interface QueryModel {
  readonly id: string;
  readonly addressId: string;
  /** `<project>/<env>/<workload>/<query>`: a folder per workload in the console. */
  readonly name: string;
  readonly title: string;
  readonly query: string;
}

/** The workload's composite alarm: ALARM when any of its alarms is. */
export interface HealthAlarmModel {
  readonly name: string;
  readonly description: string;
  /** Names of the alarms in its rule (the suppressor, if it is one of them, is left out). */
  readonly alarmNames: readonly string[];
  readonly topicIds: readonly string[];
  readonly suppressor?: { readonly alarm: string; readonly extensionPeriod: number; readonly waitPeriod: number };
}

/** A data protection policy on the workload's log group. */
export interface DataProtectionModel {
  readonly policyName: string;
  readonly managedIdentifiers: readonly string[];
  readonly customIdentifiers: readonly { readonly name: string; readonly regex: string }[];
  /** Where audit findings go: the stack's audit log group. */
  readonly auditLogGroupName: string;
  readonly auditRetentionDays: number;
}

export interface LogAnomalyDetectorModel {
  readonly detectorName: string;
  readonly evaluationFrequency: string;
  readonly anomalyVisibilityDays: number;
}

/** The account's Bedrock model invocation logging configuration, owned by this workload here. */
export interface BedrockLoggingModel {
  /** Role Bedrock assumes to write to the log group. */
  readonly roleName: string;
  readonly textDataDelivery: boolean;
  readonly imageDataDelivery: boolean;
  readonly embeddingDataDelivery: boolean;
  readonly videoDataDelivery: boolean;
}

export interface WorkloadMonitoringFields {
  readonly alarms: readonly WorkloadAlarmModel[];
  readonly queries: readonly QueryModel[];
  readonly health?: HealthAlarmModel;
  readonly dataProtection?: DataProtectionModel;
  readonly logAnomalyDetector?: LogAnomalyDetectorModel;
  readonly bedrockLogging?: BedrockLoggingModel;
  /** JSON fields the workload's settings keep out of its lines; AIL051 checks that nothing reads them. */
  readonly unloggedFields: readonly UnloggedField[];
  /** Presets config tunes (`signals.<id>`) that were not created because every filter reads an unlogged field. */
  readonly unfedTunings: readonly UnfedTuning[];
}

export interface UnfedTuning {
  readonly id: string;
  /** Config path of the tuning: `workloads[3].signals.latency`. */
  readonly path: string;
  readonly field: string;
  readonly because: string;
}

export interface EnvironmentMonitoringFields {
  /** The environment's CloudWatch dashboard (in the stack of its default group). */
  readonly dashboardName: string;
}

/** A workload's kind with its config applied: field names, log formats. */
export interface ResolvedKind {
  readonly catalogue: WorkloadKindCatalogue;
  readonly content: KindContent;
  /** Presets of these formats are kept (formatless presets always are). */
  readonly formats: ReadonlySet<string>;
  /** JSON fields the workload's settings keep out of its lines (e.g. Bedrock bodies without text delivery). */
  readonly unlogged: readonly UnloggedField[];
}

export function resolveKind(w: WorkloadConfig): ResolvedKind {
  const catalogue = catalogueFor(w.kind);
  const all = (catalogue.formats ?? []).map((f) => f.id);
  const settings = catalogue.settings ? (w as Record<string, unknown>)[catalogue.settings.key] : undefined;
  return { catalogue, content: kindContent(catalogue, w.fields ?? {}), formats: new Set(w.logFormats ?? all), unlogged: catalogue.unloggedFields?.(settings) ?? [] };
}

/** The first field a filter reads that the workload never logs (none to look for: the usual case, no parse). */
export function unloggedReadBy(kind: ResolvedKind, filter: PresetFilter): { path: string; field: UnloggedField } | undefined {
  if (kind.unlogged.length === 0) return undefined;
  return firstUnlogged(filterFieldsRead(filter.pattern.render(), filter.value, filter.dimensions), kind.unlogged);
}

/** The filters of a preset for the formats the workload writes (a filter for every format always is). */
function writtenFilters(kind: ResolvedKind, preset: SignalPreset): PresetFilter[] {
  return presetFilters(preset).filter((f) => f.format === undefined || kind.formats.has(f.format));
}

/** The filters of a preset the workload can feed: of a format it writes, reading no field its settings keep out of its lines. */
export function activeFilters(kind: ResolvedKind, preset: SignalPreset): PresetFilter[] {
  return writtenFilters(kind, preset).filter((f) => !unloggedReadBy(kind, f));
}

/** Tuned presets of formats the workload writes whose every filter reads a field it never logs. */
function unfedTunings(w: WorkloadConfig, kind: ResolvedKind, path: string): UnfedTuning[] {
  return Object.keys(w.signals ?? {}).flatMap((id) => {
    const preset = kind.content.signals.find((p) => p.id === id);
    const unread = (preset ? writtenFilters(kind, preset) : []).map((f) => unloggedReadBy(kind, f));
    // Fed when any written filter reads only logged fields (or when no filter is written: logFormats drop it).
    if (unread.length === 0 || unread.some((u) => u === undefined)) return [];
    return [{ id, path: `${path}.signals.${id}`, field: unread[0]!.path, because: unread[0]!.field.because }];
  });
}

/** The queries the workload's lines can answer: of a format it writes, reading no unlogged field. */
export function activeQueries(kind: ResolvedKind): QueryPreset[] {
  return kind.content.queries.filter((q) => (q.formats === undefined || q.formats.some((f) => kind.formats.has(f))) && !(kind.unlogged.length > 0 && firstUnlogged(queryFieldsRead(q.query), kind.unlogged)));
}

/** The presets a workload keeps: with a filter for one of its formats, and not disabled. */
export function activePresets(kind: ResolvedKind, w: WorkloadConfig): SignalPreset[] {
  return kind.content.signals.filter((p) => activeFilters(kind, p).length > 0 && w.signals?.[p.id]?.enabled !== false);
}

/** Values of the facts service-alarm dimensions take; list facts may be empty. */
function workloadFacts(w: WorkloadConfig, logGroupName: string, envName: string): Record<WorkloadFact, string[]> {
  const ownsLogging = w.bedrock?.invocationLogging?.ownerEnvironments.includes(envName) ?? false;
  return {
    logGroupName: [logGroupName],
    endpointName: w.sagemaker ? [w.sagemaker.endpointName] : [],
    variantNames: w.sagemaker ? (w.sagemaker.variantNames ?? ["AllTraffic"]) : [],
    modelIds: w.bedrock?.modelIds ?? [],
    clusterName: w.gpuHost?.clusterName ? [w.gpuHost.clusterName] : [],
    invocationLoggingOwner: ownsLogging ? [envName] : [],
  };
}

/** The conventional name, or the name the service writes to (`/aws/sagemaker/Endpoints/<name>`). */
export function workloadLogGroupName(config: Config, env: EnvironmentConfig, w: WorkloadConfig): string {
  const template = catalogueFor(w.kind).logGroupNameTemplate;
  if (w.logGroup?.name) return w.logGroup.name;
  if (!template) return naming.logGroupName(config.project, env.name, w.name);
  const facts = workloadFacts(w, "", env.name);
  return template.replace(/\{(\w+)\}/g, (_m, fact: WorkloadFact) => facts[fact]?.[0] ?? "");
}

export interface SignalBuildContext extends AlarmContext {
  readonly project: string;
  readonly env: string;
  readonly workload: string;
  readonly namespace: string;
}

/**
 * One preset -> its signal(s): a filter per log format the workload writes (see SignalVariant), all
 * publishing into the preset's metric; the first carries the alarm. A preset with dimensions becomes
 * two filters per pattern: `<id>` without dimensions, which the default alarm watches (so it needs no
 * dimension values and can fire for any model), and `<id>-by-<dimension>` with them, for dashboards
 * and queries. Config giving alarm `dimensions` moves the alarm to the dimensioned filter, watching
 * those values.
 */
export function presetSignals(ctx: SignalBuildContext, preset: SignalPreset, filters: readonly PresetFilter[], override: SignalOverrideConfig, path: string): SignalModel[] {
  const { alarmEnabled, enabled: _enabled, ...alarmOverride } = override;
  const alarm = () =>
    alarmEnabled === false
      ? undefined
      : resolveAlarm(ctx, {
          name: naming.signalResourceName(ctx.project, ctx.env, ctx.workload, preset.id),
          description: `${preset.title}. ${preset.runbook}`,
          runbookId: preset.id,
          metric: { namespace: ctx.namespace, name: preset.metric.name, dimensions: {} },
          defaults: preset.alarm,
          override: alarmOverride,
        });
  const signal = (filter: PresetFilter, id: string, dims: Readonly<Record<string, string>>, withAlarm: boolean): SignalModel => ({
    id,
    addressId: naming.addressId(id),
    path,
    filter: {
      name: naming.signalResourceName(ctx.project, ctx.env, ctx.workload, id),
      pattern: filter.pattern.render(),
      metric: { namespace: ctx.namespace, ...preset.metric, value: filter.value, dimensions: dims },
    },
    alarm: withAlarm ? alarm() : undefined,
  });
  const alarmOnBreakdown = alarmOverride.dimensions !== undefined;
  return filters.flatMap((filter, i) => {
    const owner = i === 0;
    if (Object.keys(filter.dimensions).length === 0) return [signal(filter, filter.id, {}, owner)];
    return [
      signal(filter, filter.id, {}, owner && !alarmOnBreakdown),
      signal(filter, breakdownId(filter.id, Object.keys(filter.dimensions)), filter.dimensions, owner && alarmOnBreakdown),
    ];
  });
}

/** The workload's own alarms, queries and protections; `signals` are its metric filters. */
export function workloadMonitoringFields(
  config: Config,
  env: EnvironmentConfig,
  w: WorkloadConfig,
  path: string,
  parts: { readonly kind: ResolvedKind; readonly signals: readonly SignalModel[]; readonly ctx: SignalBuildContext; readonly logGroupName: string },
): WorkloadMonitoringFields {
  const { kind, signals, ctx } = parts;
  const base = (id: string) => naming.signalResourceName(config.project, env.name, w.name, id);
  const alarms = [...ratioAlarms(w, path, kind, signals, ctx), ...serviceAlarms(w, path, kind, parts.logGroupName, ctx)];
  const queries = activeQueries(kind).map((q) => ({
    id: q.id,
    addressId: naming.addressId(q.id),
    name: queryDefinitionName(config.project, env.name, w.name, q.id),
    title: q.title,
    query: q.query,
  }));
  const protection = w.dataProtection;
  const detector = w.logAnomalyDetection;
  const logging = w.bedrock?.invocationLogging;
  return {
    alarms,
    queries,
    health: healthAlarm(w, base("health"), ctx.runbookPage, [...signals.flatMap((s) => (s.alarm ? [{ id: s.id, name: s.alarm.name }] : [])), ...alarms.map((a) => ({ id: a.presetId, name: a.alarm.name }))], ctx.topics),
    unloggedFields: kind.unlogged,
    unfedTunings: unfedTunings(w, kind, path),
    dataProtection:
      // On by default for kinds that log prompts, but not on a group someone else owns (e.g. the shared aws/spans).
      protection?.enabled ?? ((kind.catalogue.carriesPrompts ?? false) && (w.logGroup?.create ?? true))
        ? {
            policyName: base("data-protection"),
            managedIdentifiers: protection?.managedIdentifiers ?? DEFAULT_MANAGED_IDENTIFIERS,
            customIdentifiers: protection?.customIdentifiers ?? [],
            auditLogGroupName: auditLogGroupName(config.project, env.name, w.group ?? DEFAULT_GROUP),
            auditRetentionDays: config.defaults?.retentionDays ?? naming.DEFAULT_RETENTION_DAYS,
          }
        : undefined,
    logAnomalyDetector: detector?.enabled
      ? { detectorName: base("anomalies"), evaluationFrequency: detector.evaluationFrequency ?? "FIFTEEN_MIN", anomalyVisibilityDays: detector.anomalyVisibilityDays ?? 21 }
      : undefined,
    bedrockLogging: logging?.ownerEnvironments.includes(env.name)
      ? {
          roleName: boundedName(`${config.project}-${env.name}-${w.name}-bedrock-logging`, MAX_IAM_ROLE_NAME_LENGTH),
          textDataDelivery: logging.textDataDelivery ?? true,
          imageDataDelivery: logging.imageDataDelivery ?? false,
          embeddingDataDelivery: logging.embeddingDataDelivery ?? false,
          videoDataDelivery: logging.videoDataDelivery ?? false,
        }
      : undefined,
  };
}

/** `scale * FILL(numerator, 0) / denominator` over two kept, undimensioned signals. */
function ratioAlarms(w: WorkloadConfig, path: string, kind: ResolvedKind, signals: readonly SignalModel[], ctx: SignalBuildContext): WorkloadAlarmModel[] {
  return (kind.catalogue.ratios ?? []).flatMap((r) => {
    const override = w.signals?.[r.id] ?? {};
    // Any kept filter of the preset will do: its own or a variant's, all publish the preset's one metric.
    const kept = (presetId: string) => {
      const preset = kind.content.signals.find((p) => p.id === presetId);
      const ids = preset ? presetFilters(preset).map((f) => f.id) : [];
      return signals.find((s) => ids.includes(s.id));
    };
    const num = kept(r.numerator);
    const den = kept(r.denominator);
    // A ratio whose signal is disabled or of a format the workload does not write is dropped with it.
    if (override.enabled === false || !num || !den) return [];
    const metric = (s: SignalModel) => ({ namespace: s.filter.metric.namespace, name: s.filter.metric.name, dimensions: s.filter.metric.dimensions });
    const { enabled: _e, alarmEnabled: _a, ...settings } = override;
    return [
      {
        id: r.id,
        presetId: r.id,
        addressId: naming.addressId(r.id),
        path: `${path}.signals.${r.id}`,
        source: "ratio" as const,
        alarm: resolveAlarm(ctx, {
          name: naming.signalResourceName(ctx.project, ctx.env, ctx.workload, r.id),
          description: `${r.title}. ${r.runbook}`,
          runbookId: r.id,
          metric: metric(num),
          defaults: { ...r.alarm, statistic: "Sum" },
          override: settings,
          ratio: { denominator: metric(den), scale: r.scale },
        }),
      },
    ];
  });
}

/** One alarm per combination of the facts' values; a list fact without values drops its dimension. */
function serviceAlarms(w: WorkloadConfig, path: string, kind: ResolvedKind, logGroupName: string, ctx: SignalBuildContext): WorkloadAlarmModel[] {
  const facts = workloadFacts(w, logGroupName, ctx.env);
  return (kind.catalogue.serviceAlarms ?? []).flatMap((preset) => {
    const override = w.signals?.[preset.id] ?? {};
    if (override.enabled === false || (preset.requires && facts[preset.requires].length === 0)) return [];
    const { enabled: _e, alarmEnabled: _a, ...settings } = override;
    let combinations: { dims: Record<string, string>; suffix: string[] }[] = [{ dims: {}, suffix: [] }];
    for (const [dimension, fact] of Object.entries(preset.dimensions)) {
      const values = facts[fact];
      if (values.length === 0) continue;
      const fanOut = fact === "variantNames" || fact === "modelIds";
      combinations = combinations.flatMap((c) => values.map((v) => ({ dims: { ...c.dims, [dimension]: v }, suffix: fanOut ? [...c.suffix, valueSlug(v)] : c.suffix })));
    }
    return combinations.map(({ dims, suffix }) => {
      const id = [preset.id, ...suffix].join("-");
      return {
        id,
        presetId: preset.id,
        addressId: naming.addressId(id),
        path: `${path}.signals.${preset.id}`,
        source: "service" as const,
        alarm: resolveAlarm(ctx, {
          name: naming.signalResourceName(ctx.project, ctx.env, ctx.workload, id),
          description: `${preset.title}. ${preset.runbook}`,
          runbookId: preset.id,
          metric: { namespace: preset.namespace, name: preset.metricName, dimensions: dims },
          defaults: preset.alarm,
          override: settings,
        }),
      };
    });
  });
}

function healthAlarm(w: WorkloadConfig, name: string, runbookPage: string | undefined, alarms: readonly { id: string; name: string }[], topics: readonly TopicModel[]): HealthAlarmModel | undefined {
  const h = w.health ?? {};
  if (h.enabled === false) return undefined;
  const s = h.actionsSuppressor;
  // The suppressor is an alarm id of this workload (its first alarm, if it fans out) or a name.
  const suppressorName = s ? (alarms.find((a) => a.id === s.alarm)?.name ?? s.alarm) : undefined;
  const members = alarms.map((a) => a.name).filter((n) => n !== suppressorName);
  if (members.length === 0) return undefined;
  return {
    name,
    description: alarmDescription(
      `Health of workload ${w.name} (${w.kind}): ALARM while any of its ${members.length} alarms is in ALARM.`,
      runbookPage && `${runbookPage}#${HEALTH_RUNBOOK_ID}`,
    ),
    alarmNames: members,
    topicIds: h.notify ? topics.filter((t) => t.severities.includes(h.notify!)).map((t) => t.id) : [],
    suppressor: s && suppressorName ? { alarm: suppressorName, extensionPeriod: s.extensionPeriod ?? 60, waitPeriod: s.waitPeriod ?? 60 } : undefined,
  };
}

/** The audit log group a monitoring stack needs: the one its protected workloads name, if any. */
export function stackAuditLogGroup(workloads: readonly { readonly dataProtection?: DataProtectionModel }[]): { name: string; retentionDays: number } | undefined {
  const p = workloads.find((w) => w.dataProtection)?.dataProtection;
  return p && { name: p.auditLogGroupName, retentionDays: p.auditRetentionDays };
}

export function environmentMonitoringFields(config: Config, env: EnvironmentConfig): EnvironmentMonitoringFields {
  return { dashboardName: dashboardName(config.project, env.name) };
}
