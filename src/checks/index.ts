import { ConfigError, type ConfigProblem } from "../config/errors";
import type { TerraformStack } from "cdktf";
import type { MonitoringModel } from "../model/types";
import { alarmRules } from "./alarm-rules";
import { applyTimeRules } from "./apply-time-rules";
import { archiveRules } from "./archive-rules";
import { fieldRules } from "./field-rules";
import type { Rule } from "./finding";
import { logGroupRules } from "./log-group-rules";
import { metricFilterRules } from "./metric-filter-rules";
import { stackBudgetRule, stackRules } from "./stack-rules";
import { uniquenessRules } from "./uniqueness-rules";

export type { Rule } from "./finding";

const byCode = (a: Rule, b: Rule) => a.code.localeCompare(b.code);

/** The rules that read the model only. */
const MODEL_RULES: readonly Rule[] = [...logGroupRules, ...metricFilterRules, ...alarmRules, ...uniquenessRules, ...archiveRules, ...stackRules, ...applyTimeRules, ...fieldRules].sort(byCode);

/** AIL043 counts what the built stacks hold, and only a model that passes every other rule can be built. */
const budgetRule: Rule = {
  code: stackBudgetRule.code,
  title: stackBudgetRule.title,
  check: (model) => (runChecks(model, MODEL_RULES).length > 0 ? [] : stackBudgetRule.check(model)),
};

/** Every synth-time rule, ordered by code. Codes are stable: documented in docs/checks.md (generated), never reused. */
export const RULES: readonly Rule[] = [...MODEL_RULES, budgetRule].sort(byCode);

export function runChecks(model: MonitoringModel, rules: readonly Rule[] = RULES): ConfigProblem[] {
  return rules.flatMap((rule) => rule.check(model));
}

/**
 * Throws a ConfigError listing every finding; synth stops before anything is written. The stack
 * budget (AIL043) counts what the built stacks hold, so buildApp runs it after building them
 * (assertStacksValid) instead of building them twice.
 */
export function assertModelValid(model: MonitoringModel): void {
  const problems = runChecks(model, MODEL_RULES);
  if (problems.length > 0) throw new ConfigError(problems);
}

export function assertStacksValid(model: MonitoringModel, stacks: readonly TerraformStack[]): void {
  const problems = stackBudgetRule.checkStacks(model, stacks);
  if (problems.length > 0) throw new ConfigError(problems);
}
