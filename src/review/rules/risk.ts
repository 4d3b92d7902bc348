import type { ResourceChange, StackChanges } from "../change-set";
import type { Move } from "../moves";
import type { PatternSampleComparison } from "../pattern-samples";
import type { WorkloadChange } from "../workloads";

/** high: data is lost or alerting is silenced; medium: alerting or archiving behaves differently. */
export type Severity = "high" | "medium";

/** One thing a reviewer must look at before approving. */
export interface Risk {
  /** Stable code of the rule, e.g. RV001. */
  readonly code: string;
  readonly title: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly address: string;
  /** The resource's AWS name, for people. */
  readonly resourceName?: string;
  /** One sentence: what happens. */
  readonly summary: string;
  /** Why, consequences, what to do instead. */
  readonly details: readonly string[];
  readonly samples?: PatternSampleComparison;
  /**
   * One story per change: the other resources this risk tells about (`stack address`), whose own
   * findings it replaces (a renamed workload's alarms, a removed subscription's topic, ...).
   */
  readonly covers?: readonly string[];
}

export interface RuleContext {
  readonly stacks: readonly StackChanges[];
  readonly moves: readonly Move[];
  /** Workloads renamed, moved or removed (workloads.ts). */
  readonly workloads: readonly WorkloadChange[];
}

/** What a rule reports; the runner adds the rule's code. */
export type RiskFinding = Omit<Risk, "code">;

export interface RiskRule {
  readonly code: string;
  readonly title: string;
  check(ctx: RuleContext): RiskFinding[];
}

export function finding(
  change: ResourceChange,
  resourceName: string,
  severity: Severity,
  title: string,
  summary: string,
  details: readonly string[] = [],
): RiskFinding {
  return { title, severity, stack: change.stack, address: change.address, resourceName, summary, details };
}

/** Every change of the given types, with its stack. */
export function changesOf(ctx: RuleContext, types: readonly string[]): { stack: StackChanges; change: ResourceChange }[] {
  return ctx.stacks.flatMap((stack) => stack.resources.filter((r) => types.includes(r.type) && r.action !== "no-op").map((change) => ({ stack, change })));
}

/** What config offers for moving a workload's resources to another stack group without losing them. */
export const MOVED_FROM_ADVICE =
  "Move a workload between stack groups with `movedFrom: <old group>` on it: the old stack forgets its resources and the new one imports them (README, \"Moving a workload between groups\").";

/** `stack address`, the key `covers` uses. */
export function coverKey(change: ResourceChange): string {
  return `${change.stack} ${change.address}`;
}

export function moveFrom(ctx: RuleContext, change: ResourceChange): Move | undefined {
  return ctx.moves.find((m) => m.from === change);
}

/**
 * What `prevent_destroy` does to this change: a replace is refused at plan time; a delete is not,
 * because removing the resource block removes its lifecycle too (Terraform documents this).
 */
export function preventDestroyNote(change: ResourceChange): string[] {
  if (change.action === "replace" && change.preventDestroy) {
    return [
      "`lifecycle.prevent_destroy` is set, so `terraform plan` stops with “Error: Instance cannot be destroyed” for " +
        `\`${change.address}\`; it plans only once the change is reworked, or \`allowDestroy: true\` is set for the environment.`,
    ];
  }
  if (change.action === "delete" && change.wasPreventDestroy) {
    return [
      "`lifecycle.prevent_destroy` does not stop this: it protects a resource only while its block is in the configuration, and this change removes the block.",
    ];
  }
  return [];
}
