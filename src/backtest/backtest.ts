/**
 * `backtest()`: replays recorded log events through the metric filters and alarms of synthesized
 * stacks and reports when each alarm would have fired. `Backtest` is the same, step by step, for
 * callers that have events in memory (tests, the benchmark).
 */
import type { Readable } from "node:stream";
import { ReviewInputError } from "../review/errors";
import { loadSynthOutput, type StackJson } from "../review/synth-output";
import type { AlarmDef, BacktestModel, MetricAlarmDef } from "./definitions";
import { simulateCompositeAlarm } from "./composite-alarm";
import { BacktestInputError } from "./errors";
import { readEvents, type InputFormat, type LogEvent } from "./input-formats";
import { openTextInput } from "./input-stream";
import { simulateMetricAlarm, type MetricAlarmSimulation, type StateChange, type Window } from "./metric-alarm";
import { metricKey, MetricRecorder } from "./metric-recorder";
import { MS_PER_MINUTE } from "./minute-series";
import { alignedDatapoints, FORMAT_VERSION, historyFields, intervalsIn, iso, round, windowDays, type AlarmReport, type BacktestReport } from "./report";
import { parseStatistic } from "./statistics";
import { suggestThresholds } from "./suggest";
import { readModel } from "./synth-model";
import { parseIsoTimestamp } from "./timestamps";

export interface BacktestOptions {
  /** A `cdktf.out` directory or one stack directory (holding `cdk.tf.json`). */
  readonly synth: string;
  /** Only this stack. */
  readonly stack?: string;
  /** Log group of events whose input names none (`aws logs filter-log-events` output, JSON and text lines). */
  readonly logGroup?: string;
  /** ISO 8601; events before are ignored and the window starts here. */
  readonly from?: string;
  /** ISO 8601; events from here on are ignored and the window ends here. */
  readonly to?: string;
  /** Events files (plain or gzip), `-` for `stdin`. */
  readonly inputs: readonly string[];
  readonly format?: InputFormat;
  readonly timestampField?: string;
  readonly timestampFormat?: string;
  /** Add threshold suggestions (0, 1, 5 fires) to every fixed-threshold alarm. */
  readonly suggest?: boolean;
  /** Directory relative paths are read from. @default process.cwd() */
  readonly cwd?: string;
  /** @default process.stdin */
  readonly stdin?: Readable;
}

/** Runs a backtest; throws BacktestInputError (naming the file or option) for bad input. */
export async function backtest(options: BacktestOptions): Promise<BacktestReport> {
  const cwd = options.cwd ?? process.cwd();
  const model = loadModel(options.synth, options.stack, cwd);
  if (options.inputs.length === 0) throw new BacktestInputError("EVENTS", "give at least one events file (or - for standard input)");
  const run = new Backtest(model, options);
  for (const name of options.inputs) {
    const input = await openTextInput(name, cwd, options.stdin ?? process.stdin);
    for await (const batch of readEvents(input, options)) run.add(batch, input.name);
  }
  return run.finish(options.inputs.map((n) => (n === "-" ? "standard input" : n)), { suggest: options.suggest });
}

/** Reads the stacks of a synthesized output (all, or `--stack`). */
export function loadModel(synth: string, stack: string | undefined, cwd: string): BacktestModel {
  let stacks: ReadonlyMap<string, StackJson>;
  try {
    stacks = loadSynthOutput(synth, "--synth", cwd).stacks;
  } catch (e) {
    if (e instanceof ReviewInputError) throw new BacktestInputError(e.argument, e.message.slice(e.argument.length + 2));
    throw e;
  }
  if (stacks.size === 0) throw new BacktestInputError("--synth", `${synth} holds no stacks (synthesize first: npm run synth)`);
  if (stack !== undefined) {
    const json = stacks.get(stack);
    if (!json) throw new BacktestInputError("--stack", `no stack '${stack}' in ${synth}; its stacks: ${[...stacks.keys()].join(", ")}`);
    stacks = new Map([[stack, json]]);
  }
  return readModel(stacks);
}

/** Parses --from / --to. */
export function parseWindowBound(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value;
  const ms = parseIsoTimestamp(text);
  if (ms === undefined) throw new BacktestInputError(option, `'${value}' is not an ISO 8601 date or time (e.g. 2026-11-24 or 2026-11-24T10:00:00Z)`);
  return ms;
}

