import { extractMetric, parseFilterPattern, validateMetricTransformation } from "../../src/patterns";
import { kindContent, presetFilters, tunableIds, WORKLOAD_KINDS, type PresetFilter, type SignalPreset, type WorkloadKindCatalogue } from "../../src/signals";
import { validateInsightsQuery } from "../../src/signals/insights-query";
import { OTEL_GENAI_FIELDS } from "../../src/signals/llm-app";
import { BAND_COMPARISON_OPERATORS, MAX_REGEX_FILTERS_PER_LOG_GROUP } from "../../src/aws/limits";

/**
 * Every filter of every preset of every kind (its own and its variants for other log formats), proven
 * on its own sample lines with the offline evaluator: each matching line matches and publishes exactly
 * the expected value and dimensions; each non-matching line does not match. A filter without samples
 * fails here.
 */
const presets: [string, string, SignalPreset][] = WORKLOAD_KINDS.flatMap((k) => k.signals.map((p): [string, string, SignalPreset] => [k.kind, p.id, p]));
const filters: [string, string, SignalPreset, PresetFilter][] = presets.flatMap(([kind, , p]) => presetFilters(p).map((f): [string, string, SignalPreset, PresetFilter] => [kind, f.id, p, f]));

describe.each(filters)("%s / %s", (_kind, _id, preset, filter) => {
  const pattern = filter.pattern.render();
  const ast = parseFilterPattern(pattern);
  const spec = { metricValue: filter.value, defaultValue: preset.metric.defaultValue, dimensions: filter.dimensions };

  it("has matching and non-matching samples", () => {
    expect(filter.samples.matching.length).toBeGreaterThan(0);
    expect(filter.samples.nonMatching.length).toBeGreaterThan(0);
  });

  it("has a metric transformation PutMetricFilter accepts", () => {
    expect(validateMetricTransformation(ast, { ...spec, dimensions: Object.keys(filter.dimensions).length > 0 ? filter.dimensions : undefined })).toEqual([]);
  });

  it.each(filter.samples.matching.map((s) => [s.line, s] as const))("matches %s", (_line, sample) => {
    const result = extractMetric(ast, spec, sample.line);
    expect(result.matched).toBe(true);
    expect(result.value).toBe(sample.value);
    expect(result.dimensions).toEqual(sample.dimensions ?? {});
  });

  it.each(filter.samples.nonMatching.map((line) => [line]))("does not match %s", (line) => {
    const result = extractMetric(ast, spec, line);
    expect(result.matched).toBe(false);
    expect(result.value).toBe(preset.metric.defaultValue ?? null);
  });

  it("publishes per-sample dimension values only under the names the signal declares", () => {
    expect(Object.keys(filter.dimensions).sort()).toEqual(Object.keys(preset.metric.dimensions ?? {}).sort());
    for (const s of filter.samples.matching) expect(Object.keys(s.dimensions ?? {}).sort()).toEqual(Object.keys(filter.dimensions).sort());
  });
});

describe.each(presets)("%s / %s", (_kind, _id, preset) => {
  it("has a default alarm with a severity and a one-line runbook", () => {
    expect(["critical", "warning"]).toContain(preset.alarm.severity);
    expect(preset.runbook.length).toBeGreaterThan(20);
    expect(preset.runbook).not.toMatch(/\n/);
    const band = (BAND_COMPARISON_OPERATORS as readonly string[]).includes(preset.alarm.comparison);
    expect(band ? preset.alarm.bandWidth : preset.alarm.threshold).toBeDefined();
  });

  it("has one filter per format and shape at most", () => {
    const formats = presetFilters(preset).map((f) => `${f.format ?? "(every format)"} ${f.shape ?? ""}`);
    expect(new Set(formats).size).toBe(formats.length);
  });
});

