import type { ResourceChange } from "../change-set";
import { block, num, shortValue, str } from "../values";
import { changesOf, finding, moveFrom, MOVED_FROM_ADVICE, type RiskRule } from "./risk";

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
        const metric = `${change.before?.namespace}/${change.before?.metric_name}`;
        const filter = changesOf(ctx, ["aws_cloudwatch_log_metric_filter"]).find(
          (f) => f.change.stack === change.stack && f.change.action === "delete" && `${block(f.change.before?.metric_transformation)?.namespace}/${block(f.change.before?.metric_transformation)?.name}` === metric,
        );
        return finding(
          change,
          name,
          "medium",
          "Alarm removed",
          move
            ? `\`${name}\` moves from stack \`${change.stack}\` to \`${move.to.stack}\`. Alarms are keyed by name, so the two stacks fight over one alarm: if \`${move.to.stack}\` applies first, applying \`${change.stack}\` afterwards deletes it.`
            : `\`${name}\` is deleted: nobody is alerted on ${metricLabel(change)} any more${filter ? `, and its metric filter \`${str(filter.change.before?.name)}\` is deleted too: the metric gets no new data` : ""}.`,
          move ? [MOVED_FROM_ADVICE] : ["A signal keeps its alarm unless config turns it off (`signals.<id>.enabled` or `alarmEnabled: false`)."],
        );
      }),
};

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
