import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { validateConfig } from "../../../src/config/load";
import type { WorkloadConfig } from "../../../src/config/schema";
import { buildModel } from "../../../src/model/build-model";
import type { SignalModel } from "../../../src/model/types";
import { extractMetric, parseFilterPattern, type FilterPatternAst } from "../../../src/patterns";
import { minimalConfig } from "../../support/configs";

/**
 * The real-line corpus: log lines as current (and older, still deployed) serving, training and cloud
 * stacks really print them, each with where it comes from, and what the kind's DEFAULT filters (every
 * log format on, no tuning) must publish for it. One YAML file per upstream stack in real-lines/.
 *
 * `expect` maps a metric name to the value one line publishes into it (with `dimensions` when the
 * metric has a per-model breakdown: the line then publishes into the undimensioned metric and into the
 * dimensioned one). `expect: {}` means the line must publish nothing (a benign look-alike). Every other
 * datapoint is a failure: a false positive, or two filters counting one line twice.
 */

export const CORPUS_DIR = join(__dirname, "..", "real-lines");

const PROVENANCE = ["pasted", "docs", "rendered", "invented"] as const;

const expectation = z.union([z.number(), z.strictObject({ value: z.number(), dimensions: z.record(z.string(), z.string()) })]);

const entry = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  line: z.string().min(1).refine((l) => !l.includes("\n"), { message: "one log event is one line" }),
  /** What the line is about, in the research vocabulary (stats, cuda-oom, benign, ...). */
  event: z.string(),
  release: z.string().min(1),
  /** pasted: real output (an issue, forum, doc capture); docs: an official example; rendered: filled in from the exact format string at a tag; invented: none exists (say why in notes). */
  provenance: z.enum(PROVENANCE),
  source: z.string().min(1),
  notes: z.string().optional(),
  /** The kind's log format the line belongs to; defaults to the file's. */
  format: z.string().optional(),
  expect: z.record(z.string(), expectation),
});

const corpusFile = z.strictObject({
  stack: z.string(),
  kind: z.string(),
  /** The kind's log format id these lines are in. */
  format: z.string(),
  /** Kind settings the workload needs to build (e.g. `sagemaker: { endpointName: x }`). */
  workload: z.record(z.string(), z.unknown()).optional(),
  formatNotes: z.string().optional(),
  entries: z.array(entry).min(1),
});

export type CorpusEntry = z.infer<typeof entry>;
export type CorpusFile = z.infer<typeof corpusFile> & { readonly file: string };

export function loadCorpus(dir = CORPUS_DIR): CorpusFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const parsed = corpusFile.safeParse(parse(readFileSync(join(dir, f), "utf8")));
      if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return { ...parsed.data, file: f };
    });
}

/** A datapoint one line publishes: `Metric` or `Metric{Model=x}` = value. */
export type Datapoints = Record<string, number>;

const key = (metric: string, dimensions: Readonly<Record<string, string>>) =>
  Object.keys(dimensions).length === 0 ? metric : `${metric}{${Object.entries(dimensions).map(([k, v]) => `${k}=${v}`).join(",")}}`;

export function expectedDatapoints(expect: CorpusEntry["expect"]): Datapoints {
  const out: Datapoints = {};
  for (const [metric, e] of Object.entries(expect)) {
    const value = typeof e === "number" ? e : e.value;
    out[key(metric, {})] = value;
    if (typeof e !== "number") out[key(metric, e.dimensions)] = value;
  }
  return out;
}

/** The filters a workload of the kind gets with its defaults: every format, nothing tuned. */
export function defaultFilters(kind: string, settings: Record<string, unknown> = {}): { signal: SignalModel; ast: FilterPatternAst }[] {
  const config = minimalConfig();
  config.workloads = [{ name: "corpus", kind, ...settings } as WorkloadConfig];
  const model = buildModel(validateConfig(config, `${kind} corpus workload`), "corpus.yaml");
  return model.environments[0].workloads[0].signals.map((signal) => ({ signal, ast: parseFilterPattern(signal.filter.pattern) }));
}

/**
 * What the filters publish for one line, as CloudWatch would: matching filters publish their value
 * (when it can be read); duplicates add up, so a line two filters count shows as twice the value.
 * Default values of non-matching filters are left out (they are the same for every line).
 */
export function publishedDatapoints(filters: ReturnType<typeof defaultFilters>, line: string): { datapoints: Datapoints; filterIds: string[] } {
  const datapoints: Datapoints = {};
  const filterIds: string[] = [];
  for (const { signal, ast } of filters) {
    const m = signal.filter.metric;
    const result = extractMetric(ast, { metricValue: m.value, defaultValue: m.defaultValue, dimensions: m.dimensions }, line);
    if (!result.matched || result.value === null) continue;
    filterIds.push(signal.id);
    const k = key(m.name, result.dimensions);
    datapoints[k] = (datapoints[k] ?? 0) + result.value;
  }
  return { datapoints, filterIds };
}