/** A backtest fed step by step: `add` events, then `finish`. */
export class Backtest {
  private readonly recorder: MetricRecorder;
  private readonly from?: number;
  private readonly to?: number;
  private readonly skipped = new Map<string, number>();
  private readonly groupsWithoutStack = new Map<string, string>();
  private events = 0;
  private outsideWindow = 0;

  constructor(
    private readonly model: BacktestModel,
    private readonly options: { readonly logGroup?: string; readonly from?: string; readonly to?: string } = {}
  ) {
    this.from = parseWindowBound(options.from, "--from");
    this.to = parseWindowBound(options.to, "--to");
    if (this.from !== undefined && this.to !== undefined && this.from >= this.to) {
      throw new BacktestInputError("--to", `${options.to} is not after --from ${options.from}`);
    }
    if (options.logGroup !== undefined && !model.logGroups.has(options.logGroup)) {
      throw new BacktestInputError("--log-group", `no stack has log group '${options.logGroup}'; ${knownGroups(model)}`);
    }
    const percentileMetrics = new Set<string>();
    for (const alarm of model.alarms) {
      if (alarm.kind !== "metric") continue;
      for (const q of alarm.queries) {
        if (q.kind === "metric" && parseStatistic(q.stat)?.kind === "percentile") {
          percentileMetrics.add(metricKey(alarm.stack, q.metric.namespace, q.metric.metricName, Object.keys(q.metric.dimensions)));
        }
      }
    }
    this.recorder = new MetricRecorder(model, (key) => percentileMetrics.has(key));
  }

  /** Records a batch of events read from `source` (named in errors). */
  add(events: readonly LogEvent[], source: string): void {
    for (const event of events) {
      if ((this.from !== undefined && event.timestamp < this.from) || (this.to !== undefined && event.timestamp >= this.to)) {
        this.outsideWindow++;
        continue;
      }
      const logGroup = event.logGroup ?? this.options.logGroup;
      if (logGroup === undefined) {
        throw new BacktestInputError(source, `its events name no log group: give it with --log-group (${knownGroups(this.model)})`);
      }
      if (!this.model.logGroups.has(logGroup)) {
        this.skipped.set(logGroup, (this.skipped.get(logGroup) ?? 0) + 1);
        if (!this.groupsWithoutStack.has(logGroup)) this.groupsWithoutStack.set(logGroup, source);
        continue;
      }
      this.events++;
      this.recorder.record(logGroup, event.timestamp, event.message);
    }
  }

  /** Evaluates every alarm over the window and builds the report. */
  finish(files: readonly string[], options: { readonly suggest?: boolean } = {}): BacktestReport {
    if (this.events === 0) throw this.noEventsError(files);
    const window: Window = {
      start: Math.floor((this.from ?? this.recorder.firstEvent) / MS_PER_MINUTE),
      end: this.to !== undefined ? Math.ceil(this.to / MS_PER_MINUTE) : Math.floor(this.recorder.lastEvent / MS_PER_MINUTE) + 1,
    };
    const alarms = simulateAll(this.model, this.recorder, window);
    const byName = new Map(alarms.map((a) => [a.def.alarmName, a]));
    const reports = alarms.map((a) => alarmReport(a, window, byName, options.suggest === true));
    return {
      formatVersion: FORMAT_VERSION,
      window: { start: iso(window.start), end: iso(window.end), days: round(windowDays(window), 4) },
      stacks: [...this.model.stacks],
      inputs: {
        files: [...files],
        events: this.events,
        eventsPerLogGroup: Object.fromEntries([...this.recorder.eventsPerLogGroup].sort(([a], [b]) => a.localeCompare(b))),
        skippedLogGroups: Object.fromEntries([...this.skipped].sort(([a], [b]) => a.localeCompare(b))),
        outsideWindow: this.outsideWindow,
      },
      alarms: reports,
      skippedFilters: [...this.model.skippedFilters],
    };
  }

  private noEventsError(files: readonly string[]): BacktestInputError {
    const where = files.join(", ");
    if (this.groupsWithoutStack.size > 0) {
      const [group, source] = [...this.groupsWithoutStack][0];
      const others = this.groupsWithoutStack.size > 1 ? ` (and ${this.groupsWithoutStack.size - 1} more)` : "";
      return new BacktestInputError(source, `log group '${group}'${others} is in no stack; ${knownGroups(this.model)}`);
    }
    if (this.outsideWindow > 0) return new BacktestInputError("--from", `all ${this.outsideWindow} events of ${where} lie outside --from/--to`);
    return new BacktestInputError(where, "holds no log events");
  }
}

