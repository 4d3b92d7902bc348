import type { ResourceChange, StackChanges } from "../change-set";
import { SideIndex } from "../resource-index";
import { num, parseReference, shortValue, str, strings } from "../values";
import { changesOf, finding, moveFrom, type RiskRule } from "./risk";

const ALARMS = ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"];

/** RV005: an alarm that goes away alerts nobody; one recreated under a new name starts over. */
export const alarmRemoved: RiskRule = {
  code: "RV005",
  title: "Alarm removed or recreated",
  check: (ctx) =>
    changesOf(ctx, ALARMS)
      .filter(({ change }) => change.action === "delete" || change.action === "replace")
      .map(({ change }) => {
        const name = str(change.before?.alarm_name) ?? change.address;
        if (change.action === "replace") {
          return finding(
            change,
            name,
            "medium",
            "Alarm recreated",
            `\`${name}\` is deleted and created again as \`${str(change.after?.alarm_name)}\`: its state and history start over, and whatever refers to the old name (composite alarms, dashboards, runbooks) stops finding it.`,
          );
        }
        const move = moveFrom(ctx, change);
        return finding(
          change,
          name,
          "medium",
          "Alarm removed",
          move
            ? `\`${name}\` moves from stack \`${change.stack}\` to \`${move.to.stack}\`. Alarms are keyed by name, so the two stacks fight over one alarm: if \`${move.to.stack}\` applies first, applying \`${change.stack}\` afterwards deletes it.`
            : `\`${name}\` is deleted: nobody is alerted on ${metricLabel(change)} any more.`,
          move ? [`Apply \`${change.stack}\` before \`${move.to.stack}\`, or move the state: \`removed { from = ${change.address} lifecycle { destroy = false } }\` there and \`import { to = ${move.to.address} id = "${name}" }\` in \`${move.to.stack}\`.`] : [],
        );
      }),
};

const ACTION_LISTS = ["alarm_actions", "ok_actions", "insufficient_data_actions"] as const;

/** RV006: an alarm whose actions shrink notifies fewer people, or no one. */
export const alarmActionsLost: RiskRule = {
  code: "RV006",
  title: "Alarm loses notification actions",
  check: (ctx) =>
    changesOf(ctx, ALARMS)
      .filter(({ change }) => change.action === "update")
      .flatMap(({ stack, change }) => {
        const name = str(change.before?.alarm_name) ?? change.address;
        const lost: string[] = [];
        for (const list of ACTION_LISTS) {
          const after = new Set(actionKeys(stack, change, "after", list));
          const removed = actionKeys(stack, change, "before", list).filter((k) => !after.has(k));
          if (removed.length > 0) lost.push(`\`${list}\` loses ${removed.map((k) => `\`${k}\``).join(", ")}`);
        }
        const disabled = change.before?.actions_enabled !== false && change.after?.actions_enabled === false;
        if (disabled) lost.push("`actions_enabled` becomes false");
        if (lost.length === 0) return [];
        const silent = disabled || strings(change.after?.alarm_actions).length === 0;
        return [
          finding(
            change,
            name,
            silent ? "high" : "medium",
            "Alarm loses notification actions",
            silent
              ? `\`${name}\` will go into ALARM without notifying anyone.`
              : `\`${name}\` notifies fewer targets.`,
            lost,
          ),
        ];
      }),
};

/** A topic reference or ARN as the topic's address when it is in the stack (so both sides compare). */
function actionKeys(stack: StackChanges, change: ResourceChange, side: "before" | "after", list: string): string[] {
  const index = new SideIndex(stack.resources, side);
  return strings(change[side]?.[list]).map((value) => {
    const address = index.resolve(value, ["aws_sns_topic"]);
    const topicName = address ? str(index.attributes(address)?.name) : undefined;
    return topicName ?? parseReference(value)?.address ?? value;
  });
}

const EVALUATION = [
  "threshold",
  "comparison_operator",
  "evaluation_periods",
  "datapoints_to_alarm",
  "period",
  "statistic",
  "extended_statistic",
  "treat_missing_data",
  "metric_name",
  "namespace",
  "dimensions",
  "unit",
] as const;

/** RV007: a changed threshold or evaluation fires sooner, later, or on another metric. */
export const alarmEvaluationChanged: RiskRule = {
  code: "RV007",
  title: "Alarm threshold or evaluation changed",
  check: (ctx) =>
    changesOf(ctx, ALARMS)
      .filter(({ change }) => change.action === "update")
      .flatMap(({ change }) => {
        const changed = EVALUATION.filter((k) => change.changed.includes(k));
        if (changed.length === 0) return [];
        const name = str(change.before?.alarm_name) ?? change.address;
        const details = changed.map((k) => `\`${k}\`: ${shortValue(change.before?.[k])} → ${shortValue(change.after?.[k])}`);
        const direction = thresholdDirection(change);
        return [
          finding(
            change,
            name,
            "medium",
            changed.includes("threshold") ? "Alarm threshold changed" : "Alarm evaluation changed",
            `\`${name}\`${direction ? ` ${direction}` : ` changes how it evaluates ${metricLabel(change)}`}.`,
            details,
          ),
        ];
      }),
};

function thresholdDirection(change: ResourceChange): string | undefined {
  const before = num(change.before?.threshold);
  const after = num(change.after?.threshold);
  const operator = str(change.after?.comparison_operator) ?? "";
  if (before === undefined || after === undefined || before === after || operator !== str(change.before?.comparison_operator)) return undefined;
  const upward = operator.startsWith("GreaterThan");
  const downward = operator.startsWith("LessThan");
  if (!upward && !downward) return undefined;
  const later = upward ? after > before : after < before;
  return `fires ${later ? "later (less sensitive)" : "sooner (more sensitive)"}: threshold ${before} → ${after} (${operator})`;
}

function metricLabel(change: ResourceChange): string {
  const a = change.before ?? change.after ?? {};
  return a.namespace && a.metric_name ? `\`${a.namespace}/${a.metric_name}\`` : "its metric";
}
