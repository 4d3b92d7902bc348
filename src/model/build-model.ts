import type { Config, CustomSignalConfig, EnvironmentConfig, SignalOverrideConfig, WorkloadConfig } from "../config/schema";
import type { Severity } from "../signals/types";
import type { AlarmModel, EnvironmentModel, MonitoringModel, SignalModel, StateBucketModel, TopicModel, WorkloadModel } from "./types";
import * as naming from "./naming";
import { buildArchive, environmentArchiveFields, maxResourcesPerStack, retiredGroups, workloadPlacementFields, type ArchiveModel } from "./archive";
import { resolveAlarm } from "./alarm-settings";
import { environmentDeliveryAlarms } from "./delivery-alarms";
import { runbookPage } from "./runbook-link";
import { activeFilters, activePresets, environmentMonitoringFields, presetSignals, resolveKind, workloadLogGroupName, workloadMonitoringFields } from "./monitoring";

/** Config -> resolved model: applies conventions, defaults and per-workload overrides of presets. */
export function buildModel(config: Config, source: string): MonitoringModel {
  const archive = buildArchive(config);
  const environments = config.environments.map((env) => ({
    ...buildEnvironment(config, archive, env),
    archiveAlarmNames: archive && config.archive?.environment === env.name ? archive.deliveryAlarms.map((d) => d.alarm.name) : [],
  }));
  return {
    project: config.project,
    source,
    environments,
    stateBuckets: groupStateBuckets(config.environments),
    bootstrapStateInS3: config.bootstrap?.stateInS3 ?? false,
    archive,
    maxResourcesPerStack: maxResourcesPerStack(config),
    retiredGroups: retiredGroups(config),
    tags: { project: config.project, "managed-by": "ai-logs", ...(config.tags ?? {}) },
  };
}

function groupStateBuckets(envs: readonly EnvironmentConfig[]): StateBucketModel[] {
  const byBucket = new Map<string, StateBucketModel & { environments: string[]; allowDestroy: boolean }>();
  for (const env of envs) {
    const found = byBucket.get(env.stateBucket);
    if (found) {
      found.environments.push(env.name);
      found.allowDestroy &&= env.allowDestroy ?? false;
    } else {
      byBucket.set(env.stateBucket, { bucket: env.stateBucket, accountId: env.accountId, region: env.region, environments: [env.name], allowDestroy: env.allowDestroy ?? false });
    }
  }
  return [...byBucket.values()];
}

function buildEnvironment(config: Config, archive: ArchiveModel | undefined, env: EnvironmentConfig): Omit<EnvironmentModel, "archiveAlarmNames"> {
  const topics = buildTopics(config.project, env);
  const workloads = config.workloads
    .map((w, index) => ({ w, index }))
    .filter(({ w }) => !w.environments || w.environments.includes(env.name))
    .map(({ w, index }) => buildWorkload(config, archive, env, w, index, topics));
  const model: Omit<EnvironmentModel, "deliveryAlarms" | "archiveAlarmNames"> = {
    name: env.name,
    accountId: env.accountId,
    region: env.region,
    partition: naming.partitionOf(env.region),
    stateBucket: env.stateBucket,
    allowDestroy: env.allowDestroy ?? false,
    tags: { environment: env.name, ...(env.tags ?? {}) },
    topics,
    workloads,
    ...environmentArchiveFields(config, archive, env),
    ...environmentMonitoringFields(config, env),
  };
  return { ...model, deliveryAlarms: environmentDeliveryAlarms(config.project, model, config.defaults?.runbookBaseUrl) };
}

function buildTopics(project: string, env: EnvironmentConfig): TopicModel[] {
  const critical = env.notifications.critical;
  const warning = env.notifications.warning;
  const topic = (severities: Severity[], target: typeof critical): TopicModel => ({
    severities,
    id: `alerts_${severities[0]}`,
    name: naming.topicName(project, env.name, severities[0]),
    existingTopicArn: target.existingTopicArn,
    emails: [...new Set(target.emails ?? [])],
    httpsEndpoints: [...new Set(target.httpsEndpoints ?? [])],
  });
  return warning ? [topic(["critical"], critical), topic(["warning"], warning)] : [topic(["critical", "warning"], critical)];
}

