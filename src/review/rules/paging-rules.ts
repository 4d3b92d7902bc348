import type { ResourceChange } from "../change-set";
import { describeRecipient, routingOf, type AlarmRoute, type Routing } from "../paging";
import { parseReference, str, strings } from "../values";
import { changesOf, coverKey, finding, type RiskFinding, type RiskRule, type RuleContext } from "./risk";

/**
 * Paging, before and after: for every alarm that exists on both sides, who its ALARM actions reach.
 * Alarms whose recipients change the same way are one story (an e-mail removed from a target is one
 * risk, not one per alarm), anchored on the resource that causes it.
 */

interface PagingChange {
  readonly before: AlarmRoute;
  readonly after: AlarmRoute;
  readonly lost: readonly string[];
  readonly gained: readonly string[];
}

function pagingChanges(ctx: RuleContext): { changes: PagingChange[]; before: Routing; after: Routing } {
  const before = routingOf(ctx.stacks, "before");
  const after = routingOf(ctx.stacks, "after");
  const changes: PagingChange[] = [];
  for (const [key, b] of before.alarms) {
    const a = after.alarms.get(key);
    if (!a || a.alarm.action === "replace") continue;
    const lost = [...b.recipients].filter((r) => !a.recipients.has(r)).sort();
    const gained = [...a.recipients].filter((r) => !b.recipients.has(r)).sort();
    if (lost.length > 0 || gained.length > 0) changes.push({ before: b, after: a, lost, gained });
  }
  return { changes, before, after };
}

