import { destroys, type ResourceChange } from "../change-set";
import { SideIndex } from "../resource-index";
import { num, referencesIn, str } from "../values";
import { changesOf, finding, moveFrom, preventDestroyNote, type RiskRule, type RuleContext } from "./risk";

const LOG_GROUP = "aws_cloudwatch_log_group";

/** RV001: a log group that goes away takes its events with it, or leaves them orphaned. */
export const logGroupDestroyed: RiskRule = {
  code: "RV001",
  title: "Log group destroyed or replaced: logs lost",
  check: (ctx) =>
    changesOf(ctx, [LOG_GROUP])
      .filter(({ change }) => destroys(change))
      .map(({ change }) => {
        const name = str(change.before?.name) ?? change.address;
        const keptInAws = change.before?.skip_destroy === true;
        const details = [...preventDestroyNote(change), ...moveOrRenameAdvice(ctx, change, name)];
        let summary: string;
        if (change.action === "replace") {
          const newName = str(change.after?.name);
          const sameName = newName === name;
          summary =
            `\`${name}\` is replaced (${change.replacedBecause.map((a) => `\`${a}\``).join(", ") || "an attribute"} cannot change in place): ` +
            (keptInAws
              ? `skip_destroy keeps the old group and its events in AWS, outside Terraform, and ${sameName ? "creating the new one fails because the name is taken" : `the new group \`${newName}\` starts empty`}.`
              : `its events are deleted and ${sameName ? "an empty group is created" : `the new group \`${newName}\` starts empty`}.`);
        } else {
          summary = keptInAws
            ? `\`${name}\` leaves Terraform: skip_destroy keeps it and its events in AWS, but unmanaged (retention, KMS key and filters are no longer applied) and its name stays taken.`
            : `\`${name}\` is deleted with all its events.`;
        }
        const title = change.action === "replace" ? "Log group replaced" : keptInAws ? "Log group dropped from Terraform" : "Log group destroyed: logs lost";
        return finding(change, name, "high", title, summary, details);
      }),
};

/** RV010: a log group Terraform forgets, and no stack imports, is left in AWS with nobody managing it. */
export const logGroupOrphaned: RiskRule = {
  code: "RV010",
  title: "Log group no longer managed",
  check: (ctx) =>
    changesOf(ctx, [LOG_GROUP])
      .filter(({ change }) => change.action === "forget" && moveFrom(ctx, change)?.kind !== "state-moved")
      .map(({ change }) => {
        const name = str(change.before?.name) ?? change.address;
        const move = moveFrom(ctx, change);
        return finding(
          change,
          name,
          move ? "high" : "medium",
          "Log group no longer managed",
          move
            ? `\`${name}\` is forgotten by \`${change.stack}\` but created (not imported) by \`${move.to.stack}\`: the create fails because the group exists.`
            : `\`${name}\` leaves Terraform (removed, destroy = false): it stays in AWS with its events, but no stack manages its retention, key or filters.`,
          move ? [`Import it in \`${move.to.stack}\` instead: \`import { to = ${move.to.address} id = "${name}" }\`.`] : [],
        );
      }),
};

function moveOrRenameAdvice(ctx: RuleContext, change: ResourceChange, name: string): string[] {
  const move = moveFrom(ctx, change);
  if (!move) return [];
  const to = move.to;
  if (move.kind === "moved") {
    return [
      `It is created again in stack \`${to.stack}\` as \`${to.address}\`. The two stacks apply separately: if \`${to.stack}\` applies first, creating fails (the name exists); if \`${change.stack}\` applies first, the group ${change.before?.skip_destroy === true ? "is forgotten and the create still fails" : "and its events are deleted"}.`,
      `To move it with its events, move it between the states instead: in \`${change.stack}\`, \`removed { from = ${change.address} lifecycle { destroy = false } }\`; in \`${to.stack}\`, \`import { to = ${to.address} id = "${name}" }\` (Terraform >= 1.7).`,
    ];
  }
  return [
    `It looks renamed to \`${str(to.after?.name)}\` (\`${to.address}\`). A log group cannot be renamed: the new group starts empty and the old events stay behind.`,
    `To keep one group and its events, keep its name (set \`logGroup.name: ${name}\` on the renamed workload) and tell Terraform the address moved: \`moved { from = ${change.address} to = ${to.address} }\`.`,
  ];
}

