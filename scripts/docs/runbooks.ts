import { BAND_COMPARISON_OPERATORS } from "../../src/aws/limits";
import { breakdownId } from "../../src/model/monitoring-naming";
import { DELIVERY_ALARMS, DELIVERY_RUNBOOK_PAGE, type DeliveryAlarmDefinition } from "../../src/model/delivery-alarms";
import { HEALTH_RUNBOOK_ID } from "../../src/model/runbook-link";
import { kindContent, tunableIds, WORKLOAD_KINDS } from "../../src/signals";
import type { AlarmDefaults, RatioAlarmPreset, ServiceAlarmPreset, SignalPreset, WorkloadFact, WorkloadKindCatalogue } from "../../src/signals/types";
import { code, prose, table } from "./markdown";

/**
 * docs/runbooks/<kind>.md, the on-call engineer's pages, generated from the signal catalogue: one
 * entry per id config can tune (signals, ratio alarms, AWS-metric alarms) plus the workload's
 * health alarm, each under a heading whose anchor is the id, which is what every alarm's
 * description links to (src/model/runbook-link.ts). A new preset gets its entry from `npm run docs`.
 */

export const RUNBOOK_DIR = "docs/runbooks";

const COMPARISON_SIGNS: Readonly<Record<string, string>> = {
  GreaterThanThreshold: ">",
  GreaterThanOrEqualToThreshold: ">=",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "<=",
};
const COMPARISON_WORDS: Readonly<Record<string, string>> = {
  GreaterThanThreshold: "greater than",
  GreaterThanOrEqualToThreshold: "at least",
  LessThanThreshold: "less than",
  LessThanOrEqualToThreshold: "at most",
};
const BAND_SIDES: Readonly<Record<string, string>> = {
  GreaterThanUpperThreshold: "above",
  LessThanLowerThreshold: "below",
  LessThanLowerOrGreaterThanUpperThreshold: "outside (either side of)",
};
const MISSING_DATA: Readonly<Record<string, string>> = {
  notBreaching: "not breaching (a quiet log is fine)",
  breaching: "breaching (silence itself is the problem)",
  ignore: "ignored (the alarm keeps its state)",
  missing: "missing (the alarm goes to INSUFFICIENT_DATA)",
};

const isBand = (a: AlarmDefaults) => (BAND_COMPARISON_OPERATORS as readonly string[]).includes(a.comparison);

/** `the Sum of X is greater than 100`, `the Average of X is above its anomaly band (2 standard deviations)`. */
function condition(a: AlarmDefaults, metric: string): string {
  return isBand(a)
    ? `the ${a.statistic} of ${metric} is ${BAND_SIDES[a.comparison]} its anomaly band (${a.bandWidth} standard deviations)`
    : `the ${a.statistic} of ${metric} is ${COMPARISON_WORDS[a.comparison]} ${a.threshold}`;
}

/** `in 1 of 1 periods of 300 s` */
const window = (a: AlarmDefaults) => `${a.datapointsToAlarm} of ${a.evaluationPeriods} period${a.evaluationPeriods === 1 ? "" : "s"} of ${a.period} s`;

function alarmTable(a: AlarmDefaults): string {
  const band = isBand(a);
  return table(
    ["Statistic", "Period", "Datapoints to alarm", band ? "Band" : "Threshold", "Severity", "Missing data"],
    [[a.statistic, `${a.period} s`, `${a.datapointsToAlarm} of ${a.evaluationPeriods}`, band ? `${BAND_SIDES[a.comparison]} ${a.bandWidth} standard deviations (${code(a.comparison)})` : `${COMPARISON_SIGNS[a.comparison]} ${a.threshold} (${code(a.comparison)})`, `**${a.severity}**`, MISSING_DATA[a.treatMissingData]]],
  );
}

/** What each workload fact means in config, for the dimensions of AWS-metric alarms. */
const FACTS: Readonly<Record<WorkloadFact, string>> = {
  logGroupName: "the workload's log group",
  endpointName: "`sagemaker.endpointName`",
  variantNames: "each of `sagemaker.variantNames` (default `AllTraffic`), one alarm per variant",
  modelIds: "each of `bedrock.modelIds`, one alarm per model; without model ids the alarm watches the metric across all models",
  clusterName: "`gpuHost.clusterName`, the dimension the CloudWatch agent rolls its GPU metrics up by; without it the alarm watches the roll-up without dimensions",
  invocationLoggingOwner: "the environments listed in `bedrock.invocationLogging.ownerEnvironments`",
};

