import { DASHBOARD_GRID_COLUMNS, MAX_ALARMS_PER_ALARM_WIDGET, MAX_WIDGETS_PER_DASHBOARD } from "../aws/monitoring-limits";
import type { EnvironmentModel, SignalModel, WorkloadModel } from "../model/types";

/**
 * The environment's dashboard body (CloudWatch "Dashboard body structure and syntax"): widgets on a
 * 24-column grid, one band of rows per workload: a title, one graph per signal (per-dimension
 * signals as a SEARCH over their dimension), ratio and AWS-metric graphs, then the alarm status of
 * every alarm of the workload next to a Logs Insights widget running the kind's top-errors query.
 * Alarms are referenced by ARN, computed from their names, so the body needs no other stack.
 */

export interface DashboardWidget {
  readonly type: "text" | "metric" | "alarm" | "log";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

export interface DashboardBody {
  readonly widgets: DashboardWidget[];
}

/** Sizes on the grid. */
export const LAYOUT = { titleHeight: 2, graphWidth: 6, graphHeight: 6, statusWidth: 12, statusHeight: 6 } as const;
const PERIOD = 300;

type Graph = { title: string; metrics: unknown[]; stat: string };

/** The whole environment on one dashboard (what fits on one page; see dashboardPages for large ones). */
export function dashboardBody(env: EnvironmentModel): DashboardBody {
  return bodyOf(env, env.workloads.map((w) => workloadBand(env, w)));
}

/**
 * The environment's dashboard split into pages of at most 500 widgets, the most a dashboard body may
 * hold. A workload's band never straddles two pages. Small environments get exactly one page, equal
 * to dashboardBody(env).
 */
export function dashboardPages(env: EnvironmentModel, maxWidgets: number = MAX_WIDGETS_PER_DASHBOARD): DashboardBody[] {
  const pages: Band[][] = [[]];
  let count = 0;
  for (const w of env.workloads) {
    const band = workloadBand(env, w);
    if (count + band.widgets.length > maxWidgets && count > 0) {
      pages.push([]);
      count = 0;
    }
    pages[pages.length - 1].push(band);
    count += band.widgets.length;
  }
  return pages.map((bands, i) => bodyOf(env, bands, i === 0));
}

/** One workload's widgets, laid out from y = 0, and the height they take. */
interface Band {
  readonly widgets: DashboardWidget[];
  readonly height: number;
}

/**
 * The archive's delivery, above the workloads on the first page: the alarm status of the
 * environment's delivery alarms, and of the archive's own when the archive lives in this environment.
 */
function deliveryBand(env: EnvironmentModel): Band | undefined {
  const names = [...env.deliveryAlarms.map((d) => d.alarm.name), ...env.archiveAlarmNames];
  if (names.length === 0) return undefined;
  const arns = names.map((n) => `arn:${env.partition}:cloudwatch:${env.region}:${env.accountId}:alarm:${n}`);
  return {
    widgets: [
      { type: "text", x: 0, y: 0, width: DASHBOARD_GRID_COLUMNS, height: LAYOUT.titleHeight, properties: { markdown: "## Log archive delivery\nFirehose into the archive bucket, and this environment's subscriptions to it" } },
      { type: "alarm", x: 0, y: LAYOUT.titleHeight, width: DASHBOARD_GRID_COLUMNS, height: LAYOUT.statusHeight, properties: { title: "archive delivery: alarms", alarms: arns.slice(0, MAX_ALARMS_PER_ALARM_WIDGET), sortBy: "stateUpdatedTimestamp" } },
    ],
    height: LAYOUT.titleHeight + LAYOUT.statusHeight,
  };
}

function bodyOf(env: EnvironmentModel, bands: readonly Band[], first = true): DashboardBody {
  const delivery = first ? deliveryBand(env) : undefined;
  if (delivery) bands = [delivery, ...bands];
  const widgets: DashboardWidget[] = [];
  let y = 0;
  for (const band of bands) {
    widgets.push(...band.widgets.map((widget) => ({ ...widget, y: widget.y + y })));
    y += band.height;
  }
  if (widgets.length === 0) widgets.push({ type: "text", x: 0, y: 0, width: DASHBOARD_GRID_COLUMNS, height: LAYOUT.titleHeight, properties: { markdown: `No workloads in ${env.name}.` } });
  return { widgets };
}

function workloadBand(env: EnvironmentModel, w: WorkloadModel): Band {
  const widgets: DashboardWidget[] = [];
  let y = 0;
  widgets.push({ type: "text", x: 0, y, width: DASHBOARD_GRID_COLUMNS, height: LAYOUT.titleHeight, properties: { markdown: `## ${w.name}\n${w.kind} · log group \`${w.logGroup.name}\`` } });
  y += LAYOUT.titleHeight;
  const graphs = workloadGraphs(w);
  const perRow = DASHBOARD_GRID_COLUMNS / LAYOUT.graphWidth;
  graphs.forEach((g, i) => {
    widgets.push({
      type: "metric",
      x: (i % perRow) * LAYOUT.graphWidth,
      y: y + Math.floor(i / perRow) * LAYOUT.graphHeight,
      width: LAYOUT.graphWidth,
      height: LAYOUT.graphHeight,
      properties: { title: g.title, region: env.region, view: "timeSeries", stacked: false, period: PERIOD, stat: g.stat, metrics: g.metrics },
    });
  });
  y += Math.ceil(graphs.length / perRow) * LAYOUT.graphHeight;
  const alarms = alarmArns(env, w);
  widgets.push({
    type: "alarm",
    x: 0,
    y,
    width: LAYOUT.statusWidth,
    height: LAYOUT.statusHeight,
    properties: { title: `${w.name}: alarms${alarms.length > MAX_ALARMS_PER_ALARM_WIDGET ? ` (first ${MAX_ALARMS_PER_ALARM_WIDGET})` : ""}`, alarms: alarms.slice(0, MAX_ALARMS_PER_ALARM_WIDGET), sortBy: "stateUpdatedTimestamp" },
  });
  widgets.push({
    type: "log",
    x: LAYOUT.statusWidth,
    y,
    width: DASHBOARD_GRID_COLUMNS - LAYOUT.statusWidth,
    height: LAYOUT.statusHeight,
    properties: { title: `${w.name}: top errors`, region: env.region, view: "table", query: logWidgetQuery(w) },
  });
  return { widgets, height: y + LAYOUT.statusHeight };
}

/** `SOURCE '<log group>' | <the kind's top-errors query>` (or the latest events). */
export function logWidgetQuery(w: WorkloadModel): string {
  const query = (w.queries ?? []).find((q) => q.id === "top-errors")?.query ?? "fields @timestamp, @logStream, @message | sort @timestamp desc | limit 50";
  return `SOURCE '${w.logGroup.name}' | ${query}`;
}

export function alarmArns(env: EnvironmentModel, w: WorkloadModel): string[] {
  const names = [
    ...(w.health ? [w.health.name] : []),
    ...w.signals.flatMap((s) => (s.alarm ? [s.alarm.name] : [])),
    ...(w.alarms ?? []).map((a) => a.alarm.name),
  ];
  return names.map((n) => `arn:${env.partition}:cloudwatch:${env.region}:${env.accountId}:alarm:${n}`);
}

function workloadGraphs(w: WorkloadModel): Graph[] {
  const graphs: Graph[] = [];
  // The filters of one signal's log formats publish into one metric: one graph shows them all.
  const drawn = new Set<string>();
  for (const s of w.signals) {
    const dims = Object.keys(s.filter.metric.dimensions);
    // An undimensioned companion of a per-dimension signal: the breakdown graph shows it better.
    if (dims.length === 0 && w.signals.some((o) => o !== s && o.filter.metric.name === s.filter.metric.name && Object.keys(o.filter.metric.dimensions).length > 0)) continue;
    const key = [s.filter.metric.namespace, s.filter.metric.name, ...dims].join("\u0000");
    if (drawn.has(key)) continue;
    drawn.add(key);
    const stat = statisticOf(w, s);
    const m = s.filter.metric;
    graphs.push(
      dims.length === 0
        ? { title: s.id, stat, metrics: [[m.namespace, m.name, { stat }]] }
        : { title: `${s.id}`, stat, metrics: [[{ expression: `SEARCH('{"${m.namespace}",${dims.join(",")}} MetricName="${m.name}"', '${stat}', ${PERIOD})`, id: "e1", label: "" }]] },
    );
  }
  for (const a of w.alarms ?? []) {
    const m = a.alarm.metric;
    if (a.alarm.ratio) {
      const d = a.alarm.ratio.denominator;
      graphs.push({
        title: a.id,
        stat: "Sum",
        metrics: [
          [m.namespace, m.name, { id: "num", stat: "Sum", visible: false }],
          [d.namespace, d.name, { id: "den", stat: "Sum", visible: false }],
          [{ expression: `${a.alarm.ratio.scale} * FILL(num, 0) / den`, id: "ratio", label: a.id }],
        ],
      });
    } else {
      graphs.push({ title: a.id, stat: a.alarm.statistic, metrics: [[m.namespace, m.name, ...Object.entries(m.dimensions).flat(), { stat: a.alarm.statistic }]] });
    }
  }
  return graphs;
}

/** The statistic its alarm uses (the companion's, for a breakdown); otherwise Sum for counts. */
function statisticOf(w: WorkloadModel, s: SignalModel): string {
  const sibling = w.signals.find((o) => o.alarm && o.filter.metric.name === s.filter.metric.name);
  return s.alarm?.statistic ?? sibling?.alarm?.statistic ?? (s.filter.metric.unit === "Count" ? "Sum" : "Average");
}