function buildWorkload(config: Config, archive: ArchiveModel | undefined, env: EnvironmentConfig, w: WorkloadConfig, index: number, topics: readonly TopicModel[]): WorkloadModel {
  const path = `workloads[${index}]`;
  const namespace = w.metricNamespace ?? naming.metricNamespace(config.metricNamespace ?? naming.DEFAULT_METRIC_NAMESPACE, w.name);
  const ctx: SignalContext = {
    project: config.project,
    env: env.name,
    workload: w.name,
    namespace,
    topics,
    defaultBandWidth: config.defaults?.anomalyBandWidth,
    runbookPage: runbookPage(config.defaults?.runbookBaseUrl, w.kind),
  };
  const kind = resolveKind(w);
  const kindSignals = activePresets(kind, w).flatMap((preset) =>
    presetSignals(ctx, preset, activeFilters(kind, preset), w.signals?.[preset.id] ?? {}, `${path}.signals.${preset.id}`),
  );
  const customSignals = (w.customSignals ?? []).map((c, i) => customSignal(ctx, c, `${path}.customSignals[${i}]`));
  const signals = [...kindSignals, ...customSignals];
  const logGroupName = workloadLogGroupName(config, env, w);
  return {
    name: w.name,
    id: naming.addressId(w.name),
    kind: w.kind,
    path,
    logGroup: {
      name: logGroupName,
      create: w.logGroup?.create ?? true,
      retentionDays: w.logGroup?.retentionDays ?? config.defaults?.retentionDays ?? naming.DEFAULT_RETENTION_DAYS,
      logGroupClass: w.logGroup?.class ?? "STANDARD",
      kmsKeyArn: w.logGroup?.kmsKeyArn,
      streams: w.logGroup?.streams ?? [],
    },
    signals,
    tags: { workload: w.name, "workload-kind": w.kind, ...(w.tags ?? {}) },
    expectedUsage: w.expectedUsage,
    ...workloadPlacementFields(config, archive, env, w, path),
    ...workloadMonitoringFields(config, env, w, path, { kind, signals, ctx, logGroupName }),
  };
}

interface SignalContext {
  readonly project: string;
  readonly env: string;
  readonly workload: string;
  readonly namespace: string;
  readonly topics: readonly TopicModel[];
  readonly defaultBandWidth?: number;
  readonly runbookPage?: string;
}

function customSignal(ctx: SignalContext, c: CustomSignalConfig, path: string): SignalModel {
  const name = naming.signalResourceName(ctx.project, ctx.env, ctx.workload, c.name);
  const a = c.alarm;
  return {
    id: c.name,
    addressId: naming.addressId(c.name),
    path,
    filter: {
      name,
      pattern: c.pattern,
      metric: {
        namespace: ctx.namespace,
        name: c.metric.name,
        unit: c.metric.unit ?? "None",
        value: c.metric.value ?? "1",
        defaultValue: c.metric.defaultValue,
        dimensions: c.metric.dimensions ?? {},
      },
    },
    alarm: a
      ? alarm(
          ctx,
          name,
          c.metric.name,
          {
            statistic: a.statistic ?? "Sum",
            comparison: a.comparison ?? "GreaterThanThreshold",
            period: a.period ?? 300,
            evaluationPeriods: a.evaluationPeriods ?? 1,
            datapointsToAlarm: a.datapointsToAlarm ?? a.evaluationPeriods ?? 1,
            treatMissingData: a.treatMissingData ?? "notBreaching",
            severity: a.severity ?? "warning",
            ...a,
          },
          c.runbook ?? `Custom signal ${c.name} on ${ctx.workload}.`,
        )
      : undefined,
  };
}

type AlarmSettings = Omit<AlarmModel, "name" | "description" | "metric" | "topicIds" | "anomalyBand" | "ratio"> &
  Pick<SignalOverrideConfig, "unit" | "dimensions" | "bandWidth">;

/** A custom signal's alarm: everything config gives is its default (see src/model/alarm-settings.ts). */
function alarm(ctx: SignalContext, name: string, metricName: string, s: AlarmSettings, description: string): AlarmModel {
  return resolveAlarm(ctx, { name, description, metric: { namespace: ctx.namespace, name: metricName, dimensions: {} }, defaults: s });
}
