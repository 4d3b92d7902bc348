import type { ChangeAction, ChangeSource, StackChanges } from "./change-set";

export type CountedAction = Exclude<ChangeAction, "no-op">;

export const COUNTED_ACTIONS: readonly CountedAction[] = ["create", "import", "update", "replace", "delete", "forget"];

/** Per stack: how many resources of each type are added, changed, replaced and destroyed. */
export interface StackSummary {
  readonly stack: string;
  readonly source: ChangeSource;
  readonly status: StackChanges["status"];
  readonly planFile?: string;
  /** Resource type -> action -> count; only types with a change. */
  readonly byType: Readonly<Record<string, Readonly<Record<CountedAction, number>>>>;
  readonly totals: Readonly<Record<CountedAction, number>>;
  readonly unchanged: number;
}

export function summarizeStack(stack: StackChanges): StackSummary {
  const zero = (): Record<CountedAction, number> => ({ create: 0, import: 0, update: 0, replace: 0, delete: 0, forget: 0 });
  const byType: Record<string, Record<CountedAction, number>> = {};
  const totals = zero();
  let unchanged = 0;
  for (const r of stack.resources) {
    if (r.action === "no-op") {
      unchanged++;
      continue;
    }
    (byType[r.type] ??= zero())[r.action]++;
    totals[r.action]++;
  }
  const sorted = Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b)));
  return { stack: stack.name, source: stack.source, status: stack.status, planFile: stack.planFile, byType: sorted, totals, unchanged };
}