/** Groups of alarms whose paging changes alike. */
function grouped(changes: readonly PagingChange[]): PagingChange[][] {
  const groups = new Map<string, PagingChange[]>();
  for (const c of changes) {
    const moved = c.before.severity !== c.after.severity ? `${c.before.severity}>${c.after.severity}` : "";
    const key = [moved, c.lost.join(","), c.gained.join(","), c.after.recipients.size === 0, c.after.actionsEnabled].join("|");
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

const recipientList = (rs: Iterable<string>) => [...rs].map(describeRecipient).join(", ") || "no one";

function alarmsLabel(group: readonly PagingChange[]): string {
  if (group.length === 1) return `\`${group[0].before.name}\``;
  const counts = new Map<string, number>();
  for (const c of group) counts.set(c.before.severity, (counts.get(c.before.severity) ?? 0) + 1);
  if (counts.size === 1) {
    const [severity] = counts.keys();
    return `${group.length} ${severity === "unknown" ? "" : `${severity} `}alarms`;
  }
  return `${group.length} alarms (${[...counts].map(([s, n]) => `${n} ${s}`).join(", ")})`;
}

function alarmNames(group: readonly PagingChange[]): string[] {
  if (group.length === 1) return [];
  const names = group.map((c) => `\`${c.before.name}\``);
  return [`Alarms: ${names.length > 8 ? `${names.slice(0, 8).join(", ")} and ${names.length - 8} more` : names.join(", ")}.`];
}

/** What made recipients go: subscriptions deleted, topics deleted, actions changed or disabled. */
function causes(group: readonly PagingChange[], before: Routing): { anchor: ResourceChange; stack: string; lines: string[]; covers: string[] } {
  const lines: string[] = [];
  const covers = new Set<string>();
  let anchor: { change: ResourceChange; stack: string } | undefined;
  const lost = new Set(group[0].lost);
  for (const id of new Set(group.flatMap((c) => c.before.topics))) {
    const topic = before.topics.get(id);
    if (!topic) continue;
    if (topic.topic.action === "delete" || topic.topic.action === "replace") {
      lines.push(`SNS topic \`${topic.name}\` is ${topic.topic.action === "delete" ? "deleted" : "replaced"}, with its subscriptions (${recipientList(topic.recipients)}).`);
      covers.add(coverKey(topic.topic));
      for (const sub of topic.subscriptions.values()) covers.add(coverKey(sub));
      anchor ??= { change: topic.topic, stack: topic.stack };
    }
    for (const [recipient, sub] of topic.subscriptions) {
      if (!lost.has(recipient) || (sub.action !== "delete" && sub.action !== "replace")) continue;
      if (topic.topic.action === "delete") continue;
      lines.push(`Subscription ${describeRecipient(recipient)} of topic \`${topic.name}\` is removed.`);
      covers.add(coverKey(sub));
      anchor ??= { change: sub, stack: topic.stack };
    }
  }
  for (const c of group) {
    const b = c.before.alarm.before;
    const a = c.after.alarm.after;
    if (c.before.actionsEnabled && !c.after.actionsEnabled) lines.push(`\`${c.before.name}\`: \`actions_enabled\` becomes false.`);
    for (const list of ["alarm_actions", "ok_actions", "insufficient_data_actions"]) {
      const keyOf = (v: string) => parseReference(v)?.address ?? v;
      const after = new Set(strings(a?.[list]).map(keyOf));
      const removed = strings(b?.[list]).filter((v) => !after.has(keyOf(v)));
      if (removed.length > 0 && group.length === 1) lines.push(`\`${list}\` loses ${removed.map((v) => `\`${topicLabel(v, before)}\``).join(", ")}`);
    }
    covers.add(coverKey(c.before.alarm));
  }
  const first = anchor ?? { change: group[0].before.alarm, stack: group[0].before.stack };
  return { anchor: first.change, stack: first.stack, lines: [...new Set(lines)], covers: [...covers] };
}

function topicLabel(value: string, routing: Routing): string {
  const ref = parseReference(value);
  if (ref) for (const t of routing.topics.values()) if (t.topic.address === ref.address) return t.name;
  return value.split(":").pop() ?? value;
}

function story(group: PagingChange[], before: Routing, severity: RiskFinding["severity"], title: string, summary: string, advice: string[]): RiskFinding {
  const cause = causes(group, before);
  const name = str(cause.anchor.before?.name) ?? str(cause.anchor.before?.alarm_name) ?? str(cause.anchor.before?.endpoint) ?? cause.anchor.address;
  return { ...finding(cause.anchor, name, severity, title, summary, [...cause.lines, ...alarmNames(group), ...advice]), covers: cause.covers };
}

/** RV006: alarms that reach fewer people, or no one. */
export const pagingLost: RiskRule = {
  code: "RV006",
  title: "Alarms notify fewer people, or no one",
  check: (ctx) => {
    const { changes, before } = pagingChanges(ctx);
    return grouped(changes.filter((c) => c.gained.length === 0)).map((group) => {
      const c = group[0];
      const silent = c.after.recipients.size === 0;
      const who = alarmsLabel(group);
      return silent
        ? story(group, before, "high", "Alarm loses notification actions", `${who} will go into ALARM without notifying anyone (before: ${recipientList(c.before.recipients)}).`, [
            "Alarms notify the topic of their severity: keep a target in `environments[].notifications` and the alarm's actions enabled.",
          ])
        : story(group, before, "medium", "Alarms notify fewer people", `${who} no longer ${group.length === 1 ? "notifies" : "notify"} ${recipientList(c.lost)}; ${group.length === 1 ? "it still notifies" : "they still notify"} ${recipientList(c.after.recipients)}.`, [
            "If they should keep receiving these alarms, keep them in `environments[].notifications.<severity>`.",
          ]);
    });
  },
};

/** RV011: alarms that now page other people: another severity, or a target folded into another. */
export const pagingRerouted: RiskRule = {
  code: "RV011",
  title: "Alarms re-routed to other recipients",
  check: (ctx) => {
    const { changes, before } = pagingChanges(ctx);
    return grouped(changes.filter((c) => c.gained.length > 0)).map((group) => {
      const c = group[0];
      const severityMoved = c.before.severity !== c.after.severity;
      const who = alarmsLabel(group);
      const summary =
        (severityMoved ? `${who} ${group.length === 1 ? "moves" : "move"} from ${c.before.severity} to ${c.after.severity}: ` : `${who} ${group.length === 1 ? "is" : "are"} re-routed: `) +
        `${group.length === 1 ? "it" : "they"} notified ${recipientList(c.before.recipients)}; now ${recipientList(c.after.recipients)}.`;
      const advice = severityMoved
        ? ["An alarm's `severity` (`signals.<id>.severity`) picks the topic it notifies."]
        : ["Without `notifications.warning`, warning alarms go to the critical target: keep a warning target to keep them off the pager."];
      return story(group, before, "medium", severityMoved ? "Alarms re-routed to another severity" : "Alarms re-routed to other recipients", summary, advice);
    });
  },
};

/** RV013: a deleted topic's subscribers stop receiving whatever else publishes to it. */
export const topicDeleted: RiskRule = {
  code: "RV013",
  title: "Notification topic deleted",
  check: (ctx) => {
    const before = routingOf(ctx.stacks, "before");
    return changesOf(ctx, ["aws_sns_topic"])
      .filter(({ change }) => change.action === "delete")
      .map(({ stack, change }) => {
        const topic = [...before.topics.values()].find((t) => t.stack === stack.name && t.topic.address === change.address);
        const name = str(change.before?.name) ?? change.address;
        return finding(
          change,
          name,
          "medium",
          "Notification topic deleted",
          `SNS topic \`${name}\` is deleted with its subscriptions (${recipientList(topic?.recipients ?? [])}): anything else that publishes to it (other alarms, tools outside this project) fails, and its subscribers hear nothing.`,
        );
      });
  },
};
