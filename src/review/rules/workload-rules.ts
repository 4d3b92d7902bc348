import { DEFAULT_GROUP } from "../../config/archive-schema";
import { monitoringStackName } from "../../model/naming";
import type { Attributes, ResourceChange, StackChanges } from "../change-set";
import { keyGrantLosses } from "../key-grants";
import { block, num, str } from "../values";
import type { WorkloadChange, WorkloadSide } from "../workloads";
import { coverKey, type RiskFinding, type RiskRule, type RuleContext } from "./risk";

/**
 * RV001, told once per workload: a renamed, removed or moved workload takes its log group, filters,
 * alarms, subscriptions and queries along. One risk says what goes with it, and what to do in config.
 */
export const workloadChanged: RiskRule = {
  code: "RV001",
  title: "Workload renamed, removed or moved: log group and alarms start over",
  check: (ctx) => {
    const storyGroups = new Set(ctx.workloads.map((w) => `${w.from.stack} ${w.from.logGroupName}`));
    return ctx.workloads.map((w) => story(ctx, w, storyGroups));
  },
};

function story(ctx: RuleContext, w: WorkloadChange, storyGroups: ReadonlySet<string>): RiskFinding {
  const from = w.from;
  const stack = ctx.stacks.find((s) => s.name === from.stack)!;
  const group = from.logGroup;
  const before = group.before as Attributes;
  const kept = before.skip_destroy === true;
  const losses = keyGrantLosses(stack).filter((l) => l.logGroups.includes(from.logGroupName));
  const keyNote = kept && losses.length > 0 ? `, and ${losses.map((l) => `\`${l.key.address}\``).join(", ")} no longer lets CloudWatch Logs decrypt it: its events become unreadable` : "";
  const fate = kept
    ? `stays in AWS with its events (skip_destroy) but leaves Terraform: nothing manages it any more${keyNote}`
    : "is deleted with all its events";
  const retention = retentionText(num(before.retention_in_days));

  let title: string;
  let summary: string;
  let advice: string[];
  if (w.kind === "renamed") {
    const to = w.to!;
    title = "Workload renamed: log group, alarms and metrics start over";
    summary =
      `Workload \`${from.name}\` (${from.kind}) is renamed to \`${to.name}\`, and everything named after it is replaced: ` +
      `the new log group \`${to.logGroupName}\` starts empty; the old \`${from.logGroupName}\` ${fate}.`;
    advice = [
      `To keep the log group, its events and the alarms' history: keep \`name: ${from.name}\` for this workload in \`workloads\`.`,
      `To rename without losing what is stored: add \`${to.name}\` as a new workload next to \`${from.name}\`, move the application's logging to it, and remove \`${from.name}\` once its events have expired (${retention}).`,
    ];
  } else if (w.kind === "removed") {
    title = "Workload removed: log group and alarms go";
    summary = `Workload \`${from.name}\` (${from.kind}) leaves the configuration, and everything that watched it goes: its log group \`${from.logGroupName}\` ${fate}.`;
    advice = [
      `To keep its events readable, keep \`${from.name}\` in \`workloads\` until they have expired (${retention}), then remove it; its signals can be turned off meanwhile (\`signals.<id>.enabled: false\`).`,
    ];
  } else {
    const to = w.to!;
    const oldGroup = groupOf(stack);
    title = "Workload moved to another stack without movedFrom";
    summary =
      `Workload \`${from.name}\` moves from stack \`${from.stack}\` to \`${to.stack}\`, which creates its log group, filters and alarms again under the same names ` +
      `while \`${from.stack}\` drops them: whichever stack applies second fails (the names are taken), and the old log group ${fate}.`;
    advice = [
      `Set \`movedFrom: ${oldGroup ?? "<the old group>"}\` on the workload: \`${from.stack}\` then forgets its resources and \`${to.stack}\` imports them, events included (README, "Moving a workload between groups").`,
    ];
  }

  const details = [...takenAlong(w), ...(group.wasPreventDestroy && group.action === "delete" ? ["`prevent_destroy` does not stop this: it protects a resource only while its block is in the configuration."] : []), ...advice];
  const covered = [...from.resources, ...(w.to?.resources ?? [])].filter((r) => r.action !== "no-op").map(coverKey);
  for (const loss of keyGrantLosses(stack)) if (loss.logGroups.every((n) => storyGroups.has(`${stack.name} ${n}`))) covered.push(coverKey(loss.key));
  return {
    title,
    severity: "high",
    stack: from.stack,
    address: group.address,
    resourceName: w.to && w.kind === "renamed" ? `${from.name} → ${w.to.name}` : from.name,
    summary,
    details,
    covers: [...new Set(covered)],
  };
}

