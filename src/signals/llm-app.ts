import { FilterPattern } from "../patterns";
import { countAbove, outsideBand } from "./common";
import { insightsFieldOf, selectorOf } from "./json-fields";
import type { KindContent, SignalPreset, WorkloadKindCatalogue } from "./types";

/**
 * Applications that log one structured JSON object per model call. Field names default to the
 * OpenTelemetry GenAI semantic conventions (https://opentelemetry.io/docs/specs/semconv/gen-ai/:
 * `gen_ai.request.model`, `gen_ai.usage.input_tokens`, `gen_ai.usage.output_tokens`,
 * `gen_ai.response.finish_reasons`, `error.type`; the duration takes the name of the
 * `gen_ai.client.operation.duration` instrument, in seconds), logged as flat keys. Config renames
 * any of them (`workloads[].fields`); a value starting with `$.` is a nested path.
 */
export const OTEL_GENAI_FIELDS = {
  model: "gen_ai.request.model",
  operation: "gen_ai.operation.name",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  duration: "gen_ai.client.operation.duration",
  finishReasons: "gen_ai.response.finish_reasons",
  errorType: "error.type",
} as const;

export type LlmAppFields = Record<keyof typeof OTEL_GENAI_FIELDS, string>;

const FIELD_DESCRIPTIONS: Record<keyof LlmAppFields, string> = {
  model: "model the call asked for (per-model dimension)",
  operation: "operation name (chat, text_completion, embeddings, ...)",
  inputTokens: "input (prompt) token count",
  outputTokens: "output (completion) token count",
  duration: "call duration in seconds",
  finishReasons: "array of finish reasons; content_filter / guardrail_intervened count as interventions",
  errorType: "error class, present only on failed calls",
};

/** A sample call log in OpenTelemetry naming; tests also re-key it for renamed fields. */
function call(model: string, input: number, output: number, seconds: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    timestamp: "2026-11-24T06:31:07.412Z",
    level: "INFO",
    event: "gen_ai.call",
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": "openai",
    "gen_ai.request.model": model,
    "gen_ai.usage.input_tokens": input,
    "gen_ai.usage.output_tokens": output,
    "gen_ai.client.operation.duration": seconds,
    "gen_ai.response.finish_reasons": ["stop"],
    ...extra,
  });
}

