/**
 * Turns log events into metric datapoints, as the metric filters of their log group would: each
 * filter's pattern, value, default value and dimensions (one series per dimension values), per
 * minute. Every filter of a log group reads the same `LogMessage`, so a JSON event is parsed once.
 */
import { LogMessage, type MetricExtractor } from "../patterns";
import type { BacktestModel, MetricFilterDef, MetricRef } from "./definitions";
import { MinuteSeries, MS_PER_MINUTE } from "./minute-series";

/** A metric with its dimension names, in one stack: what an alarm and a filter must agree on. */
export function metricKey(stack: string, namespace: string, metricName: string, dimensionNames: Iterable<string>): string {
  return [stack, namespace, metricName, ...[...dimensionNames].sort()].join("\u0000");
}

/** The dimension values, in dimension-name order. */
function dimensionValuesKey(dimensions: Readonly<Record<string, string>>): string {
  return Object.keys(dimensions)
    .sort()
    .map((k) => dimensions[k])
    .join("\u0000");
}

export interface RecordedSeries {
  readonly series: MinuteSeries;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly unit?: string;
  readonly filter: MetricFilterDef;
}

class FilterRuntime {
  readonly extractor: MetricExtractor;
  private readonly byDimensions = new Map<string, RecordedSeries>();
  private readonly single: RecordedSeries | undefined;

  constructor(readonly filter: MetricFilterDef, private readonly keepValues: boolean, private readonly onNewSeries: (s: RecordedSeries) => void) {
    this.extractor = filter.extractor;
    if (!filter.transformation.dimensions) this.single = this.create({});
  }

  seriesFor(dimensions: Record<string, string>): MinuteSeries {
    if (this.single) return this.single.series;
    const key = dimensionValuesKey(dimensions);
    let recorded = this.byDimensions.get(key);
    if (!recorded) {
      recorded = this.create(dimensions);
      this.byDimensions.set(key, recorded);
    }
    return recorded.series;
  }

  private create(dimensions: Record<string, string>): RecordedSeries {
    const recorded = { series: new MinuteSeries(this.keepValues), dimensions: { ...dimensions }, unit: this.filter.unit, filter: this.filter };
    this.onNewSeries(recorded);
    return recorded;
  }
}

export class MetricRecorder {
  private readonly byLogGroup = new Map<string, FilterRuntime[]>();
  /** metricKey -> series of that metric (any dimension values), across its filters. */
  private readonly byMetric = new Map<string, RecordedSeries[]>();
  /** Events seen per log group (known or not). */
  readonly eventsPerLogGroup = new Map<string, number>();
  firstEvent = Infinity;
  lastEvent = -Infinity;

  /** `keepValues(key)` says whether a percentile alarm reads the metric (then raw values are kept). */
  constructor(model: BacktestModel, keepValues: (metricKey: string) => boolean) {
    for (const filter of model.filters) {
      const key = metricKey(filter.stack, filter.namespace, filter.metricName, Object.keys(filter.transformation.dimensions ?? {}));
      const runtime = new FilterRuntime(filter, keepValues(key), (s) => {
        const list = this.byMetric.get(key) ?? [];
        list.push(s);
        this.byMetric.set(key, list);
      });
      const list = this.byLogGroup.get(filter.logGroupName) ?? [];
      list.push(runtime);
      this.byLogGroup.set(filter.logGroupName, list);
    }
  }

  /** Applies every filter of `logGroup` to one event. */
  record(logGroup: string, timestamp: number, message: string): void {
    this.eventsPerLogGroup.set(logGroup, (this.eventsPerLogGroup.get(logGroup) ?? 0) + 1);
    if (timestamp < this.firstEvent) this.firstEvent = timestamp;
    if (timestamp > this.lastEvent) this.lastEvent = timestamp;
    const filters = this.byLogGroup.get(logGroup);
    if (!filters) return;
    const minute = Math.floor(timestamp / MS_PER_MINUTE);
    const view = new LogMessage(message);
    for (const runtime of filters) {
      const published = runtime.extractor.extract(view);
      if (published.value === null) continue;
      runtime.seriesFor(published.dimensions).add(minute, published.value);
    }
  }

  /** The series an alarm's metric reads: same stack, namespace, name, dimension set and values (and unit, if the alarm names one). */
  seriesOf(stack: string, metric: MetricRef, unit?: string): MinuteSeries[] {
    const key = metricKey(stack, metric.namespace, metric.metricName, Object.keys(metric.dimensions));
    const wanted = dimensionValuesKey(metric.dimensions);
    return (this.byMetric.get(key) ?? [])
      .filter((s) => dimensionValuesKey(s.dimensions) === wanted && (unit === undefined || s.unit === unit))
      .map((s) => s.series);
  }

  /** Whether any filter of the model publishes this metric (whatever the dimension values seen). */
  publishes(stack: string, metric: MetricRef): boolean {
    return this.filtersOf(stack, metric).length > 0;
  }

  filtersOf(stack: string, metric: MetricRef): MetricFilterDef[] {
    const key = metricKey(stack, metric.namespace, metric.metricName, Object.keys(metric.dimensions));
    return this.filterIndex().get(key) ?? [];
  }

  private index?: Map<string, MetricFilterDef[]>;
  private filterIndex(): Map<string, MetricFilterDef[]> {
    if (!this.index) {
      this.index = new Map();
      for (const runtimes of this.byLogGroup.values()) {
        for (const { filter } of runtimes) {
          const key = metricKey(filter.stack, filter.namespace, filter.metricName, Object.keys(filter.transformation.dimensions ?? {}));
          this.index.set(key, [...(this.index.get(key) ?? []), filter]);
        }
      }
    }
    return this.index;
  }
}