function knownGroups(model: BacktestModel): string {
  const groups = [...model.logGroups.keys()].sort();
  return groups.length === 0 ? "the stacks have no log groups" : `log groups in the stacks: ${groups.join(", ")}`;
}

interface Simulated {
  readonly def: AlarmDef;
  readonly simulated: boolean;
  readonly reason?: string;
  readonly timeline?: readonly StateChange[];
  readonly metric?: MetricAlarmSimulation;
  readonly notes: string[];
}

/** Metric alarms first, then composites in dependency order (a cycle leaves its members unsimulated). */
function simulateAll(model: BacktestModel, recorder: MetricRecorder, window: Window): Simulated[] {
  const results = new Map<AlarmDef, Simulated>();
  const byName = new Map(model.alarms.map((a) => [a.alarmName, a]));
  const visiting = new Set<AlarmDef>();
  const simulate = (def: AlarmDef): Simulated => {
    const done = results.get(def);
    if (done) return done;
    let result: Simulated;
    if (def.kind === "unreadable") result = { def, simulated: false, reason: def.reason, notes: [] };
    else if (def.kind === "metric") {
      const metric = simulateMetricAlarm(def, recorder, window);
      result = { def, simulated: metric.simulated, reason: metric.reason, timeline: metric.timeline, metric, notes: [] };
    } else if (visiting.has(def)) {
      return { def, simulated: false, reason: "its rule refers back to itself through other composite alarms", notes: [] };
    } else {
      visiting.add(def);
      const unknown: string[] = [];
      const timeline = simulateCompositeAlarm(
        def,
        (name) => {
          const child = byName.get(name);
          const sim = child ? simulate(child) : undefined;
          if (!sim?.timeline) unknown.push(child ? `${name} (${sim?.reason ?? "not simulated"})` : `${name} (not in the synthesized stacks)`);
          return sim?.timeline;
        },
        window
      );
      visiting.delete(def);
      const notes = unknown.length ? [`not simulated, so unknown to the rule: ${[...new Set(unknown)].join("; ")}`] : [];
      result = { def, simulated: true, timeline, notes };
    }
    results.set(def, result);
    return result;
  };
  return model.alarms.map(simulate);
}

function alarmReport(sim: Simulated, window: Window, byName: ReadonlyMap<string, Simulated>, suggest: boolean): AlarmReport {
  const def = sim.def;
  const series = sim.metric?.series;
  const base = {
    alarmName: def.alarmName,
    stack: def.stack,
    address: def.address,
    kind: def.kind === "metric" ? (def.queries.some((q) => q.kind === "expression") ? ("expression" as const) : ("metric" as const)) : def.kind,
    simulated: sim.simulated,
    ...(sim.reason !== undefined ? { reason: sim.reason } : {}),
    ...(def.kind === "metric" ? metricSettings(def) : {}),
    datapoints: series ? alignedDatapoints(series, window) : [],
    notes: [...sim.notes],
  };
  if (!sim.simulated || !sim.timeline || def.kind === "unreadable") {
    return { ...base, transitionsToAlarm: null, firstAlarm: null, lastAlarm: null, timeInAlarmSeconds: null, pages: null, pagesPerDay: null, alarmIntervals: null };
  }
  let suppressor: readonly StateChange[] | undefined;
  if (def.kind === "composite" && def.suppressor) {
    suppressor = byName.get(def.suppressor)?.timeline;
    if (!suppressor) base.notes.push(`its actions are suppressed while ${def.suppressor} is in ALARM, which is not simulated: pages are an upper bound`);
  }
  const report: AlarmReport = { ...base, ...historyFields(def, sim.timeline, window, suppressor) };
  const unknown = intervalsIn(sim.timeline, "UNKNOWN", window);
  const withUnknown = def.kind === "composite" ? { ...report, unknownIntervals: unknown } : report;
  const suggestions = suggest && def.kind === "metric" && series ? suggestThresholds(def, series, window) : undefined;
  return suggestions ? { ...withUnknown, suggestions } : withUnknown;
}

function metricSettings(def: MetricAlarmDef): Partial<AlarmReport> {
  const period = def.queries.find((q) => q.kind === "metric");
  return {
    comparison: def.comparison,
    ...(def.threshold !== undefined ? { threshold: def.threshold } : {}),
    ...(period?.kind === "metric" ? { periodSeconds: period.period } : {}),
    evaluationPeriods: def.evaluationPeriods,
    datapointsToAlarm: def.datapointsToAlarm,
    treatMissingData: def.treatMissingData,
  };
}
