/**
 * The backtest as a picture: per alarm a timeline of its metric (or expression), its threshold and
 * the intervals it spent in ALARM (red; grey where a composite's state is unknown). A Vega-Lite spec
 * rendered headlessly by Vega to SVG (`view.toSVG()`), and to PNG by resvg: no hand-drawn shapes.
 * Alarms with neither datapoints nor ALARM time are left out, so the picture shows what happened.
 */
import type * as Vega from "vega";
import type * as VegaLite from "vega-lite";
import type * as ResvgJs from "@resvg/resvg-js";
import type { AlarmReport, BacktestReport } from "./report";

/** Loaded on first use: Vega alone takes a quarter of a second to load, which no other command should pay. */
function charting(): { vega: typeof Vega; vegaLite: typeof VegaLite; resvg: typeof ResvgJs } {
  return { vega: require("vega"), vegaLite: require("vega-lite"), resvg: require("@resvg/resvg-js") };
}

const WIDTH = 720;
const ROW_HEIGHT = 90;
const FONT = "DejaVu Sans, Arial, Helvetica, sans-serif";

/** The alarms the picture shows. */
export function plottedAlarms(report: BacktestReport): AlarmReport[] {
  return report.alarms.filter((a) => a.datapoints.length > 0 || (a.alarmIntervals?.length ?? 0) > 0);
}

/** A Vega-Lite spec with one row per plotted alarm, sharing the time axis of the window. */
export function backtestChartSpec(report: BacktestReport): VegaLite.TopLevelSpec {
  const domain = [Date.parse(report.window.start), Date.parse(report.window.end)];
  const x = { field: "t", type: "temporal" as const, title: null, scale: { type: "utc" as const, domain }, axis: { format: "%m-%d %H:%M", labelOverlap: true } };
  const close = (end: string | null) => end ?? report.window.end;
  const rows = plottedAlarms(report).map((a) => {
    const status = !a.simulated ? "not simulated" : `${a.transitionsToAlarm} × ALARM`;
    const layers: object[] = [
      {
        data: { values: (a.alarmIntervals ?? []).map((i) => ({ t: i.start, t2: close(i.end) })) },
        mark: { type: "rect", color: "#e06666", opacity: 0.35 },
        encoding: { x, x2: { field: "t2" } },
      },
      {
        data: { values: (a.unknownIntervals ?? []).map((i) => ({ t: i.start, t2: close(i.end) })) },
        mark: { type: "rect", color: "#999999", opacity: 0.25 },
        encoding: { x, x2: { field: "t2" } },
      },
      {
        data: { values: a.datapoints.map((d) => ({ t: d.timestamp, v: d.value })) },
        mark: { type: "line", point: a.datapoints.length <= 24, color: "#3c78d8", interpolate: "step-after" },
        encoding: { x, y: { field: "v", type: "quantitative", title: null } },
      },
    ];
    if (a.threshold !== undefined && a.simulated) {
      layers.push({
        data: { values: [{ threshold: a.threshold }] },
        mark: { type: "rule", color: "#cc0000", strokeDash: [5, 4] },
        encoding: { y: { field: "threshold", type: "quantitative" } },
      });
    }
    return { title: { text: `${a.alarmName} (${status})`, anchor: "start", fontSize: 12 }, width: WIDTH, height: ROW_HEIGHT, layer: layers };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: `Alarm backtest ${report.window.start} to ${report.window.end} (UTC)`, subtitle: "blue: metric per period · red dashes: threshold · red: in ALARM · grey: unknown", anchor: "start" },
    config: { font: FONT, background: "white", axis: { labelFontSize: 10 } },
    vconcat: rows.length > 0 ? rows : [{ mark: "text", data: { values: [{ s: "no alarm has datapoints or ALARM time in this window" }] }, encoding: { text: { field: "s" } } }],
  } as VegaLite.TopLevelSpec;
}

export async function renderBacktestSvg(report: BacktestReport): Promise<string> {
  const { vega, vegaLite } = charting();
  const logger = vega.logger(vega.Error); // warnings would go to the console, between the report's lines
  const view = new vega.View(vega.parse(vegaLite.compile(backtestChartSpec(report), { logger }).spec), { renderer: "none", logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderBacktestPng(report: BacktestReport): Promise<Buffer> {
  const svg = await renderBacktestSvg(report);
  return new (charting().resvg.Resvg)(svg, { background: "white", fitTo: { mode: "zoom", value: 1.5 }, font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } })
    .render()
    .asPng();
}
