import type { Attributes, ResourceChange, StackChanges } from "./change-set";
import { referencesIn, str, tagsOf } from "./values";

/**
 * Workloads as the review sees them: a log group tagged `workload` / `workload-kind` and everything
 * that belongs to it (filters, alarms, subscriptions, queries, policies), on each side of a change.
 * A workload that disappears is renamed (another of the same kind and signals appears), moved to
 * another stack, or removed: one story each, however many resources it takes along.
 */

export type Side = "before" | "after";

export interface WorkloadSide {
  readonly stack: string;
  readonly name: string;
  readonly kind: string;
  readonly logGroup: ResourceChange;
  readonly logGroupName: string;
  /** The workload's user tags (without `workload` / `workload-kind`). */
  readonly tags: Readonly<Record<string, string>>;
  /** Signal ids, from filter and alarm names (`<project>-<env>-<workload>-<signal>`). */
  readonly signals: ReadonlySet<string>;
  /** The log group and every resource that belongs to it on this side. */
  readonly resources: readonly ResourceChange[];
}

export interface WorkloadChange {
  readonly kind: "renamed" | "removed" | "moved";
  readonly from: WorkloadSide;
  /** renamed: the new workload; moved: the same workload in its new stack. */
  readonly to?: WorkloadSide;
}

/** Every workload of one side, stack by stack. */
export function workloadsOf(stacks: readonly StackChanges[], side: Side): WorkloadSide[] {
  return stacks.flatMap((stack) => {
    const present = stack.resources.filter((r) => r[side] !== undefined);
    return present
      .filter((r) => r.type === "aws_cloudwatch_log_group" && tagsOf(r[side]).workload && tagsOf(r[side])["workload-kind"])
      .map((group): WorkloadSide => {
        const a = group[side] as Attributes;
        const { workload: name, "workload-kind": kind, ...tags } = tagsOf(a);
        const logGroupName = str(a.name) ?? group.address;
        const resources = present.filter((r) => r === group || belongs(r[side] as Attributes, name, group.address, logGroupName));
        const signals = new Set(
          resources
            .filter((r) => r.type === "aws_cloudwatch_log_metric_filter" || r.type === "aws_cloudwatch_metric_alarm")
            .map((r) => signalOf(str((r[side] as Attributes).name) ?? str((r[side] as Attributes).alarm_name), name))
            .filter((s): s is string => s !== undefined),
        );
        return { stack: stack.name, name, kind, logGroup: group, logGroupName, tags: withoutDefaultTags(tags, stack.defaultTags), signals, resources };
      });
  });
}

/** Renames, moves and removals between the two sides. */
export function findWorkloadChanges(stacks: readonly StackChanges[]): WorkloadChange[] {
  const before = workloadsOf(stacks, "before");
  const after = workloadsOf(stacks, "after");
  const at = (list: WorkloadSide[], w: WorkloadSide) => list.find((x) => x.stack === w.stack && x.name === w.name);
  const changes: WorkloadChange[] = [];
  const gone: WorkloadSide[] = [];
  for (const w of before.filter((x) => !at(after, x))) {
    // A log group forgotten by a `removed` block is kept and told by RV010 (or is half of a state move).
    if (w.logGroup.action === "forget") continue;
    const elsewhere = after.find((x) => x.name === w.name);
    if (elsewhere) changes.push({ kind: "moved", from: w, to: elsewhere });
    else gone.push(w);
  }
  const arrived = after.filter((x) => !at(before, x) && !before.some((b) => b.name === x.name));
  const pairs = gone
    .flatMap((g) => arrived.filter((a) => a.kind === g.kind && signalOverlap(g, a) >= 0.5).map((a) => ({ g, a, score: similarity(g, a) })))
    .sort((x, y) => y.score - x.score || x.a.name.localeCompare(y.a.name));
  const paired = new Set<WorkloadSide>();
  for (const { g, a } of pairs) {
    if (paired.has(g) || paired.has(a)) continue;
    paired.add(g).add(a);
    changes.push({ kind: "renamed", from: g, to: a });
  }
  for (const g of gone.filter((x) => !paired.has(x))) changes.push({ kind: "removed", from: g });
  return changes;
}

/**
 * How alike two workloads of the same kind are: their signal sets (Jaccard), plus the same stack and
 * the same user tags, plus a little for shared name parts (to break ties between twins).
 */
function similarity(a: WorkloadSide, b: WorkloadSide): number {
  const signals = signalOverlap(a, b);
  const sameTags = JSON.stringify(sorted(a.tags)) === JSON.stringify(sorted(b.tags));
  const parts = (n: string) => new Set(n.split("-"));
  const shared = [...parts(a.name)].filter((p) => parts(b.name).has(p)).length;
  return signals + (a.stack === b.stack ? 0.3 : 0) + (sameTags ? 0.2 : 0) + shared * 0.01;
}

/** Jaccard index of the two signal sets (1 when both have none). */
function signalOverlap(a: WorkloadSide, b: WorkloadSide): number {
  const union = new Set([...a.signals, ...b.signals]);
  const common = [...a.signals].filter((s) => b.signals.has(s)).length;
  return union.size === 0 ? 1 : common / union.size;
}

function sorted(tags: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(tags).sort(([x], [y]) => x.localeCompare(y));
}

/** tags_all in plans also carries the provider's default tags; those say nothing about the workload. */
function withoutDefaultTags(tags: Record<string, string>, defaults: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k, v]) => defaults[k] !== v));
}

/** `acme-ai-prod-chat-api-errors` for workload `chat-api` -> `errors`. */
function signalOf(name: string | undefined, workload: string): string | undefined {
  const marker = `-${workload}-`;
  const at = name?.lastIndexOf(marker) ?? -1;
  return at >= 0 ? name!.slice(at + marker.length) : undefined;
}

/**
 * Tagged with the workload, or pointing at its log group (a reference, or its name or ARN as an
 * attribute of its own: `log_group_name`, `log_group_names`, ...). A name deeper inside, such as a
 * metric dimension of an environment-wide alarm over many log groups, does not make it the workload's.
 */
function belongs(a: Attributes, workload: string, groupAddress: string, groupName: string): boolean {
  if (tagsOf(a).workload === workload) return true;
  if (referencesIn(a).some((ref) => ref.address === groupAddress)) return true;
  return topLevelStrings(a).some((s) => s === groupName || s.endsWith(`:log-group:${groupName}`) || s.endsWith(`:log-group:${groupName}:*`));
}

/** String attributes and lists of strings, without looking into nested blocks. */
function topLevelStrings(a: Attributes): string[] {
  return Object.values(a).flatMap((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []));
}
