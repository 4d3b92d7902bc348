import { destroys, type ResourceChange } from "../change-set";
import { SideIndex } from "../resource-index";
import { num, referencesIn, str } from "../values";
import { keyGrantLosses } from "../key-grants";
import { changesOf, finding, moveFrom, MOVED_FROM_ADVICE, preventDestroyNote, type RiskRule, type RuleContext } from "./risk";

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
          move ? [MOVED_FROM_ADVICE] : [],
        );
      }),
};

function moveOrRenameAdvice(ctx: RuleContext, change: ResourceChange, name: string): string[] {
  const move = moveFrom(ctx, change);
  if (!move) return [];
  const to = move.to;
  if (move.kind === "moved") {
    return [
      `It is created again ${to.stack === change.stack ? "" : `in stack \`${to.stack}\` `}as \`${to.address}\` with the same name${to.stack === change.stack ? "" : ". The two stacks apply separately"}: ${change.before?.skip_destroy === true ? "the old group stays in AWS (skip_destroy), so creating it fails (the name is taken)" : `if the create runs first it fails (the name is taken); otherwise \`${name}\` and its events are deleted first`}.`,
      MOVED_FROM_ADVICE,
    ];
  }
  return [`It looks renamed to \`${str(to.after?.name)}\` (\`${to.address}\`). A log group cannot be renamed: the new group starts empty and the old events stay behind.`];
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
      .map(({ stack, change }) => {
        const name = str(change.before?.name) ?? change.address;
        const after = change.after?.kms_key_id;
        const revoked = keyGrantLosses(stack).filter((l) => l.key.action === "update" && l.logGroups.includes(name));
        const finding_ = finding(
          change,
          name,
          "high",
          "Log group KMS key changed",
          (after
            ? `\`${name}\` encrypts new events with ${keyLabel(after)} instead of ${keyLabel(change.before?.kms_key_id)}; events already stored stay encrypted with the old key`
            : `\`${name}\` stops encrypting new events with ${keyLabel(change.before?.kms_key_id)}; events already stored stay encrypted with it`) +
            (revoked.length > 0
              ? `, and this change removes the log group from ${revoked.map((l) => `\`${l.key.address}\``).join(", ")}'s policy: CloudWatch Logs can no longer decrypt them, so they become unreadable.`
              : "."),
          revoked.length > 0
            ? ["No config setting keeps the old key's grant for this log group: export or archive the events that must stay readable before the change, or keep the log group on its key until they have expired."]
            : ["Keep the old key enabled and granting CloudWatch Logs for as long as the stored events must stay readable."],
        );
        return { ...finding_, covers: revoked.map((l) => `${stack.name} ${l.key.address}`) };
      }),
    // A key that stops granting CloudWatch Logs a log group that is kept: its stored events become unreadable.
    ...ctx.stacks.flatMap((stack) =>
      keyGrantLosses(stack)
        .filter((l) => l.key.action === "update")
        .map((l) => ({ l, kept: l.logGroups.filter((n) => retained(stack.resources, n)) }))
        .filter(({ kept }) => kept.length > 0)
        .map(({ l, kept }) =>
          finding(
            l.key,
            str(l.key.before?.description) ?? l.key.address,
            "high",
            "KMS key no longer grants retained log groups",
            `\`${l.key.address}\` no longer lets CloudWatch Logs use it for ${kept.map((n) => `\`${n}\``).join(", ")}, whose stored events it encrypts: they become unreadable.`,
            ["Keep the workload that owns the log group in the config (or `movedFrom` while it moves) until its events have expired."],
          ),
        ),
    ),
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

/** A log group whose events outlive this change: still configured, or left in AWS by skip_destroy. */
function retained(resources: readonly ResourceChange[], name: string): boolean {
  const group = resources.find((r) => r.type === LOG_GROUP && str((r.before ?? r.after)?.name) === name);
  if (!group) return false;
  return group.after !== undefined || (group.before?.skip_destroy === true && group.action !== "replace");
}

function keyLabel(value: unknown): string {
  const text = str(value) ?? "(none)";
  const ref = /^\$\{([^}]+)\}$/.exec(text);
  return ref ? `\`${ref[1].replace(/\.arn$/, "")}\`` : `\`${text}\``;
}