/** The kind's signals and queries for given field names: one definition, any naming. */
export function llmAppContent(fields: Readonly<Record<string, string>>): KindContent {
  const f = { ...OTEL_GENAI_FIELDS, ...fields } as LlmAppFields;
  const sel = (k: keyof LlmAppFields) => selectorOf(f[k]);
  const q = (k: keyof LlmAppFields) => insightsFieldOf(f[k]);
  const perModel = (value: keyof LlmAppFields) => FilterPattern.all(FilterPattern.exists(sel("model")), FilterPattern.exists(sel(value)));

  const signals: SignalPreset[] = [
    {
      id: "model-calls",
      title: "Model calls",
      pattern: FilterPattern.exists(sel("model")),
      metric: { name: "ModelCalls", unit: "Count", value: "1" },
      alarm: outsideBand("Sum", "LessThanLowerOrGreaterThanUpperThreshold", "warning"),
      runbook: "Call volume left its band: a traffic spike (retry storm, abuse) or a drop (upstream outage, broken release).",
      samples: {
        matching: [
          { line: call("gpt-4o", 812, 164, 2.31), value: 1 },
          { line: call("claude-sonnet-4", 90, 0, 30.01, { "error.type": "timeout" }), value: 1 },
        ],
        nonMatching: [JSON.stringify({ level: "INFO", event: "http.request", path: "/healthz" }), "INFO model call done (plain text)"],
      },
    },
    {
      id: "errors",
      title: "Failed model calls",
      pattern: FilterPattern.all(FilterPattern.exists(sel("model")), FilterPattern.exists(sel("errorType"))),
      metric: { name: "ModelCallErrors", unit: "Count", value: "1" },
      alarm: countAbove(10, "critical"),
      runbook: "Group failures by error.type and model in the top-errors query: rate limits, timeouts and bad requests need different fixes.",
      samples: {
        matching: [
          { line: call("claude-sonnet-4", 90, 0, 30.01, { "error.type": "timeout" }), value: 1 },
          { line: call("gpt-4o", 4100, 0, 0.2, { "error.type": "RateLimitError" }), value: 1 },
        ],
        nonMatching: [call("gpt-4o", 812, 164, 2.31), JSON.stringify({ "error.type": "ConnectionError", event: "db.query" })],
      },
    },
    {
      id: "latency",
      title: "Model call latency",
      pattern: perModel("duration"),
      metric: { name: "ModelCallLatency", unit: "Seconds", value: sel("duration"), dimensions: { Model: sel("model") } },
      // p90: the slow tail users feel, which an average hides.
      alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
      runbook: "Latency is above its band: compare models in the latency query; one slow model points at the provider, all at the network.",
      samples: {
        matching: [
          { line: call("gpt-4o", 812, 164, 2.31), value: 2.31, dimensions: { Model: "gpt-4o" } },
          { line: call("claude-sonnet-4", 1500, 420, 7.8), value: 7.8, dimensions: { Model: "claude-sonnet-4" } },
        ],
        nonMatching: [JSON.stringify({ "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 3 })],
      },
    },
    {
      id: "input-tokens",
      title: "Input tokens per model",
      pattern: perModel("inputTokens"),
      metric: { name: "InputTokens", unit: "Count", value: sel("inputTokens"), dimensions: { Model: sel("model") } },
      alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Input tokens are above their band: look for a feature sending whole documents or a loop resending history.",
      samples: {
        matching: [{ line: call("gpt-4o", 812, 164, 2.31), value: 812, dimensions: { Model: "gpt-4o" } }],
        nonMatching: [JSON.stringify({ "gen_ai.request.model": "gpt-4o", "gen_ai.usage.output_tokens": 3 })],
      },
    },
    {
      id: "output-tokens",
      title: "Output tokens per model",
      pattern: perModel("outputTokens"),
      metric: { name: "OutputTokens", unit: "Count", value: sel("outputTokens"), dimensions: { Model: sel("model") } },
      alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Output tokens are above their band: check max_tokens settings and for runaway agent loops.",
      samples: {
        matching: [
          { line: call("gpt-4o", 812, 164, 2.31), value: 164, dimensions: { Model: "gpt-4o" } },
          { line: call("claude-sonnet-4", 1500, 420, 7.8), value: 420, dimensions: { Model: "claude-sonnet-4" } },
        ],
        nonMatching: [JSON.stringify({ "gen_ai.usage.output_tokens": 12 })],
      },
    },
    {
      id: "content-filtered",
      title: "Guardrail and content-filter interventions",
      pattern: FilterPattern.any(
        FilterPattern.stringValue(`${sel("finishReasons")}[*]`, "=", "content_filter"),
        FilterPattern.stringValue(`${sel("finishReasons")}[*]`, "=", "guardrail_intervened"),
      ),
      metric: { name: "ContentFiltered", unit: "Count", value: "1" },
      alarm: countAbove(20, "warning"),
      runbook: "Many blocked answers: review the flagged prompts (masked) for abuse, or a guardrail that is too strict after a change.",
      samples: {
        matching: [
          { line: call("gpt-4o", 230, 0, 0.9, { "gen_ai.response.finish_reasons": ["content_filter"] }), value: 1 },
          { line: call("anthropic.claude-3-5-sonnet", 310, 12, 1.4, { "gen_ai.response.finish_reasons": ["guardrail_intervened"] }), value: 1 },
        ],
        nonMatching: [call("gpt-4o", 812, 164, 2.31), JSON.stringify({ "gen_ai.response.finish_reasons": "content_filter" })],
      },
    },
  ];

  const model = q("model");
  return {
    signals,
    queries: [
      {
        id: "top-errors",
        title: "Most frequent failures by error type and model",
        query: `filter ispresent(${q("errorType")}) | stats count(*) as failures by ${q("errorType")}, ${model} | sort failures desc | limit 20`,
      },
      {
        id: "latency-by-model",
        title: "Latency percentiles by model (seconds)",
        query: `filter ispresent(${q("duration")}) | stats pct(${q("duration")}, 50) as p50, pct(${q("duration")}, 90) as p90, pct(${q("duration")}, 99) as p99, count(*) as calls by ${model} | sort p90 desc`,
      },
      {
        id: "tokens-by-model",
        title: "Token usage by model",
        query: `filter ispresent(${model}) | stats sum(${q("inputTokens")}) as input_tokens, sum(${q("outputTokens")}) as output_tokens, count(*) as calls by ${model} | sort output_tokens desc`,
      },
      {
        id: "slowest-requests",
        title: "Slowest model calls",
        query: `filter ispresent(${q("duration")}) | sort ${q("duration")} desc | limit 20 | display @timestamp, ${model}, ${q("operation")}, ${q("duration")}, ${q("inputTokens")}, ${q("outputTokens")}`,
      },
    ],
    queryFields: Object.keys(OTEL_GENAI_FIELDS).map((k) => q(k as keyof LlmAppFields)),
  };
}

const defaults = llmAppContent(OTEL_GENAI_FIELDS);

export const llmAppCatalogue: WorkloadKindCatalogue = {
  kind: "llm-app",
  title: "Application logging one JSON object per model call (OpenTelemetry GenAI names)",
  logFormatSource: "OpenTelemetry semantic conventions for generative AI (gen_ai.* attributes), logged as flat JSON keys",
  carriesPrompts: true,
  signals: defaults.signals,
  queries: defaults.queries,
  queryFields: defaults.queryFields,
  fieldNames: { defaults: OTEL_GENAI_FIELDS, descriptions: FIELD_DESCRIPTIONS, build: llmAppContent },
  ratios: [
    {
      id: "error-rate",
      title: "Share of model calls that failed",
      numerator: "errors",
      denominator: "model-calls",
      scale: 100,
      alarm: countAbove(5, "critical", 300, 2),
      runbook: "More than 5% of model calls fail: check the provider status page and the top-errors query.",
    },
  ],
};
