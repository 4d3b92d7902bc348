import type { Config, WorkloadConfig } from "../../src/config/schema";
import { validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { extractMetric, parseFilterPattern } from "../../src/patterns";
import { mutated, problemsOf } from "../support/configs";

/**
 * llm-app reads OpenTelemetry spans (aws/spans) and flat JSON call logs: renamed fields address each
 * format, a field a format cannot read is a config error naming the workload and what is valid, and
 * both formats on never count one record twice.
 */

const app = (extra: Partial<WorkloadConfig>) => (c: Config) => (c.workloads[0] = { name: "assistant", kind: "llm-app", ...extra } as WorkloadConfig);

/** What the workload's filters publish for one line: `Metric` or `Metric{Model=x}` -> value. */
function published(extra: Partial<WorkloadConfig>, line: string): Record<string, number> {
  const model = buildModel(validateConfig(mutated(app(extra)), "platform.yaml"), "platform.yaml");
  const out: Record<string, number> = {};
  for (const s of model.environments[0].workloads[0].signals) {
    const m = s.filter.metric;
    const r = extractMetric(parseFilterPattern(s.filter.pattern), { metricValue: m.value, dimensions: m.dimensions }, line);
    if (!r.matched || r.value === null) continue;
    const key = Object.keys(r.dimensions).length === 0 ? m.name : `${m.name}{${Object.entries(r.dimensions).map(([k, v]) => `${k}=${v}`).join(",")}}`;
    out[key] = (out[key] ?? 0) + r.value;
  }
  return out;
}

const SPAN = JSON.stringify({
  name: "chat gpt-4o",
  kind: "CLIENT",
  durationNano: 812_000_000,
  attributes: { "gen_ai.request.model": "gpt-4o", "llm.usage.prompt": 90, "gen_ai.usage.output_tokens": 12 },
  status: { code: "UNSET" },
});

describe("llm-app log formats", () => {
  it("reads renamed attribute keys under attributes in spans, and at the top level in flat JSON", () => {
    const renamed = { fields: { inputTokens: "llm.usage.prompt" } };
    expect(published(renamed, SPAN)).toMatchObject({ ModelCalls: 1, InputTokens: 90, "InputTokens{Model=gpt-4o}": 90, ModelCallLatencyNanos: 812_000_000 });
    const flat = JSON.stringify({ "gen_ai.request.model": "gpt-4o", "llm.usage.prompt": 90 });
    expect(published(renamed, flat)).toEqual({ ModelCalls: 1, InputTokens: 90, "InputTokens{Model=gpt-4o}": 90 });
  });

  it("takes a $. path into span attributes as it is", () => {
    expect(published({ fields: { inputTokens: "$.attributes.['llm.usage.prompt']" }, logFormats: ["otel-spans"] }, SPAN)).toMatchObject({ InputTokens: 90 });
  });

  it("counts a span carrying both token names once, with the current name", () => {
    const both = JSON.stringify({ kind: "CLIENT", attributes: { "gen_ai.request.model": "m", "gen_ai.usage.input_tokens": 7, "gen_ai.usage.prompt_tokens": 7 } });
    expect(published({}, both)).toEqual({ ModelCalls: 1, InputTokens: 7, "InputTokens{Model=m}": 7 });
  });

  it("keeps only the filters of the declared formats", () => {
    expect(published({ logFormats: ["flat-json"] }, SPAN)).toEqual({});
    expect(published({ logFormats: ["otel-spans"] }, JSON.stringify({ "gen_ai.request.model": "gpt-4o" }))).toEqual({});
  });

  it("keeps the error rate when only span formats are on (its filters are variants)", () => {
    const model = buildModel(validateConfig(mutated(app({ logFormats: ["otel-spans"] })), "platform.yaml"), "platform.yaml");
    expect(model.environments[0].workloads[0].alarms.map((a) => a.id)).toContain("error-rate");
  });
});

describe("llm-app field check", () => {
  const prefix = "platform.yaml: workloads[0].fields";

  it("rejects a $. path no span record has while a span format is on", () => {
    expect(problemsOf(mutated(app({ fields: { inputTokens: "$.usage.prompt_tokens" } })))).toEqual([
      `${prefix}.inputTokens: workload 'assistant': '$.usage.prompt_tokens' cannot address an OpenTelemetry span record (format otel-spans, otel-spans-legacy), whose members are resource, scope, traceId, spanId, parentSpanId, flags, name, kind, startTimeUnixNano, endTimeUnixNano, durationNano, attributes, status, events, links: give the attribute key as logged (e.g. gen_ai.usage.input_tokens, read under attributes), a path under $.attributes., or set logFormats: [flat-json]`,
    ]);
    expect(problemsOf(mutated(app({ fields: { inputTokens: "$.usage.prompt_tokens" }, logFormats: ["flat-json"] })))).toEqual([]);
  });

  it("rejects a span-member path read by flat-json and a span format at once (one call counted twice)", () => {
    expect(problemsOf(mutated(app({ fields: { model: "$.attributes.['llm.model']" } })))).toEqual([
      `${prefix}.model: workload 'assistant': '$.attributes.['llm.model']' addresses the span member 'attributes', which the flat-json filters would read from every span too (counting each call twice): keep only span formats (logFormats: [otel-spans, otel-spans-legacy]) or only flat-json, or name a field that is not a span member`,
    ]);
    expect(problemsOf(mutated(app({ fields: { model: "name" } })))[0]).toMatch(/addresses the span member 'name'/);
    expect(problemsOf(mutated(app({ fields: { model: "$.attributes.['llm.model']" }, logFormats: ["otel-spans"] })))).toEqual([]);
  });

  it("rejects a duration field when no format reads it", () => {
    expect(problemsOf(mutated(app({ fields: { duration: "latency_s" }, logFormats: ["otel-spans"] })))).toEqual([
      `${prefix}.duration: workload 'assistant': 'duration' is read only in format flat-json; spans (otel-spans) carry their latency in durationNano: remove it or add flat-json to logFormats`,
    ]);
  });

  it("rejects a bracket step with a quote inside", () => {
    expect(problemsOf(mutated(app({ fields: { model: "$.attributes.['a'b']" } })))[0]).toMatch(/fields\.model: must be a JSON key as logged/);
  });
});
