import { FilterPattern } from "../../patterns";
import { outsideBand } from "../common";
import type { LogFormat, SignalPreset } from "../types";

/**
 * One JSON object per finished request with the attributes vLLM's OpenTelemetry tracing records on
 * its `llm_request` span (vllm/tracing.py `SpanAttributes`: `gen_ai.response.model`,
 * `gen_ai.usage.prompt_tokens`, `gen_ai.usage.completion_tokens`, `gen_ai.latency.time_to_first_token`,
 * `gen_ai.latency.e2e`, in seconds), flattened to top-level keys by the log pipeline that writes them
 * (an OpenTelemetry Collector, say). vLLM prints no per-request latency or token count to stdout in
 * any release (0.2 .. 0.33): per-request metrics exist only through this tracing.
 */
export const vllmRequestsFormat: LogFormat = { id: "vllm-requests", title: "vLLM request-span attributes, one JSON object per request", source: "vllm/tracing.py SpanAttributes" };

export const MODEL = "$.['gen_ai.response.model']";
const PROMPT_TOKENS = "$.['gen_ai.usage.prompt_tokens']";
const COMPLETION_TOKENS = "$.['gen_ai.usage.completion_tokens']";
const TTFT = "$.['gen_ai.latency.time_to_first_token']";
const E2E = "$.['gen_ai.latency.e2e']";
const FORMAT = vllmRequestsFormat.id;

// Sample lines share their shape; each differs in the numbers.
const request = (model: string, prompt: number, completion: number, ttft: number, e2e: number, id: string) =>
  JSON.stringify({
    "gen_ai.request.id": id,
    "gen_ai.response.model": model,
    "gen_ai.usage.prompt_tokens": prompt,
    "gen_ai.usage.completion_tokens": completion,
    "gen_ai.latency.time_in_queue": 0.0021,
    "gen_ai.latency.time_to_first_token": ttft,
    "gen_ai.latency.e2e": e2e,
  });
const LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
const QWEN = "Qwen/Qwen2.5-7B-Instruct";

export const vllmRequestSignals: SignalPreset[] = [
  {
    id: "request-latency",
    title: "End-to-end request latency",
    format: FORMAT,
    pattern: FilterPattern.all(FilterPattern.exists(MODEL), FilterPattern.exists(E2E)),
    metric: { name: "RequestLatency", unit: "Seconds", value: E2E, dimensions: { Model: MODEL } },
    // p90: the slow tail users feel, which an average hides.
    alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
    runbook: "Latency is above its band: check time in queue (capacity) versus completion length (longer answers) in the slowest requests query.",
    unprovenBecause: "vLLM writes these attributes only to OpenTelemetry spans; the JSON per request is whatever the collector makes of them, and no capture of it is public.",
    samples: {
      matching: [
        { line: request(LLAMA, 512, 128, 0.1155, 2.5359, "chatcmpl-1"), value: 2.5359, dimensions: { Model: LLAMA } },
        { line: request(QWEN, 96, 900, 0.044, 11.02, "cmpl-2"), value: 11.02, dimensions: { Model: QWEN } },
      ],
      nonMatching: [JSON.stringify({ "gen_ai.request.id": "chatcmpl-3", "gen_ai.usage.prompt_tokens": 12 }), "gen_ai.latency.e2e=2.5 (not JSON)"],
    },
  },
  {
    id: "time-to-first-token",
    title: "Time to first token",
    format: FORMAT,
    pattern: FilterPattern.all(FilterPattern.exists(MODEL), FilterPattern.exists(TTFT)),
    metric: { name: "TimeToFirstToken", unit: "Seconds", value: TTFT, dimensions: { Model: MODEL } },
    // p90: the slow tail users feel, which an average hides.
    alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
    runbook: "Slow first tokens mean queueing or long prefills: check Waiting requests and prompt lengths.",
    unprovenBecause: "vLLM writes these attributes only to OpenTelemetry spans; no capture of their JSON form is public.",
    samples: {
      matching: [{ line: request(LLAMA, 512, 128, 0.1155, 2.5359, "chatcmpl-1"), value: 0.1155, dimensions: { Model: LLAMA } }],
      nonMatching: [JSON.stringify({ "gen_ai.response.model": LLAMA, "gen_ai.latency.e2e": 1.2 })],
    },
  },
  {
    id: "prompt-tokens",
    title: "Prompt tokens per model",
    format: FORMAT,
    pattern: FilterPattern.all(FilterPattern.exists(MODEL), FilterPattern.exists(PROMPT_TOKENS)),
    metric: { name: "PromptTokens", unit: "Count", value: PROMPT_TOKENS, dimensions: { Model: MODEL } },
    alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
    runbook: "Prompt volume is above its band: look for a client resending long contexts or a prompt-injection flood.",
    unprovenBecause: "vLLM writes these attributes only to OpenTelemetry spans; no capture of their JSON form is public.",
    samples: {
      matching: [
        { line: request(LLAMA, 512, 128, 0.1155, 2.5359, "chatcmpl-1"), value: 512, dimensions: { Model: LLAMA } },
        { line: request(QWEN, 96, 900, 0.044, 11.02, "cmpl-2"), value: 96, dimensions: { Model: QWEN } },
      ],
      nonMatching: [JSON.stringify({ "gen_ai.response.model": LLAMA, "gen_ai.usage.completion_tokens": 40 })],
    },
  },
  {
    id: "completion-tokens",
    title: "Completion tokens per model",
    format: FORMAT,
    pattern: FilterPattern.all(FilterPattern.exists(MODEL), FilterPattern.exists(COMPLETION_TOKENS)),
    metric: { name: "CompletionTokens", unit: "Count", value: COMPLETION_TOKENS, dimensions: { Model: MODEL } },
    alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
    runbook: "Completion volume is above its band: check max_tokens of the top clients and for runaway generations.",
    unprovenBecause: "vLLM writes these attributes only to OpenTelemetry spans; no capture of their JSON form is public.",
    samples: {
      matching: [{ line: request(QWEN, 96, 900, 0.044, 11.02, "cmpl-2"), value: 900, dimensions: { Model: QWEN } }],
      nonMatching: [JSON.stringify({ "gen_ai.response.model": QWEN, "gen_ai.usage.prompt_tokens": 96 })],
    },
  },
];
