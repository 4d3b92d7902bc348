import { alarmActionsLost, alarmEvaluationChanged, alarmRemoved } from "./alarm-rules";
import { archiveFlowInterrupted, bucketTouched } from "./data-store-rules";
import { logGroupDestroyed, logGroupKeyChanged, logGroupOrphaned, retentionShortened } from "./log-group-rules";
import { filterPatternChanged } from "./pattern-rule";
import type { Risk, RiskRule, RuleContext } from "./risk";

export type { Risk, RiskRule, RuleContext, Severity } from "./risk";

/** Every review rule, in code order. Codes are stable: tests and CI gates may refer to them. */
export const RISK_RULES: readonly RiskRule[] = [
  logGroupDestroyed,
  retentionShortened,
  logGroupKeyChanged,
  bucketTouched,
  alarmRemoved,
  alarmActionsLost,
  alarmEvaluationChanged,
  filterPatternChanged,
  archiveFlowInterrupted,
  logGroupOrphaned,
];

const SEVERITY_ORDER = { high: 0, medium: 1 } as const;

/** Runs every rule; high before medium, then by code, stack and address. */
export function findRisks(ctx: RuleContext): Risk[] {
  return RISK_RULES.flatMap((rule) => rule.check(ctx).map((r) => ({ code: rule.code, ...r })))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.code.localeCompare(b.code) ||
        a.stack.localeCompare(b.stack) ||
        a.address.localeCompare(b.address),
    );
}