/** Config lines that tune and silence an entry; `filter` entries can also keep their metric without an alarm. */
function tuning(id: string, a: AlarmDefaults, kind: "filter" | "ratio" | "service", perDimension: readonly string[] = []): string {
  const yaml = (settings: string) => `\`signals: { ${id}: { ${settings} } }\``;
  const tune = isBand(a)
    ? `- Widen or narrow the band: ${yaml(`bandWidth: ${a.bandWidth! + 1}`)}, or use a fixed threshold instead: ${yaml("comparison: GreaterThanThreshold, threshold: <value>")}.`
    : `- Change when it fires: ${yaml(`threshold: <value>, evaluationPeriods: ${Math.max(a.evaluationPeriods, 3)}, datapointsToAlarm: ${Math.max(a.datapointsToAlarm, 2)}`)} (period ${a.period} s by default).`;
  const lines = [
    tune,
    `- Route it to the other topic: ${yaml(`severity: ${a.severity === "critical" ? "warning" : "critical"}`)}.`,
    ...(kind === "filter"
      ? [`- Keep the metric and its dashboard graph, drop the alarm: ${yaml("alarmEnabled: false")}.`, `- Drop filter and alarm: ${yaml("enabled: false")}.`]
      : [`- Drop the alarm: ${yaml("enabled: false")}.`]),
    ...(perDimension.length > 0
      ? [`- Alarm on one value only: ${yaml(`dimensions: { ${perDimension.map((d) => `${d}: <value>`).join(", ")} }`)} moves the alarm to the per-${perDimension.join("-")} metric.`]
      : []),
    `- Maintenance window: suppress the [health alarm](#${HEALTH_RUNBOOK_ID})'s notifications with \`health.actionsSuppressor\`; pause this alarm's own with \`aws cloudwatch disable-alarm-actions --alarm-names <alarm name>\` (the next \`terraform apply\` turns them back on).`,
  ];
  return lines.join("\n");
}

/** `1 per matching event`, `the value of $.x`. */
function published(p: SignalPreset): string {
  const value = p.metric.value === "1" ? "1 per matching event" : `the value of ${code(p.metric.value)} in each matching event`;
  return p.metric.defaultValue === undefined ? value : `${value}, and ${p.metric.defaultValue} for every other event`;
}

function signalEntry(c: WorkloadKindCatalogue, p: SignalPreset): string {
  const formatOf = (id: string | undefined) => c.formats?.find((f) => f.id === id);
  const format = formatOf(p.format);
  const dims = Object.keys(p.metric.dimensions ?? {});
  // Filters of the signal for its other log formats, publishing into the same metric.
  const variants = (p.variants ?? []).flatMap((v) => {
    const f = formatOf(v.format);
    return ["", `For log format ${code(v.format)}${f ? ` (${prose(f.title)})` : ""}, this pattern publishes into the same metric:`, "", "```", v.pattern.render(), "```"];
  });
  return [
    `## ${code(p.id)}`,
    "",
    `**${prose(p.title)}**: a metric filter and its alarm${format ? `, for log format ${code(format.id)} (${prose(format.title)})` : ""}.`,
    "",
    `**What it means.** The alarm goes to ALARM when ${condition(p.alarm, code(p.metric.name))} in ${window(p.alarm)}.`,
    "",
    `**What it watches.** This filter pattern, on the workload's log group, publishes ${code(p.metric.name)} (${p.metric.unit}) into \`<metricNamespace>/<workload>\`: ${published(p)}.`,
    "",
    "```",
    p.pattern.render(),
    "```",
    ...variants,
    ...(dims.length > 0
      ? ["", `It is published twice: without dimensions (watched by the alarm, so it fires for any value) and per ${dims.map(code).join(", ")} as ${code(breakdownId(p.id, dims))} (on the dashboard, and for ad-hoc graphs).`]
      : []),
    "",
    `**First checks.** ${prose(p.runbook)}`,
    "",
    "**Default alarm.**",
    "",
    alarmTable(p.alarm),
    "",
    "**Tune or silence it** (under the workload in config):",
    "",
    tuning(p.id, p.alarm, "filter", dims),
  ].join("\n");
}

