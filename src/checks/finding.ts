import type { ConfigProblem } from "../config/errors";
import type { EnvironmentModel, MonitoringModel, SignalModel, WorkloadModel } from "../model/types";

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

/** A finding about one signal: names environment, workload and signal, located at the signal's config path. */
export function signalProblem(model: MonitoringModel, code: string, site: SignalSite, message: string, field?: string): ConfigProblem {
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
