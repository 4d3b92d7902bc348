import type { ServiceAlarmPreset, Severity } from "./types";

/** The id every kind gives its silence alarm: config tunes it as `signals.heartbeat`, or turns it off. */
export const HEARTBEAT_ID = "heartbeat";

/**
 * A floor on the events arriving in the workload's log group (AWS/Logs IncomingLogEvents, which
 * CloudWatch publishes per log group): ALARM when fewer than one event arrived in each of
 * `periods` periods. The metric has no datapoint at all in a period without events, so missing data
 * breaches: silence is what this alarm exists to see. One shape for every kind; the kinds differ in
 * how long a running workload can stay quiet (`minutes`) and what silence means (`runbook`).
 */
export function logSilenceAlarm(o: { readonly title: string; readonly minutes: number; readonly severity?: Severity; readonly runbook: string; readonly id?: string }): ServiceAlarmPreset {
  // Five-minute periods up to an hour (one period of silence can be a quiet spell), hours beyond.
  const period = o.minutes <= 60 ? 300 : 3600;
  const periods = Math.max(1, Math.round((o.minutes * 60) / period));
  return {
    id: o.id ?? HEARTBEAT_ID,
    title: o.title,
    namespace: "AWS/Logs",
    metricName: "IncomingLogEvents",
    dimensions: { LogGroupName: "logGroupName" },
    alarm: {
      statistic: "Sum",
      comparison: "LessThanThreshold",
      threshold: 1,
      period,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: "breaching",
      severity: o.severity ?? "warning",
    },
    runbook: o.runbook,
  };
}
