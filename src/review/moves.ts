import type { ResourceChange, StackChanges } from "./change-set";
import { str } from "./values";

/**
 * A resource that leaves one address and appears at another with the same AWS identity. Terraform
 * plans each stack on its own and sees two unrelated resources; AWS sees one name.
 * - `moved`: destroyed or forgotten here, created there (a workload moved to another stack group):
 *   the create collides with the existing object, or follows the loss of its data;
 * - `state-moved`: forgotten here (`removed`, destroy = false) and imported there: safe, data kept;
 * - `renamed`: one log group destroyed and one created in the same stack (a renamed workload).
 */
export interface Move {
  readonly kind: "moved" | "state-moved" | "renamed";
  readonly from: ResourceChange;
  readonly to: ResourceChange;
}

/** What names a resource in its account and region. */
const IDENTITY: Readonly<Record<string, (a: Readonly<Record<string, unknown>>) => string | undefined>> = {
  aws_cloudwatch_log_group: (a) => str(a.name),
  aws_cloudwatch_metric_alarm: (a) => str(a.alarm_name),
  aws_cloudwatch_log_metric_filter: (a) => str(a.name),
  aws_sns_topic: (a) => str(a.name),
  aws_s3_bucket: (a) => str(a.bucket),
};

export function findMoves(stacks: readonly StackChanges[]): Move[] {
  const all = stacks.flatMap((s) => s.resources);
  const moves: Move[] = [];
  for (const [type, identity] of Object.entries(IDENTITY)) {
    const arriving = all.filter((r) => r.type === type && (r.action === "create" || r.action === "import"));
    for (const from of all.filter((r) => r.type === type && (r.action === "delete" || r.action === "forget"))) {
      const id = identity(from.before!);
      const to = arriving.find((c) => (c.stack !== from.stack || c.address !== from.address) && id !== undefined && identity(c.after!) === id);
      if (to) moves.push({ kind: from.action === "forget" && to.action === "import" ? "state-moved" : "moved", from, to });
    }
  }
  for (const stack of stacks) {
    const deleted = stack.resources.filter((r) => r.type === "aws_cloudwatch_log_group" && r.action === "delete");
    const created = stack.resources.filter((r) => r.type === "aws_cloudwatch_log_group" && r.action === "create");
    if (deleted.length === 1 && created.length === 1 && !moves.some((m) => m.from === deleted[0] || m.to === created[0])) {
      moves.push({ kind: "renamed", from: deleted[0], to: created[0] });
    }
  }
  return moves;
}
