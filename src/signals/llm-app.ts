import { FilterPattern, type JsonPattern } from "../patterns";
import { countAbove, outsideBand } from "./common";
import { insightsFieldOf, isPath, selectorOf } from "./json-fields";
import { logSilenceAlarm } from "./log-silence";
import type { KindContent, LogFormat, SignalPreset, WorkloadKindCatalogue } from "./types";

/**
 * Applications that call models, seen through the OpenTelemetry GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/): `gen_ai.request.model`,
 * `gen_ai.operation.name`, `gen_ai.usage.input_tokens` / `output_tokens`,
 * `gen_ai.response.finish_reasons`, `error.type`. Three log formats:
 *
 * - `otel-spans`: one span per event as CloudWatch Transaction Search stores it in `aws/spans`
 *   (and as the OTLP/X-Ray path delivers it): attributes are dotted keys under `attributes`
 *   (`$.attributes.['gen_ai.usage.input_tokens']`), latency is the record's `durationNano`, failure is
 *   `status.code` ERROR (success is UNSET, not OK) or an `error.type` attribute (a class name such as
 *   ThrottlingException). Only model-call spans count: a span with a request model that is not of kind
 *   INTERNAL and not an agent operation. Frameworks wrap each client call in an INTERNAL span carrying
 *   the same model and tokens (Strands' `chat`, LangChain callback spans), and agent spans
 *   (`invoke_agent`, `create_agent`) carry the tokens of the whole loop: counting them would count a
 *   call two or three times. The CLIENT span of the SDK call (botocore, openai, ...) is the one kept.
 * - `otel-spans-legacy`: the same records from instrumentations that still write the deprecated token
 *   names `gen_ai.usage.prompt_tokens` / `completion_tokens` (OpenLLMetry up to 0.47, LangChain-based
 *   instrumentations); its filters read only spans without the current names, so spans that carry
 *   both (Strands) are not counted twice.
 * - `flat-json`: an application's own log line with the attribute names as flat top-level keys
 *   (`$.['gen_ai.request.model']`), the duration in seconds under the name of the
 *   `gen_ai.client.operation.duration` instrument. No SDK writes this record; it is this product's
 *   contract for applications that log their calls themselves.
 *
 * Config renames fields (`workloads[].fields`): a plain name is the attribute key as logged (under
 * `attributes` in spans, at the top level in flat JSON); a value starting with `$.` is a path used as is.
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
  operation: "operation name (chat, text_completion, embeddings, ...; spans of agent operations are not counted)",
  inputTokens: "input (prompt) token count",
  outputTokens: "output (completion) token count",
  duration: "call duration in seconds (flat-json only: a span's latency is its durationNano)",
  finishReasons: "array of finish reasons; content_filter / guardrail_intervened count as interventions",
  errorType: "error class, present only on failed calls",
};

export const LLM_APP_FORMATS: readonly LogFormat[] = [
  { id: "otel-spans", title: "OpenTelemetry GenAI spans as stored in aws/spans (CloudWatch Transaction Search)", source: "OpenTelemetry GenAI semantic conventions; docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Transaction-Search.html" },
  { id: "otel-spans-legacy", title: "The same spans with the deprecated token names gen_ai.usage.prompt_tokens / completion_tokens", source: "OpenTelemetry GenAI semantic conventions (deprecated attributes); traceloop/openllmetry up to v0.47" },
  { id: "flat-json", title: "One JSON object per model call with the attribute names as flat keys", source: "this product's contract; OpenTelemetry GenAI semantic conventions for the names" },
];
const SPAN_FORMATS = ["otel-spans", "otel-spans-legacy"];

/** Members of a span record in aws/spans; a `$.` path in a span format must start at one of them. */
const SPAN_MEMBERS = ["resource", "scope", "traceId", "spanId", "parentSpanId", "flags", "name", "kind", "startTimeUnixNano", "endTimeUnixNano", "durationNano", "attributes", "status", "events", "links"];
/** Token names older instrumentations write (semantic conventions before 1.27). */
const LEGACY_TOKENS = { inputTokens: "gen_ai.usage.prompt_tokens", outputTokens: "gen_ai.usage.completion_tokens" } as const;
/** Operations whose spans aggregate or wrap model calls counted elsewhere. */
const AGENT_OPERATIONS = ["invoke_agent", "create_agent"];