describe.each(WORKLOAD_KINDS.map((k): [string, WorkloadKindCatalogue] => [k.kind, k]))("kind %s", (_kind, kind) => {
  it("has at least one signal, unique tunable ids and kebab-case ids", () => {
    expect(kind.signals.length).toBeGreaterThan(0);
    const ids = tunableIds(kind);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    expect(ids).not.toContain("health");
  });

  it("names only formats it declares", () => {
    const formats = (kind.formats ?? []).map((f) => f.id);
    for (const f of kind.signals.flatMap(presetFilters)) if (f.format !== undefined) expect(formats).toContain(f.format);
  });

  it("stays within the regex-filter quota of one log group, with every format on", () => {
    const regexFilters = kind.signals.flatMap(presetFilters).filter((f) => /%/.test(f.pattern.render()) && /regex/.test(JSON.stringify(parseFilterPattern(f.pattern.render()))));
    expect(regexFilters.length).toBeLessThanOrEqual(MAX_REGEX_FILTERS_PER_LOG_GROUP);
  });

  it("builds ratios from two undimensioned signals of one format", () => {
    for (const r of kind.ratios ?? []) {
      const num = kind.signals.find((s) => s.id === r.numerator);
      const den = kind.signals.find((s) => s.id === r.denominator);
      expect(num && den).toBeTruthy();
      expect(num!.metric.dimensions ?? {}).toEqual({});
      expect(den!.metric.dimensions ?? {}).toEqual({});
      expect(num!.format).toBe(den!.format);
    }
  });

  it("has service alarms in AWS namespaces or the CloudWatch agent's only", () => {
    for (const a of kind.serviceAlarms ?? []) expect(a.namespace).toMatch(/^(AWS\/|CWAgent$)/);
  });

  it("saves queries that pass the offline Logs Insights checks", () => {
    const content = kindContent(kind);
    expect(content.queries.length).toBeGreaterThan(0);
    for (const q of content.queries) expect({ id: q.id, problems: validateInsightsQuery(q.query, content.queryFields) }).toEqual({ id: q.id, problems: [] });
  });
});

describe("llm-app field names", () => {
  const renamed = { model: "model", inputTokens: "$.usage.prompt_tokens", outputTokens: "$.usage.completion_tokens", duration: "latency_s" };
  const content = kindContent(WORKLOAD_KINDS.find((k) => k.kind === "llm-app")!, renamed);
  const signal = (id: string) => content.signals.find((s) => s.id === id)!;

  it("defaults to the OpenTelemetry GenAI names", () => {
    const defaults = kindContent(WORKLOAD_KINDS.find((k) => k.kind === "llm-app")!);
    expect(defaults.signals.find((s) => s.id === "input-tokens")!.pattern.render()).toBe(
      `{ $.['${OTEL_GENAI_FIELDS.model}'] = * && $.['${OTEL_GENAI_FIELDS.inputTokens}'] = * }`,
    );
  });

  it("reads renamed flat and nested fields", () => {
    const s = signal("input-tokens");
    const ast = parseFilterPattern(s.pattern.render());
    const line = JSON.stringify({ model: "gpt-4o-mini", usage: { prompt_tokens: 77, completion_tokens: 5 }, latency_s: 0.8 });
    expect(extractMetric(ast, { metricValue: s.metric.value, dimensions: s.metric.dimensions }, line)).toEqual({ matched: true, value: 77, dimensions: { Model: "gpt-4o-mini" } });
    const latency = signal("latency");
    expect(extractMetric(parseFilterPattern(latency.pattern.render()), { metricValue: latency.metric.value, dimensions: latency.metric.dimensions }, line).value).toBe(0.8);
  });

  it("keeps its queries valid under the new names", () => {
    for (const q of content.queries) expect(validateInsightsQuery(q.query, content.queryFields)).toEqual([]);
    expect(content.queries.find((q) => q.id === "tokens-by-model")!.query).toContain("coalesce(usage.prompt_tokens, attributes.gen_ai.usage.prompt_tokens) as call_input_tokens");
  });
});
