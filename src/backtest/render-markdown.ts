/**
 * The backtest report as Markdown: alarms that would have fired first, with when and how often;
 * then the alarms that did not; then those the backtest cannot simulate, with why.
 */
import type { BacktestReport, Interval } from "./report";

export function renderBacktestMarkdown(report: BacktestReport): string {
  const fired = report.alarms.filter((a) => a.simulated && (a.transitionsToAlarm ?? 0) > 0);
  const quiet = report.alarms.filter((a) => a.simulated && (a.transitionsToAlarm ?? 0) === 0);
  const notSimulated = report.alarms.filter((a) => !a.simulated);
  const lines: string[] = [
    "# Alarm backtest",
    "",
    `Window ${report.window.start} to ${report.window.end} (${formatDuration(report.window.days * 86400)}), ` +
      `${report.inputs.events.toLocaleString("en-US")} events from ${report.inputs.files.join(", ")}; stacks ${report.stacks.join(", ")}.`,
    "",
    `**${fired.length} of ${report.alarms.length} alarms would have fired**; ${quiet.length} stayed quiet; ${notSimulated.length} are not simulated.`,
    "",
  ];
  if (fired.length > 0) {
    lines.push(
      "## Would have fired",
      "",
      "| Alarm | Stack | Transitions to ALARM | First | Last | Time in ALARM | Pages/day |",
      "|---|---|---:|---|---|---:|---:|",
      ...fired.map(
        (a) =>
          `| ${cell(a.alarmName)} | ${a.stack} | ${a.transitionsToAlarm} | ${a.firstAlarm} | ${a.lastAlarm} | ${formatDuration(a.timeInAlarmSeconds ?? 0)} | ${a.pagesPerDay} |`
      ),
      "",
      "ALARM intervals (end open: still in ALARM when the window ends):",
      "",
      ...fired.map((a) => `- ${a.alarmName}: ${a.alarmIntervals!.map(formatInterval).join(", ")}`),
      ""
    );
  }
  if (quiet.length > 0) {
    lines.push("## Stayed quiet", "", ...quiet.map((a) => `- ${a.alarmName} (${a.stack}${a.datapoints.length === 0 ? ", no datapoints in the window" : ""})`), "");
  }
  const withUnknown = report.alarms.filter((a) => (a.unknownIntervals?.length ?? 0) > 0 || a.notes.length > 0);
  if (withUnknown.length > 0) {
    lines.push("## Notes", "", ...withUnknown.flatMap((a) => a.notes.map((n) => `- ${a.alarmName}: ${n}`)), "");
  }
  if (notSimulated.length > 0) {
    lines.push(
      "## Not simulated",
      "",
      "These alarms get no state from the backtest (never an invented one); their metric is in the JSON output when it comes from logs.",
      "",
      "| Alarm | Stack | Why |",
      "|---|---|---|",
      ...notSimulated.map((a) => `| ${cell(a.alarmName)} | ${a.stack} | ${cell(a.reason ?? "")} |`),
      ""
    );
  }
  const suggested = report.alarms.filter((a) => a.suggestions);
  if (suggested.length > 0) {
    lines.push(
      "## Suggested thresholds",
      "",
      "For each count, the most sensitive threshold at which the alarm, and every less sensitive setting, would have fired at most that often in this window " +
        "(same comparison, periods and missing-data treatment; in brackets how often it really would have). Alarms without datapoints are left out.",
      "",
      "| Alarm | Comparison | Threshold now (fired) | At most 0 | At most 1 | At most 5 |",
      "|---|---|---|---|---|---|",
      ...suggested.map((a) => {
        const at = (k: number) => {
          const s = a.suggestions!.find((x) => x.fires === k);
          return s && s.threshold !== null ? `${Number(s.threshold.toPrecision(6))} (${s.wouldFire})` : "none";
        };
        return `| ${cell(a.alarmName)} | ${a.comparison} | ${a.threshold} (${a.transitionsToAlarm}) | ${at(0)} | ${at(1)} | ${at(5)} |`;
      }),
      ""
    );
  }
  const skipped = Object.entries(report.inputs.skippedLogGroups);
  if (skipped.length > 0 || report.inputs.outsideWindow > 0 || report.skippedFilters.length > 0) {
    lines.push("## Inputs not used", "");
    for (const [group, count] of skipped) lines.push(`- ${count.toLocaleString("en-US")} events of log group ${group}, which no stack monitors`);
    if (report.inputs.outsideWindow > 0) lines.push(`- ${report.inputs.outsideWindow.toLocaleString("en-US")} events outside --from/--to`);
    for (const f of report.skippedFilters) lines.push(`- metric filter ${f.address} (${f.stack}): ${f.reason}`);
    lines.push("");
  }
  return lines.join("\n");
}

function formatInterval(i: Interval): string {
  return `${i.start} to ${i.end ?? "end of window (still in ALARM)"}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400 * 2) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round((seconds / 86400) * 10) / 10} d`;
}

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

