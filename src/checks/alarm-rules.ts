import {
  HIGH_RESOLUTION_PERIODS,
  MAX_ACTIONS_PER_ALARM_STATE,
  MAX_ALARM_NAME_LENGTH,
  MAX_EVALUATION_WINDOW_SECONDS,
  MAX_EVALUATION_WINDOW_SECONDS_LONG_PERIOD,
  isPercentile,
} from "../aws/limits";
import type { FilterMetricModel } from "../model/types";
import type { ConfigProblem } from "../config/errors";
import { alarmField, alarmSites, type Rule, signalProblem } from "./finding";
import { isBandComparison } from "../model/alarm-settings";

/** A filter's metric value that can be negative: a negative constant (fields are taken as non-negative). */
function canBeNegative(metric: FilterMetricModel): boolean {
  const constant = Number(metric.value);
  return (Number.isFinite(constant) && constant < 0) || (metric.defaultValue !== undefined && metric.defaultValue < 0);
}

export const alarmRules: readonly Rule[] = [
  {
    code: "AIL050",
    title: "Percentile statistics only on filter metrics that publish no negative values",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm, reads }) => isPercentile(alarm.statistic) && reads.some((r) => r.emitted && canBeNegative(r.emitted)))
        .map((site) => {
          const metric = site.reads.find((r) => r.emitted && canBeNegative(r.emitted))!.emitted!;
          return signalProblem(
            model,
            "AIL050",
            site,
            `statistic ${site.alarm.statistic} is a percentile, but metric ${metric.name} publishes ${Number(metric.value) < 0 ? `the value ${metric.value}` : `the default value ${metric.defaultValue}`}; CloudWatch offers no percentiles of a metric-filter metric with negative values. Use Average, Minimum or Maximum`,
            alarmField(site, "statistic"),
          );
        }),
  },
  {
    code: "AIL011",
    title: "Alarm period is 10, 20, 30 or a multiple of 60 seconds",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm }) => !(HIGH_RESOLUTION_PERIODS as readonly number[]).includes(alarm.period) && alarm.period % 60 !== 0)
        .map((site) => signalProblem(model, "AIL011", site, `alarm period ${site.alarm.period} s is invalid; use 10, 20, 30 or a multiple of 60`, alarmField(site, "period"))),
  },
  {
    code: "AIL012",
    title: "period x evaluationPeriods spans at most 1 day (7 days for periods of an hour or more)",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm }) => alarm.period * alarm.evaluationPeriods > maxWindow(alarm.period))
        .map((site) =>
          signalProblem(model, "AIL012", site, `period ${site.alarm.period} s x evaluationPeriods ${site.alarm.evaluationPeriods} = ${site.alarm.period * site.alarm.evaluationPeriods} s exceeds the ${maxWindow(site.alarm.period)} s CloudWatch evaluates`, alarmField(site, "evaluationPeriods")),
        ),
  },
  {
    code: "AIL013",
    title: "datapointsToAlarm <= evaluationPeriods",
    check: (model) =>
      [...alarmSites(model)]
        .filter(({ alarm }) => alarm.datapointsToAlarm > alarm.evaluationPeriods)
        .map((site) => signalProblem(model, "AIL013", site, `datapointsToAlarm ${site.alarm.datapointsToAlarm} exceeds evaluationPeriods ${site.alarm.evaluationPeriods}`, alarmField(site, "datapointsToAlarm"))),
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
      for (const site of alarmSites(model)) for (const { watched, emitted } of site.reads) {
        if (!emitted) {
          out.push(signalProblem(model, "AIL016", site, `the alarm reads ${watched.namespace}/${watched.name} but no filter of this workload publishes it; the alarm could never fire`));
          continue;
        }
        if (emitted.namespace !== watched.namespace || emitted.name !== watched.name) {
          out.push(signalProblem(model, "AIL016", site, `the alarm watches ${watched.namespace}/${watched.name} but the filter publishes ${emitted.namespace}/${emitted.name}; the alarm could never fire`));
        }
        const emittedDims = Object.keys(emitted.dimensions).sort();
        const watchedDims = Object.keys(watched.dimensions).sort();
        if (emittedDims.join(",") !== watchedDims.join(",")) {
          const how = emittedDims.length === 0 ? "none" : emittedDims.join(", ");
          out.push(
            signalProblem(model, "AIL016", site, `the alarm watches dimensions {${watchedDims.join(", ")}} but the filter publishes {${how}}; CloudWatch treats each dimension set as a different metric, so the alarm could never fire. Set alarm dimensions to exactly: ${how}`, alarmField(site, "dimensions")),
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
        .filter(({ alarm, reads }) => reads[0]?.emitted !== undefined && alarm.metric.unit !== undefined && alarm.metric.unit !== reads[0].emitted.unit)
        .map((site) => signalProblem(model, "AIL017", site, `the alarm asks for unit ${site.alarm.metric.unit} but the filter publishes ${site.reads[0].emitted!.unit}; datapoints of another unit are invisible to the alarm. Leave the unit out`, alarmField(site, "unit"))),
  },
  {
    code: "AIL022",
    title: "Alarms on filters without a default value treat missing data as not breaching",
    check: (model) =>
      [...alarmSites(model)]
        // A ratio FILLs its numerator, so its denominator decides whether datapoints exist.
        .filter(({ alarm, reads }) => reads.length > 0 && reads[reads.length - 1].emitted?.defaultValue === undefined && (alarm.treatMissingData === "breaching" || alarm.treatMissingData === "missing"))
        .map((site) =>
          signalProblem(model, "AIL022", site, `treatMissingData '${site.alarm.treatMissingData}': a filter without a default value publishes nothing while its log is quiet, so the alarm would ${site.alarm.treatMissingData === "breaching" ? "fire" : "sit in INSUFFICIENT_DATA"} whenever nothing goes wrong. Use notBreaching (or ignore), or give the metric a defaultValue`, alarmField(site, "treatMissingData")),
        ),
  },
  {
    code: "AIL018",
    title: "Band comparisons need an ANOMALY_DETECTION_BAND threshold metric; fixed comparisons need a threshold and no band",
    check: (model) =>
      [...alarmSites(model)].flatMap((site) => {
        const { comparison, anomalyBand, threshold } = site.alarm;
        const problem = (message: string, field: string) => [signalProblem(model, "AIL018", site, message, alarmField(site, field))];
        if (isBandComparison(comparison)) {
          if (!anomalyBand) return problem(`comparison ${comparison} compares with an anomaly-detection band, but the alarm has no ANOMALY_DETECTION_BAND threshold metric: set bandWidth (standard deviations, e.g. 2)`, "bandWidth");
          if (threshold !== undefined) return problem(`comparison ${comparison} compares with a band of ${anomalyBand.width} standard deviations; threshold ${threshold} would be ignored: remove it`, "threshold");
          return [];
        }
        if (anomalyBand) return problem(`comparison ${comparison} compares with a fixed threshold, so bandWidth ${anomalyBand.width} (an ANOMALY_DETECTION_BAND threshold metric) cannot apply: remove bandWidth, or use LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold or GreaterThanUpperThreshold`, "bandWidth");
        if (threshold === undefined) return problem(`comparison ${comparison} needs a threshold (the preset's default alarm is an anomaly band): set threshold`, "threshold");
        return [];
      }),
  },
];

function maxWindow(period: number): number {
  return period >= 3600 ? MAX_EVALUATION_WINDOW_SECONDS_LONG_PERIOD : MAX_EVALUATION_WINDOW_SECONDS;
}