function ratioEntry(c: WorkloadKindCatalogue, r: RatioAlarmPreset): string {
  const metricOf = (id: string) => kindContent(c).signals.find((s) => s.id === id)!.metric.name;
  return [
    `## ${code(r.id)}`,
    "",
    `**${prose(r.title)}**: an alarm on metric math over two of the workload's signals.`,
    "",
    `**What it means.** The alarm goes to ALARM when ${r.scale} × ${code(r.numerator)} / ${code(r.denominator)} is ${COMPARISON_WORDS[r.alarm.comparison]} ${r.alarm.threshold} in ${window(r.alarm)}.`,
    "",
    `**What it watches.** \`${r.scale} * FILL(num, 0) / den\`, where \`num\` is the Sum of ${code(metricOf(r.numerator))} ([${code(r.numerator)}](#${r.numerator})) and \`den\` the Sum of ${code(metricOf(r.denominator))} ([${code(r.denominator)}](#${r.denominator})). \`FILL\` turns a period without ${code(r.numerator)} lines into 0 instead of no datapoint. The alarm is dropped when either signal is disabled or of a log format the workload does not write.`,
    "",
    `**First checks.** ${prose(r.runbook)}`,
    "",
    "**Default alarm.**",
    "",
    alarmTable(r.alarm),
    "",
    "**Tune or silence it** (under the workload in config; its metrics and statistic are fixed):",
    "",
    tuning(r.id, r.alarm, "ratio"),
  ].join("\n");
}

function serviceEntry(a: ServiceAlarmPreset): string {
  const dims = Object.entries(a.dimensions).map(([name, fact]) => `${code(name)} = ${FACTS[fact]}`);
  return [
    `## ${code(a.id)}`,
    "",
    `**${prose(a.title)}**: an alarm on a metric ${a.namespace.startsWith("AWS/") ? "AWS publishes" : "the CloudWatch agent publishes from the workload's hosts"}.`,
    "",
    `**What it means.** The alarm goes to ALARM when ${condition(a.alarm, code(`${a.namespace} ${a.metricName}`))} in ${window(a.alarm)}.`,
    "",
    `**What it watches.** ${code(a.namespace)} ${code(a.metricName)}, ${dims.length > 0 ? `with ${dims.join("; ")}` : "without dimensions"}.${a.requires ? ` Created only in ${FACTS[a.requires]}.` : ""}`,
    "",
    `**First checks.** ${prose(a.runbook)}`,
    "",
    "**Default alarm.**",
    "",
    alarmTable(a.alarm),
    "",
    "**Tune or silence it** (under the workload in config; its metric and statistic are fixed):",
    "",
    tuning(a.id, a.alarm, "service"),
  ].join("\n");
}

function healthEntry(c: WorkloadKindCatalogue): string {
  return [
    `## ${code(HEALTH_RUNBOOK_ID)}`,
    "",
    "**Workload health**: a composite alarm, `<project>-<environment>-<workload>-health`.",
    "",
    `**What it means.** At least one of the workload's alarms (the entries above: ${tunableIds(c).map(code).join(", ")}, and its custom signals' alarms) is in ALARM. It notifies only when \`health.notify\` names a severity.`,
    "",
    "**First checks.** Open the composite alarm: its rule lists the member alarms; follow the runbook entry of the one in ALARM.",
    "",
    "**Tune or silence it** (under the workload in config):",
    "",
    "- Notify a topic, or stop notifying: `health: { notify: critical }`, or leave `notify` out.",
    "- Suppress its notifications while another alarm is in ALARM (a maintenance-window alarm, or a training job's `heartbeat` between runs): `health: { actionsSuppressor: { alarm: <alarm id or name>, extensionPeriod: 60, waitPeriod: 60 } }`.",
    "- Drop it: `health: { enabled: false }`.",
  ].join("\n");
}

