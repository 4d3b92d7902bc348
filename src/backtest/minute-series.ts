/**
 * One metric series (namespace, name, dimension values) as CloudWatch stores a metric filter's
 * output: per-minute aggregates, each datapoint stamped with its log event's timestamp floored to
 * the minute (reference §7: "Metric datapoint timestamp = the log event timestamp floored to the
 * minute"). Memory grows with the minutes that hold data, not with the number of events; only a
 * series a percentile alarm reads also keeps its raw values.
 */
import type { WindowSamples } from "./statistics";

const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS; // minutes per chunk (~17 h)
const FIELDS = 4; // count, sum, min, max

export const MS_PER_MINUTE = 60_000;

export class MinuteSeries {
  private readonly chunks = new Map<number, Float64Array>();
  private readonly values?: Map<number, number[]>;
  private lastIndex = NaN;
  private lastChunk: Float64Array | undefined;

  constructor(keepValues: boolean) {
    if (keepValues) this.values = new Map();
  }

  /** Adds one sample at `minute` (epoch minutes). */
  add(minute: number, value: number): void {
    const index = Math.floor(minute / CHUNK);
    let chunk = index === this.lastIndex ? this.lastChunk : this.chunks.get(index);
    if (!chunk) {
      chunk = new Float64Array(CHUNK * FIELDS);
      for (let i = 0; i < CHUNK; i++) {
        chunk[i * FIELDS + 2] = Infinity;
        chunk[i * FIELDS + 3] = -Infinity;
      }
      this.chunks.set(index, chunk);
    }
    this.lastIndex = index;
    this.lastChunk = chunk;
    const at = (minute - index * CHUNK) * FIELDS;
    chunk[at] += 1;
    chunk[at + 1] += value;
    if (value < chunk[at + 2]) chunk[at + 2] = value;
    if (value > chunk[at + 3]) chunk[at + 3] = value;
    if (this.values) {
      const list = this.values.get(minute);
      if (list) list.push(value);
      else this.values.set(minute, [value]);
    }
  }

  /** The samples of one minute (count 0 when it has none). */
  minute(minute: number): WindowSamples {
    const index = Math.floor(minute / CHUNK);
    const chunk = this.chunks.get(index);
    if (!chunk) return EMPTY;
    const at = (minute - index * CHUNK) * FIELDS;
    if (chunk[at] === 0) return EMPTY;
    return { count: chunk[at], sum: chunk[at + 1], min: chunk[at + 2], max: chunk[at + 3], values: this.values?.get(minute) };
  }

  /** Minutes holding samples, in order. */
  minutesWithData(): number[] {
    const minutes: number[] = [];
    for (const [index, chunk] of [...this.chunks].sort(([a], [b]) => a - b)) {
      for (let i = 0; i < CHUNK; i++) if (chunk[i * FIELDS] > 0) minutes.push(index * CHUNK + i);
    }
    return minutes;
  }
}

export const EMPTY: WindowSamples = Object.freeze({ count: 0, sum: 0, min: Infinity, max: -Infinity });

/** Samples of several series (or minutes) together, as CloudWatch aggregates datapoints of one metric. */
export function mergeSamples(parts: readonly WindowSamples[], keepValues: boolean): WindowSamples {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const values: number[] | undefined = keepValues ? [] : undefined;
  for (const p of parts) {
    if (p.count === 0) continue;
    count += p.count;
    sum += p.sum;
    if (p.min < min) min = p.min;
    if (p.max > max) max = p.max;
    if (values && p.values) for (const v of p.values) values.push(v);
  }
  return count === 0 ? EMPTY : { count, sum, min, max, values };
}