/** What goes with the workload: alarms, metrics, archive subscription, queries and the rest. */
function takenAlong(w: WorkloadChange): string[] {
  const from = w.from;
  const gone = (type: string) => from.resources.filter((r) => r.type === type && r.action !== "no-op" && r.action !== "forget");
  const names = (rs: ResourceChange[], attr: string) => {
    const list = rs.map((r) => `\`${str((r.before as Attributes)[attr]) ?? r.address}\``);
    return list.length > 4 ? `${list.slice(0, 4).join(", ")} and ${list.length - 4} more` : list.join(", ");
  };
  const recreated = w.kind === "removed" ? "deleted" : w.kind === "moved" ? `deleted here and created again in \`${w.to!.stack}\` under the same names` : "deleted and created again under new names";
  const out: string[] = [];
  const alarms = [...gone("aws_cloudwatch_metric_alarm"), ...gone("aws_cloudwatch_composite_alarm")];
  const alarmFate = w.kind === "removed" ? "nobody is alerted on this workload any more" : w.kind === "moved" ? "whichever stack applies second collides with the other's alarms" : "state and history start over";
  if (alarms.length > 0) out.push(`${alarms.length} alarm${alarms.length === 1 ? "" : "s"} ${recreated}: ${alarmFate} (${names(alarms, "alarm_name")}).`);
  const filters = gone("aws_cloudwatch_log_metric_filter");
  if (filters.length > 0) {
    const namespaces = (side: WorkloadSide | undefined, s: "before" | "after") =>
      new Set(side?.resources.filter((r) => r.type === "aws_cloudwatch_log_metric_filter").map((r) => str(block((r[s] as Attributes).metric_transformation)?.namespace)) ?? []);
    const oldNs = [...namespaces(from, "before")].filter(Boolean).join(", ");
    const newNs = [...namespaces(w.to, "after")].filter(Boolean).join(", ");
    out.push(
      `${filters.length} metric filter${filters.length === 1 ? "" : "s"} ${recreated}` +
        (w.kind === "renamed" && newNs && newNs !== oldNs ? `: the metrics move from \`${oldNs}\` to \`${newNs}\`, so graphs and bands (anomaly detection learns again) start without history.` : "."),
    );
  }
  const subscriptions = gone("aws_cloudwatch_log_subscription_filter");
  if (subscriptions.length > 0) {
    out.push(
      w.kind === "removed"
        ? `Its archive subscription is deleted: no new events reach the archive (what was delivered stays there).`
        : `Its archive subscription is recreated on the new log group: archived events stay under \`${from.logGroupName}\`, new ones arrive under the new name.`,
    );
  }
  const others = [
    ["aws_cloudwatch_query_definition", "saved Logs Insights quer", "ies", "y"],
    ["aws_cloudwatch_log_data_protection_policy", "data protection polic", "ies", "y"],
    ["aws_cloudwatch_log_anomaly_detector", "log anomaly detector", "s", ""],
    ["aws_cloudwatch_log_stream", "log stream", "s", ""],
  ] as const;
  const rest = others.map(([type, word, many, one]) => ({ n: gone(type).length, word, many, one })).filter((o) => o.n > 0);
  if (rest.length > 0) out.push(`Also ${recreated}: ${rest.map((o) => `${o.n} ${o.word}${o.n === 1 ? o.one : o.many}`).join(", ")}.`);
  return out;
}

function retentionText(days: number | undefined): string {
  return days === undefined || days === 0 ? "retention: never expire, so export what must be kept first" : `retention: ${days} days`;
}

/** `monitoring-prod` -> `default`, `monitoring-prod-search` -> `search` (src/model/naming.ts). */
function groupOf(stack: StackChanges): string | undefined {
  const env = stack.defaultTags.environment;
  if (!env) return undefined;
  const base = monitoringStackName(env);
  if (stack.name === base) return DEFAULT_GROUP;
  return stack.name.startsWith(`${base}-`) ? stack.name.slice(base.length + 1) : undefined;
}
