import { ConfigError, type ConfigProblem } from "../config/errors";
import type { MonitoringModel } from "../model/types";
import { alarmRules } from "./alarm-rules";
import type { Rule } from "./finding";
import { logGroupRules } from "./log-group-rules";
import { metricFilterRules } from "./metric-filter-rules";

export type { Rule } from "./finding";

/** Every synth-time rule, ordered by code. Codes are stable: documented in the README, never reused. */
export const RULES: readonly Rule[] = [...logGroupRules, ...metricFilterRules, ...alarmRules].sort((a, b) => a.code.localeCompare(b.code));

export function runChecks(model: MonitoringModel, rules: readonly Rule[] = RULES): ConfigProblem[] {
  return rules.flatMap((rule) => rule.check(model));
}

/** Throws a ConfigError listing every finding; synth stops before anything is written. */
export function assertModelValid(model: MonitoringModel): void {
  const problems = runChecks(model);
  if (problems.length > 0) throw new ConfigError(problems);
}
