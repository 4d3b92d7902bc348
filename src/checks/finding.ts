import type { ConfigProblem } from "../config/errors";
import type { AlarmMetricModel, AlarmModel, EnvironmentModel, FilterMetricModel, MonitoringModel, SignalModel, WorkloadModel } from "../model/types";

/** A synth-time rule: a stable code, what it protects against, and the check itself. */
export interface Rule {
  readonly code: string;
  readonly title: string;
  check(model: MonitoringModel): ConfigProblem[];
}

export interface SignalSite {
  readonly env: EnvironmentModel;
  readonly workload: WorkloadModel;
  readonly signal: SignalModel;
}

export function* workloadSites(model: MonitoringModel): Generator<{ env: EnvironmentModel; workload: WorkloadModel }> {
  for (const env of model.environments) for (const workload of env.workloads) yield { env, workload };
}

export function* signalSites(model: MonitoringModel): Generator<SignalSite> {
  for (const { env, workload } of workloadSites(model)) for (const signal of workload.signals) yield { env, workload, signal };
}

/** Where a finding about a signal (or one of a workload's other alarms, tuned under `signals:`) points. */
export interface SignalLikeSite {
  readonly env: EnvironmentModel;
  readonly workload: WorkloadModel;
  readonly signal: Pick<SignalModel, "id" | "path">;
}

/** A metric an alarm reads, and what the workload's filter of that name publishes (none: no such filter). */
export interface WatchedMetric {
  readonly watched: AlarmMetricModel;
  readonly emitted?: FilterMetricModel;
}

/**
 * Every alarm of the model with the filter metrics it reads: a signal's alarm its own filter's; a
 * ratio alarm its numerator's and denominator's; an alarm on an AWS metric none.
 */
export interface AlarmSite extends SignalLikeSite {
  readonly alarm: AlarmModel;
  readonly reads: readonly WatchedMetric[];
}

export function* alarmSites(model: MonitoringModel): Generator<AlarmSite> {
  for (const site of signalSites(model)) {
    if (site.signal.alarm) yield { ...site, alarm: site.signal.alarm, reads: [{ watched: site.signal.alarm.metric, emitted: site.signal.filter.metric }] };
  }
  for (const { env, workload } of workloadSites(model)) {
    for (const a of workload.alarms ?? []) {
      const emitted = (m: AlarmMetricModel) => workload.signals.find((s) => s.filter.metric.namespace === m.namespace && s.filter.metric.name === m.name)?.filter.metric;
      const reads = a.source === "ratio" ? [a.alarm.metric, ...(a.alarm.ratio ? [a.alarm.ratio.denominator] : [])].map((m) => ({ watched: m, emitted: emitted(m) })) : [];
      yield { env, workload, signal: { id: a.id, path: a.path }, alarm: a.alarm, reads };
    }
  }
}

/** Config field of an alarm setting: preset overrides hold it flat, custom signals under `alarm`. */
export function alarmField(site: SignalLikeSite, field: string): string {
  return site.signal.path.includes(".customSignals[") ? `alarm.${field}` : field;
}

/** A finding about one signal: names environment, workload and signal, located at the signal's config path. */
export function signalProblem(model: MonitoringModel, code: string, site: SignalLikeSite, message: string, field?: string): ConfigProblem {
  return {
    file: model.source,
    path: field ? `${site.signal.path}.${field}` : site.signal.path,
    code,
    message: `environment '${site.env.name}', workload '${site.workload.name}', signal '${site.signal.id}': ${message}`,
  };
}

export function workloadProblem(
  model: MonitoringModel,
  code: string,
  site: { env: EnvironmentModel; workload: WorkloadModel },
  message: string,
  field?: string,
): ConfigProblem {
  return {
    file: model.source,
    path: field ? `${site.workload.path}.${field}` : site.workload.path,
    code,
    message: `environment '${site.env.name}', workload '${site.workload.name}': ${message}`,
  };
}