/** A sample call log in the flat-json format; tests also re-key it for renamed fields. */
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

/**
 * A model-call span as aws/spans stores it (layout of the pasted records in
 * __tests__/signals/real-lines/otel-genai-spans.yaml); `attributes` replace or extend a botocore chat span's.
 */
function span(model: string, attributes: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    resource: { attributes: { "service.name": "support-bot", "telemetry.sdk.language": "python" } },
    scope: { name: "opentelemetry.instrumentation.botocore.bedrock-runtime", version: "0.54b1" },
    traceId: "6920a5686c02f6ae3f01929927800001",
    spanId: "bd0c70fbbec60001",
    name: `chat ${model}`,
    kind: "CLIENT",
    durationNano: 2_310_000_000,
    attributes: { "gen_ai.system": "aws.bedrock", "gen_ai.operation.name": "chat", "gen_ai.request.model": model, ...attributes },
    status: { code: "UNSET" },
    ...extra,
  });
}
const CLAUDE = "anthropic.claude-3-5-sonnet-20240620-v1:0";
const TOKENS = { "gen_ai.usage.input_tokens": 35, "gen_ai.usage.output_tokens": 446 };
const LEGACY = { "gen_ai.usage.prompt_tokens": 812, "gen_ai.usage.completion_tokens": 164 };
/** Strands' INTERNAL wrapper of the same call, and its agent span with the loop's tokens: never counted. */
const WRAPPER = span(CLAUDE, { ...TOKENS, ...LEGACY }, { kind: "INTERNAL", name: "chat", scope: { name: "strands.telemetry.tracer" } });
const AGENT = span(CLAUDE, { "gen_ai.operation.name": "invoke_agent", ...TOKENS }, { name: "invoke_agent MyAgent" });

