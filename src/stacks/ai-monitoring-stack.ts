import type { Construct } from "constructs";
import type { z } from "zod";
import { assertModelValid } from "../checks";
import { ConfigError, type ConfigProblem } from "../config/errors";
import { validateConfig } from "../config/load";
import type { configSchema } from "../config/schema";
import { buildModel } from "../model/build-model";
import type { MonitoringModel } from "../model/types";
import { MonitoringStack } from "./monitoring-stack";

/** What a config document may hold, before validation fills in and narrows it. */
type ConfigInput = z.input<typeof configSchema>;

/** One environment, as an entry of `environments` in the config (docs/configuration.md). */
export type AiMonitoringEnvironment = ConfigInput["environments"][number];
/** One workload, as an entry of `workloads` in the config (docs/configuration.md, docs/workloads.md). */
export type AiMonitoringWorkload = ConfigInput["workloads"][number];

export interface AiMonitoringStackProps {
  /** Prefix of every resource name, as `project` in the config. */
  readonly project: string;
  /** The account, region, state bucket and alarm notification targets of the environment monitored. */
  readonly environment: AiMonitoringEnvironment;
  /** The workloads to monitor, each as in the config's `workloads`; all of them go into this one stack. */
  readonly workloads: readonly AiMonitoringWorkload[];
  /** Defaults for every workload, as `defaults` in the config. @default the product's defaults */
  readonly defaults?: ConfigInput["defaults"];
  /** Prefix of the workloads' metric namespaces. @default AI_Monitoring */
  readonly metricNamespace?: string;
  /** Tags on every resource, over `project` and `managed-by`. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Monitoring for AI workloads, described in code: one stack with each workload's log group, metric
 * filters, the alarms on exactly the metrics those filters publish, and the environment's key, alert
 * topics and dashboard. It is what the config-driven app builds for one environment, from the same
 * fields: the props pass the config's schema and its synth-time checks (docs/checks.md), and invalid
 * props throw a ConfigError naming each field (`environment.accountId`, `workloads[0].kind`).
 *
 * State goes to `environment.stateBucket`, which must exist (the config-driven app's state stack
 * creates one). Stack groups and the central archive belong to the config-driven app: a workload
 * here may not name a `group`; several stacks take several AiMonitoringStacks.
 */
export class AiMonitoringStack extends MonitoringStack {
  /** The validated model the stack renders: resolved names, signals, thresholds and topics. */
  public readonly model: MonitoringModel;

  constructor(scope: Construct, id: string, props: AiMonitoringStackProps) {
    const model = validatedModel(`AiMonitoringStack ${id}`, props);
    super(scope, id, { project: model.project, environment: model.environments[0], tags: model.tags });
    this.model = model;
  }
}

/** The props as a one-environment config document, validated and resolved like a config file. */
function validatedModel(source: string, props: AiMonitoringStackProps): MonitoringModel {
  const { project, environment, workloads, defaults, metricNamespace, tags } = props;
  const document = Object.fromEntries(
    Object.entries({ project, environments: [environment], workloads, defaults, metricNamespace, tags }).filter(([, value]) => value !== undefined),
  );
  return withPropPaths(() => {
    const config = validateConfig(document, source);
    const grouped = config.workloads.flatMap((w, i) =>
      (["group", "movedFrom"] as const)
        .filter((key) => w[key] !== undefined)
        .map((key) => ({
          file: source,
          path: `workloads[${i}].${key}`,
          message: `an AiMonitoringStack holds all its workloads in one stack, so '${key}' has no meaning here; leave it out, or give the workload a stack of its own`,
        })),
    );
    if (grouped.length > 0) throw new ConfigError(grouped);
    const model = buildModel(config, source);
    assertModelValid(model);
    return model;
  });
}

/** Problems point at the props: the one environment is `environment`, not `environments[0]`. */
function withPropPaths<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const toProp = (p: ConfigProblem): ConfigProblem => ({ ...p, path: p.path.replace(/^environments\[0\]/, "environment") });
    throw new ConfigError(e.problems.map(toProp));
  }
}
