import {
  HIGH_RESOLUTION_PERIODS,
  MAX_ACTIONS_PER_ALARM_STATE,
  MAX_ALARM_NAME_LENGTH,
  MAX_EVALUATION_WINDOW_SECONDS,
  MAX_EVALUATION_WINDOW_SECONDS_LONG_PERIOD,
} from "../aws/limits";
import type { ConfigProblem } from "../config/errors";
import type { AlarmModel } from "../model/types";
import { type Rule, type SignalSite, signalProblem, signalSites } from "./finding";

function* alarmSites(model: Parameters<Rule["check"]>[0]): Generator<SignalSite & { alarm: AlarmModel }> {
  for (const site of signalSites(model)) if (site.signal.alarm) yield { ...site, alarm: site.signal.alarm };
}

export const alarmRules: readonly Rule[] = [
  {
    code: "AIL011",
    title: "Alarm period is 10, 20, 30 or a multiple of 60 seconds",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm }) => !(HIGH_RESOLUTION_PERIODS as readonly number[]).includes(alarm.period) && alarm.period % 60 !== 0)
        .map((site) => signalProblem(model, "AIL011", site, `alarm period ${site.alarm.period} s is invalid; use 10, 20, 30 or a multiple of 60`, "period")),
  },
  {
    code: "AIL012",
    title: "period x evaluationPeriods spans at most 1 day (7 days for periods of an hour or more)",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm }) => alarm.period * alarm.evaluationPeriods > maxWindow(alarm.period))
        .map((site) =>
          signalProblem(model, "AIL012", site, `period ${site.alarm.period} s x evaluationPeriods ${site.alarm.evaluationPeriods} = ${site.alarm.period * site.alarm.evaluationPeriods} s exceeds the ${maxWindow(site.alarm.period)} s CloudWatch evaluates`, "evaluationPeriods"),
        ),
  },
  {
    code: "AIL013",
    title: "datapointsToAlarm <= evaluationPeriods",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm }) => alarm.datapointsToAlarm > alarm.evaluationPeriods)
        .map((site) => signalProblem(model, "AIL013", site, `datapointsToAlarm ${site.alarm.datapointsToAlarm} exceeds evaluationPeriods ${site.alarm.evaluationPeriods}`, "datapointsToAlarm")),
  },
  {
    code: "AIL014",
    title: "Alarm names are at most 255 characters",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm }) => alarm.name.length > MAX_ALARM_NAME_LENGTH)
        .map((site) => signalProblem(model, "AIL014", site, `alarm name '${site.alarm.name.slice(0, 40)}...' has ${site.alarm.name.length} characters; at most ${MAX_ALARM_NAME_LENGTH}: shorten the project, environment, workload or signal name`)),
  },
  {
    code: "AIL015",
    title: "At most 5 actions per alarm state",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm }) => alarm.topicIds.length > MAX_ACTIONS_PER_ALARM_STATE)
        .map((site) => signalProblem(model, "AIL015", site, `${site.alarm.topicIds.length} actions on the ALARM state; CloudWatch allows at most ${MAX_ACTIONS_PER_ALARM_STATE}`)),
  },
  {
    code: "AIL016",
    title: "An alarm watches exactly the metric its filter publishes (namespace, name, dimension set)",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const site of alarmSites(model)) {
        const emitted = site.signal.filter.metric;
        const watched = site.alarm.metric;
        if (emitted.namespace !== watched.namespace || emitted.name !== watched.name) {
          out.push(signalProblem(model, "AIL016", site, `the alarm watches ${watched.namespace}/${watched.name} but the filter publishes ${emitted.namespace}/${emitted.name}; the alarm could never fire`));
        }
        const emittedDims = Object.keys(emitted.dimensions).sort();
        const watchedDims = Object.keys(watched.dimensions).sort();
        if (emittedDims.join(",") !== watchedDims.join(",")) {
          const how = emittedDims.length === 0 ? "none" : emittedDims.join(", ");
          out.push(
            signalProblem(model, "AIL016", site, `the alarm watches dimensions {${watchedDims.join(", ")}} but the filter publishes {${how}}; CloudWatch treats each dimension set as a different metric, so the alarm could never fire. Set alarm dimensions to exactly: ${how}`, "dimensions"),
          );
        }
      }
      return out;
    },
  },
  {
    code: "AIL017",
    title: "An alarm names no unit its filter does not publish",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm, signal }) => alarm.metric.unit !== undefined && alarm.metric.unit !== signal.filter.metric.unit)
        .map((site) => signalProblem(model, "AIL017", site, `the alarm asks for unit ${site.alarm.metric.unit} but the filter publishes ${site.signal.filter.metric.unit}; datapoints of another unit are invisible to the alarm. Leave the unit out`, "unit")),
  },
  {
    code: "AIL022",
    title: "Alarms on filters without a default value treat missing data as not breaching",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm, signal }) => signal.filter.metric.defaultValue === undefined && (alarm.treatMissingData === "breaching" || alarm.treatMissingData === "missing"))
        .map((site) =>
          signalProblem(model, "AIL022", site, `treatMissingData '${site.alarm.treatMissingData}': a filter without a default value publishes nothing while its log is quiet, so the alarm would ${site.alarm.treatMissingData === "breaching" ? "fire" : "sit in INSUFFICIENT_DATA"} whenever nothing goes wrong. Use notBreaching (or ignore), or give the metric a defaultValue`, "treatMissingData"),
        ),
  },
];

function maxWindow(period: number): number {
  return period >= 3600 ? MAX_EVALUATION_WINDOW_SECONDS_LONG_PERIOD : MAX_EVALUATION_WINDOW_SECONDS;
}