/** The kind's signals and queries for given field names: one definition, any naming. */
export function llmAppContent(fields: Readonly<Record<string, string>>): KindContent {
  const f = { ...OTEL_GENAI_FIELDS, ...fields } as LlmAppFields;
  const sel = (k: keyof LlmAppFields) => selectorOf(f[k]);
  const spanSel = (k: keyof LlmAppFields) => selectorOf(f[k], "$.attributes");
  const perModel = (value: keyof LlmAppFields) => FilterPattern.all(FilterPattern.exists(sel("model")), FilterPattern.exists(sel(value)));

  // A span of one model call: a request model, not a framework's INTERNAL wrapper, not an agent operation.
  const operation = spanSel("operation");
  const modelCallSpan = (...more: JsonPattern[]) =>
    FilterPattern.all(
      FilterPattern.exists(spanSel("model")),
      FilterPattern.any(FilterPattern.notExists("$.kind"), FilterPattern.stringValue("$.kind", "!=", "*INTERNAL")),
      FilterPattern.any(FilterPattern.notExists(operation), FilterPattern.all(...AGENT_OPERATIONS.map((op) => FilterPattern.stringValue(operation, "!=", op)))),
      ...more,
    );
  const spanModel = { Model: spanSel("model") };
  const interventions = (finishReasons: string) =>
    FilterPattern.any(
      FilterPattern.stringValue(`${finishReasons}[*]`, "=", "content_filter"),
      FilterPattern.stringValue(`${finishReasons}[*]`, "=", "guardrail_intervened"),
    );
  /** Token filters of both span formats: the current name, or the deprecated one where the current is missing. */
  const tokenVariants = (k: "inputTokens" | "outputTokens", current: number, legacy: number) => [
    {
      format: "otel-spans",
      pattern: modelCallSpan(FilterPattern.exists(spanSel(k))),
      value: spanSel(k),
      dimensions: spanModel,
      samples: { matching: [{ line: span(CLAUDE, TOKENS), value: current, dimensions: { Model: CLAUDE } }], nonMatching: [WRAPPER, AGENT, span("gpt-4o", LEGACY)] },
    },
    {
      format: "otel-spans-legacy",
      pattern: modelCallSpan(FilterPattern.exists(selectorOf(LEGACY_TOKENS[k], "$.attributes")), FilterPattern.notExists(spanSel(k))),
      value: selectorOf(LEGACY_TOKENS[k], "$.attributes"),
      dimensions: spanModel,
      samples: { matching: [{ line: span("gpt-4o", LEGACY), value: legacy, dimensions: { Model: "gpt-4o" } }], nonMatching: [span(CLAUDE, { ...TOKENS, ...LEGACY }), WRAPPER, AGENT] },
    },
  ];

  const signals: SignalPreset[] = [
    {
      id: "model-calls",
      title: "Model calls",
      format: "flat-json",
      pattern: FilterPattern.exists(sel("model")),
      metric: { name: "ModelCalls", unit: "Count", value: "1" },
      alarm: outsideBand("Sum", "LessThanLowerOrGreaterThanUpperThreshold", "warning"),
      runbook: "Call volume left its band: a traffic spike (retry storm, abuse) or a drop (upstream outage, broken release).",
      samples: {
        matching: [
          { line: call("gpt-4o", 812, 164, 2.31), value: 1 },
          { line: call("claude-sonnet-4", 90, 0, 30.01, { "error.type": "timeout" }), value: 1 },
        ],
        nonMatching: [JSON.stringify({ level: "INFO", event: "http.request", path: "/healthz" }), "INFO model call done (plain text)", span(CLAUDE, TOKENS)],
      },
      variants: [
        {
          format: "otel-spans",
          pattern: modelCallSpan(),
          samples: {
            matching: [
              { line: span(CLAUDE, TOKENS), value: 1 },
              { line: span(CLAUDE, {}, { kind: undefined, status: { code: "ERROR" } }), value: 1 },
            ],
            nonMatching: [WRAPPER, AGENT, span(CLAUDE, {}, { attributes: { "gen_ai.tool.name": "http_request" } }), call("gpt-4o", 812, 164, 2.31)],
          },
        },
      ],
    },
    {
      id: "errors",
      title: "Failed model calls",
      format: "flat-json",
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
      variants: [
        {
          format: "otel-spans",
          // The instrumentations set both on failure; a span with only one of them still counts once.
          pattern: modelCallSpan(FilterPattern.any(FilterPattern.exists(spanSel("errorType")), FilterPattern.stringValue("$.status.code", "=", "ERROR"))),
          samples: {
            matching: [
              { line: span(CLAUDE, { "error.type": "ThrottlingException" }, { status: { code: "ERROR", message: "Too many requests" } }), value: 1 },
              { line: span(CLAUDE, {}, { status: { code: "ERROR" } }), value: 1 },
            ],
            nonMatching: [span(CLAUDE, TOKENS), span(CLAUDE, { "error.type": "ThrottlingException" }, { kind: "INTERNAL" })],
          },
        },
      ],
    },
    {
      id: "latency",
      title: "Model call latency",
      format: "flat-json",
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
        nonMatching: [JSON.stringify({ "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 3 }), span(CLAUDE, TOKENS)],
      },
    },
    {
      id: "span-latency",
      title: "Model call latency from span durations (nanoseconds)",
      format: "otel-spans",
      pattern: modelCallSpan(FilterPattern.exists("$.durationNano")),
      // CloudWatch has no nanosecond unit; the band alarm and percentiles do not care about the scale.
      metric: { name: "ModelCallLatencyNanos", unit: "None", value: "$.durationNano", dimensions: spanModel },
      // p90: the slow tail users feel, which an average hides.
      alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
      runbook: "Span latency is above its band (values in ns): compare models in the latency query; one slow model points at the provider, all at the network.",
      samples: {
        matching: [{ line: span(CLAUDE, TOKENS), value: 2_310_000_000, dimensions: { Model: CLAUDE } }],
        nonMatching: [WRAPPER, AGENT, call("gpt-4o", 812, 164, 2.31)],
      },
    },
    {
      id: "input-tokens",
      title: "Input tokens per model",
      format: "flat-json",
      pattern: perModel("inputTokens"),
      metric: { name: "InputTokens", unit: "Count", value: sel("inputTokens"), dimensions: { Model: sel("model") } },
      alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Input tokens are above their band: look for a feature sending whole documents or a loop resending history.",
      samples: {
        matching: [{ line: call("gpt-4o", 812, 164, 2.31), value: 812, dimensions: { Model: "gpt-4o" } }],
        nonMatching: [JSON.stringify({ "gen_ai.request.model": "gpt-4o", "gen_ai.usage.output_tokens": 3 }), span(CLAUDE, TOKENS)],
      },
      variants: tokenVariants("inputTokens", 35, 812),
    },
    {
      id: "output-tokens",
      title: "Output tokens per model",
      format: "flat-json",
      pattern: perModel("outputTokens"),
      metric: { name: "OutputTokens", unit: "Count", value: sel("outputTokens"), dimensions: { Model: sel("model") } },
      alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Output tokens are above their band: check max_tokens settings and for runaway agent loops.",
      samples: {
        matching: [
          { line: call("gpt-4o", 812, 164, 2.31), value: 164, dimensions: { Model: "gpt-4o" } },
          { line: call("claude-sonnet-4", 1500, 420, 7.8), value: 420, dimensions: { Model: "claude-sonnet-4" } },
        ],
        nonMatching: [JSON.stringify({ "gen_ai.usage.output_tokens": 12 }), span(CLAUDE, TOKENS)],
      },
      variants: tokenVariants("outputTokens", 446, 164),
    },
    {
      id: "content-filtered",
      title: "Guardrail and content-filter interventions",
      format: "flat-json",
      pattern: interventions(sel("finishReasons")),
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
      variants: [
        {
          format: "otel-spans",
          pattern: modelCallSpan(interventions(spanSel("finishReasons"))),
          samples: {
            matching: [{ line: span(CLAUDE, { ...TOKENS, "gen_ai.response.finish_reasons": ["guardrail_intervened"] }), value: 1 }],
            nonMatching: [span(CLAUDE, { ...TOKENS, "gen_ai.response.finish_reasons": ["end_turn"] }), span(CLAUDE, { "gen_ai.response.finish_reasons": ["content_filter"] }, { kind: "INTERNAL" })],
          },
        },
      ],
    },
  ];

  return { signals, ...llmAppQueries(f) };
}

/**
 * Saved queries that read both shapes: each field is the span attribute or else the flat key
 * (`coalesce`), and spans that would count a call twice (INTERNAL wrappers, agent operations) are left out.
 */
function llmAppQueries(f: LlmAppFields): Pick<KindContent, "queries" | "queryFields"> {
  const spanQ = (k: keyof LlmAppFields) => insightsFieldOf(f[k], "attributes");
  const flatQ = (k: keyof LlmAppFields) => insightsFieldOf(f[k]);
  const either = (k: keyof LlmAppFields, ...more: string[]) => `coalesce(${[...new Set([spanQ(k), ...more, flatQ(k)])].join(", ")})`;
  const legacyQ = (k: keyof typeof LEGACY_TOKENS) => insightsFieldOf(LEGACY_TOKENS[k], "attributes");
  const calls =
    `fields ${either("model")} as call_model, ${either("errorType")} as call_error, ${either("operation")} as call_operation, ` +
    `coalesce(durationNano / 1000000000, ${flatQ("duration")}) as call_seconds, ` +
    `${either("inputTokens", legacyQ("inputTokens"))} as call_input_tokens, ${either("outputTokens", legacyQ("outputTokens"))} as call_output_tokens` +
    ` | filter ispresent(call_model) and coalesce(kind, 'CLIENT') != 'INTERNAL' and ${AGENT_OPERATIONS.map((op) => `coalesce(call_operation, '') != '${op}'`).join(" and ")}`;
  return {
    queries: [
      {
        id: "top-errors",
        title: "Most frequent failures by error type and model",
        query: `${calls} and (ispresent(call_error) or status.code = 'ERROR') | stats count(*) as failures by call_error, call_model | sort failures desc | limit 20`,
      },
      {
        id: "latency-by-model",
        title: "Latency percentiles by model (seconds)",
        query: `${calls} and ispresent(call_seconds) | stats pct(call_seconds, 50) as p50, pct(call_seconds, 90) as p90, pct(call_seconds, 99) as p99, count(*) as calls by call_model | sort p90 desc`,
      },
      {
        id: "tokens-by-model",
        title: "Token usage by model",
        query: `${calls} | stats sum(call_input_tokens) as input_tokens, sum(call_output_tokens) as output_tokens, count(*) as calls by call_model | sort output_tokens desc`,
      },
      {
        id: "slowest-requests",
        title: "Slowest model calls",
        query: `${calls} and ispresent(call_seconds) | sort call_seconds desc | limit 20 | display @timestamp, call_model, call_operation, call_seconds, call_input_tokens, call_output_tokens`,
      },
    ],
    queryFields: [
      ...Object.keys(OTEL_GENAI_FIELDS).flatMap((k) => [flatQ(k as keyof LlmAppFields), spanQ(k as keyof LlmAppFields)]),
      legacyQ("inputTokens"),
      legacyQ("outputTokens"),
      "durationNano",
      "kind",
      "status.code",
    ],
  };
}

/**
 * Fields a workload's formats cannot read. In a span format a `$.` path must start at a member of
 * the span record; with a span format and flat-json both on, a field that addresses span members
 * would be read from every span by both formats' filters, counting each call twice.
 */
function checkFields(fields: Readonly<Record<string, string>>, formats: readonly string[]): Record<string, string> {
  const spans = formats.filter((fmt) => SPAN_FORMATS.includes(fmt));
  const flat = formats.includes("flat-json");
  const problems: Record<string, string> = {};
  const member = (value: string) => (isPath(value) ? value.replace(/^\$\.?/, "").split(/[.[]/)[0] : value);
  for (const [name, value] of Object.entries(fields)) {
    const first = member(value);
    if (name === "duration" && !flat) {
      problems[name] = `'duration' is read only in format flat-json; spans (${spans.join(", ")}) carry their latency in durationNano: remove it or add flat-json to logFormats`;
    } else if (spans.length > 0 && isPath(value) && !SPAN_MEMBERS.includes(first)) {
      problems[name] =
        `'${value}' cannot address an OpenTelemetry span record (format ${spans.join(", ")}), whose members are ${SPAN_MEMBERS.join(", ")}: ` +
        `give the attribute key as logged (e.g. ${OTEL_GENAI_FIELDS[name as keyof LlmAppFields] ?? "gen_ai.request.model"}, read under attributes), a path under $.attributes., or set logFormats: [flat-json]`;
    } else if (spans.length > 0 && flat && SPAN_MEMBERS.includes(first)) {
      problems[name] =
        `'${value}' addresses the span member '${first}', which the flat-json filters would read from every span too (counting each call twice): ` +
        `keep only span formats (logFormats: [${spans.join(", ")}]) or only flat-json, or name a field that is not a span member`;
    }
  }
  return problems;
}

const defaults = llmAppContent(OTEL_GENAI_FIELDS);

export const llmAppCatalogue: WorkloadKindCatalogue = {
  kind: "llm-app",
  title: "Application calling models, seen through OpenTelemetry GenAI spans (aws/spans) or its own JSON call logs",
  logFormatSource: "OpenTelemetry semantic conventions for generative AI (gen_ai.* attributes): spans as stored in aws/spans, or flat JSON keys",
  formats: LLM_APP_FORMATS,
  carriesPrompts: true,
  signals: defaults.signals,
  queries: defaults.queries,
  queryFields: defaults.queryFields,
  fieldNames: { defaults: OTEL_GENAI_FIELDS, descriptions: FIELD_DESCRIPTIONS, build: llmAppContent, check: checkFields },
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
  // One span or call record per model call: silence is no traffic, or tracing that stopped exporting.
  serviceAlarms: [
    logSilenceAlarm({
      title: "No model call was logged for an hour",
      minutes: 60,
      runbook: "Nothing reached the log group for an hour: the application is down or idle, or its OpenTelemetry exporter (ADOT collector, X-Ray Transaction Search) stopped; compare with the application's request metrics. Apps idle at night can set a longer period or turn it off.",
    }),
  ],
};