/** The runbook page of one kind. */
export function renderRunbookPage(c: WorkloadKindCatalogue): string {
  const content = kindContent(c);
  const entries = [
    ...content.signals.map((p) => ({ id: p.id, title: p.title, severity: p.alarm.severity, text: signalEntry(c, p) })),
    ...(c.ratios ?? []).map((r) => ({ id: r.id, title: r.title, severity: r.alarm.severity, text: ratioEntry(c, r) })),
    ...(c.serviceAlarms ?? []).map((a) => ({ id: a.id, title: a.title, severity: a.alarm.severity, text: serviceEntry(a) })),
  ];
  return [
    `<!-- Generated from src/signals by \`npm run docs\`; do not edit (a test keeps it in sync). -->`,
    `# Runbook: ${code(c.kind)} workloads`,
    "",
    `${prose(c.title)}: what each alarm of a ${code(c.kind)} workload means, what to check first, and how to tune or silence it deliberately. Every alarm's description ends with a link to its entry here. Log formats, signals and queries of the kind: [docs/kinds/${c.kind}.md](../kinds/${c.kind}.md).`,
    "",
    table(["Alarm", "What", "Default severity"], [...entries.map((e) => [`[${code(e.id)}](#${e.id})`, prose(e.title), e.severity]), [`[${code(HEALTH_RUNBOOK_ID)}](#${HEALTH_RUNBOOK_ID})`, "Workload health (composite)", "notifies only if asked"]]),
    "",
    ...entries.flatMap((e) => [e.text, ""]),
    healthEntry(c),
    "",
  ].join("\n");
}

/** The index of docs/runbooks/. */
export function renderRunbookIndex(): string {
  return [
    `<!-- Generated from src/signals by \`npm run docs\`; do not edit (a test keeps it in sync). -->`,
    "# Runbooks",
    "",
    "One page per workload kind, one entry per alarm. An alarm's description ends with `Runbook: <base>/<kind>.md#<id>`: the base is `defaults.runbookBaseUrl` (for example where this folder is published) or, by default, the repository path `docs/runbooks`. Custom signals carry their own `runbook` line instead.",
    "",
    table(["Kind", "Alarms"], WORKLOAD_KINDS.map((c) => [`[${code(c.kind)}](${c.kind}.md)`, [...tunableIds(c), HEALTH_RUNBOOK_ID].map((id) => `[${code(id)}](${c.kind}.md#${id})`).join(", ")])),
    "",
    `The log archive's own alarms (delivery to S3, freshness, nothing arriving, subscription delivery): [${DELIVERY_RUNBOOK_PAGE}](${DELIVERY_RUNBOOK_PAGE}).`,
    "",
  ].join("\n");
}

/** The page of the aggregation path's own alarms (src/model/delivery-alarms.ts). */
export function renderDeliveryRunbookPage(): string {
  const entries = Object.values(DELIVERY_ALARMS).map((d: DeliveryAlarmDefinition) => {
    const a: AlarmDefaults = { ...d.alarm, datapointsToAlarm: d.alarm.evaluationPeriods, severity: d.severity } as AlarmDefaults;
    return [
      `## ${code(d.id)}`,
      "",
      `**${prose(d.title)}**.`,
      "",
      `**What it means.** The alarm goes to ALARM when ${condition(a, "the metric")} in ${window(a)}.`,
      "",
      `**What it watches.** ${d.watches}.`,
      "",
      `**First checks.** ${d.firstChecks}`,
      "",
      "**Alarm.**",
      "",
      alarmTable(a),
      "",
      "**Silence it deliberately.** These alarms exist wherever the archive does and take no config; to pause one during planned work, `aws cloudwatch disable-alarm-actions --alarm-names <name>` (and enable them again after). An environment that sends nothing to the archive (`archive.enabled: false`) has no delivery alarms.",
    ].join("\n");
  });
  return [
    `<!-- Generated from src/model/delivery-alarms.ts by \`npm run docs\`; do not edit (a test keeps it in sync). -->`,
    "# Runbook: the log archive's delivery",
    "",
    "The aggregation path watches itself: the archive stack alarms on its Firehose stream, and every environment that delivers to the archive alarms on its subscription deliveries. Critical alarms notify the archive environment's critical topic (or `archive.alarmTopics`), warnings its warning topic. How the archive works: [docs/archive.md](../archive.md).",
    "",
    table(["Alarm", "What", "Severity"], Object.values(DELIVERY_ALARMS).map((d) => [`[${code(d.id)}](#${d.id})`, prose(d.title), d.severity])),
    "",
    ...entries.flatMap((e) => [e, ""]),
  ].join("\n");
}

/** Every runbook file: path relative to the repository -> content. */
export function runbookFiles(): Map<string, string> {
  return new Map([
    [`${RUNBOOK_DIR}/README.md`, renderRunbookIndex()],
    ...WORKLOAD_KINDS.map((c) => [`${RUNBOOK_DIR}/${c.kind}.md`, renderRunbookPage(c)] as [string, string]),
    [`${RUNBOOK_DIR}/${DELIVERY_RUNBOOK_PAGE}`, renderDeliveryRunbookPage()],
  ]);
}