/** RV002: shortening retention deletes every event older than the new limit, soon and for good. */
export const retentionShortened: RiskRule = {
  code: "RV002",
  title: "Log retention shortened",
  check: (ctx) =>
    changesOf(ctx, [LOG_GROUP])
      .filter(({ change }) => change.action === "update" && change.changed.includes("retention_in_days"))
      .flatMap(({ change }) => {
        const before = retentionDays(change.before?.retention_in_days);
        const after = retentionDays(change.after?.retention_in_days);
        if (after >= before) return [];
        const name = str(change.before?.name) ?? change.address;
        return [
          finding(
            change,
            name,
            "high",
            "Log retention shortened",
            `\`${name}\` keeps events ${describeRetention(after)} instead of ${describeRetention(before)}: CloudWatch Logs deletes every older event after the change, and that cannot be undone.`,
            ["Export what must be kept first (an export task to S3, or the archive subscription) if the older events still matter."],
          ),
        ];
      }),
};

/** 0 or unset = never expire. */
function retentionDays(value: unknown): number {
  const days = num(value);
  return days === undefined || days === 0 ? Number.POSITIVE_INFINITY : days;
}

function describeRetention(days: number): string {
  return days === Number.POSITIVE_INFINITY ? "forever" : `${days} days`;
}

/** RV003: events stay encrypted with the key they were written with. */
export const logGroupKeyChanged: RiskRule = {
  code: "RV003",
  title: "KMS key of log groups changed",
  check: (ctx) => [
    ...changesOf(ctx, [LOG_GROUP])
      .filter(({ change }) => change.action === "update" && change.changed.includes("kms_key_id") && change.before?.kms_key_id)
      .map(({ change }) => {
        const name = str(change.before?.name) ?? change.address;
        const after = change.after?.kms_key_id;
        return finding(
          change,
          name,
          "high",
          "Log group KMS key changed",
          after
            ? `\`${name}\` encrypts new events with ${keyLabel(after)} instead of ${keyLabel(change.before?.kms_key_id)}; events already stored stay encrypted with the old key.`
            : `\`${name}\` stops encrypting new events with ${keyLabel(change.before?.kms_key_id)}.`,
          ["Keep the old key enabled (and its policy allowing CloudWatch Logs) for as long as the stored events must stay readable."],
        );
      }),
    ...changesOf(ctx, ["aws_kms_key"])
      .filter(({ change }) => destroys(change))
      .map(({ stack, change }) => {
        const index = new SideIndex(stack.resources, "before");
        const arn = str(change.before?.arn);
        const users = stack.resources
          .filter((r) => r.before && r.address !== change.address && r.type !== "aws_kms_alias")
          .filter((r) => referencesIn(r.before).some((ref) => ref.address === change.address) || (arn !== undefined && JSON.stringify(r.before).includes(arn)))
          .map((r) => `\`${str(index.attributes(r.address)?.name) ?? r.address}\``);
        const window = num(change.before?.deletion_window_in_days) ?? 30;
        return finding(
          change,
          str(change.before?.description) ?? change.address,
          "high",
          change.action === "replace" ? "KMS key replaced" : "KMS key destroyed",
          `KMS key \`${change.address}\` is scheduled for deletion (after ${window} days): what it encrypted becomes unreadable for good${users.length > 0 ? `, including ${users.join(", ")}` : ""}.`,
          preventDestroyNote(change),
        );
      }),
  ],
};

function keyLabel(value: unknown): string {
  const text = str(value) ?? "(none)";
  const ref = /^\$\{([^}]+)\}$/.exec(text);
  return ref ? `\`${ref[1].replace(/\.arn$/, "")}\`` : `\`${text}\``;
}
