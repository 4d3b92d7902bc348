import { alarmEvaluationChanged, alarmRemoved } from "./alarm-rules";
import { archiveFlowInterrupted, bucketTouched } from "./data-store-rules";
import { logGroupDestroyed, logGroupKeyChanged, logGroupOrphaned, retentionShortened } from "./log-group-rules";
import { pagingLost, pagingRerouted, topicDeleted } from "./paging-rules";
import { filterPatternChanged } from "./pattern-rule";
import { destroyProtectionRemoved } from "./protection-rules";
import { workloadChanged } from "./workload-rules";
import type { Risk, RiskRule, RuleContext } from "./risk";

export type { Risk, RiskRule, RuleContext, Severity } from "./risk";

/** Every review rule, in code order. Codes are stable: tests and CI gates may refer to them. */
export const RISK_RULES: readonly RiskRule[] = [
  workloadChanged,
  logGroupDestroyed,
  retentionShortened,
  logGroupKeyChanged,
  bucketTouched,
  alarmRemoved,
  pagingLost,
  alarmEvaluationChanged,
  filterPatternChanged,
  archiveFlowInterrupted,
  logGroupOrphaned,
  pagingRerouted,
  destroyProtectionRemoved,
  topicDeleted,
];

const SEVERITY_ORDER = { high: 0, medium: 1 } as const;

/**
 * Runs every rule; high before medium, then by code, stack and address. A finding about a resource
 * that another risk already tells as part of its story (`covers`) is left out: one story per change.
 */
export function findRisks(ctx: RuleContext): Risk[] {
  const all = RISK_RULES.flatMap((rule) => rule.check(ctx).map((r): Risk => ({ code: rule.code, ...r })));
  const covered = new Set(all.flatMap((r) => r.covers ?? []));
  return all
    .filter((r) => (r.covers ?? []).length > 0 || !covered.has(`${r.stack} ${r.address}`))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.code.localeCompare(b.code) ||
        a.stack.localeCompare(b.stack) ||
        a.address.localeCompare(b.address),
    );
}
