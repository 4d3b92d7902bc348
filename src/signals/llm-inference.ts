import { FilterPattern } from "../patterns";
import { anyOccurrence, countAbove, cudaOutOfMemory, outsideBand } from "./common";
import type { WorkloadKindCatalogue } from "./types";

/**
 * OpenAI-compatible inference servers (vLLM, Hugging Face TGI). Three log formats, each with its
 * source; config keeps only the ones a workload writes (`logFormats`):
 *
 * - `vllm`: the vLLM server's stdout. Access lines come from uvicorn
 *   (`INFO:     <client> - "<method> <path> HTTP/1.1" <status> <reason>`); vLLM's own lines are
 *   `<LEVEL> <MM-DD> <HH:MM:SS> [<file>:<line>] <message>` (vllm/logger.py), prefixed by
 *   `(APIServer pid=<n>)` in V1 multiprocess mode; the engine stats line every 10 s comes from
 *   vllm/v1/metrics/loggers.py (`Engine 000: Avg prompt throughput: ... tokens/s, Avg generation
 *   throughput: ... tokens/s, Running: ... reqs, ...`).
 * - `tgi`: text-generation-inference router with `--json-output`: tracing-subscriber JSON, one object
 *   per event (`timestamp`, `level`, `message`, `target`, `filename`, `line_number`, `span`). The
 *   `Success` event records its timings in `span` as Rust `Duration` debug strings ("1.18s",
 *   "59.0ms"; router/src/server.rs `span.record("total_time", format!("{total_time:?}"))`), which are
 *   not numbers: they can be matched (slow requests) but not published as values.
 * - `vllm-requests`: one JSON object per finished request carrying the attributes vLLM's
 *   OpenTelemetry tracing records on its `llm_request` span (vllm/tracing.py `SpanAttributes`:
 *   `gen_ai.response.model`, `gen_ai.usage.prompt_tokens`, `gen_ai.usage.completion_tokens`,
 *   `gen_ai.latency.time_to_first_token`, `gen_ai.latency.e2e`, in seconds), flattened to top-level
 *   keys by the log pipeline that writes them (e.g. an OpenTelemetry Collector).
 */

const MODEL = "$.['gen_ai.response.model']";
const PROMPT_TOKENS = "$.['gen_ai.usage.prompt_tokens']";
const COMPLETION_TOKENS = "$.['gen_ai.usage.completion_tokens']";
const TTFT = "$.['gen_ai.latency.time_to_first_token']";
const E2E = "$.['gen_ai.latency.e2e']";

// Sample lines in the `vllm-requests` format share their shape; each differs in the numbers.
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
const TGI_SUCCESS = (total: string, perToken: string) =>
  JSON.stringify({
    timestamp: "2026-11-24T06:31:07.425542Z",
    level: "INFO",
    message: "Success",
    target: "text_generation_router::server",
    filename: "router/src/server.rs",
    line_number: 402,
    span: {
      inference_time: total,
      queue_time: "55.33µs",
      seed: "None",
      time_per_token: perToken,
      total_time: total,
      validation_time: "869.4µs",
      name: "generate",
    },
  });

export const llmInferenceCatalogue: WorkloadKindCatalogue = {
  kind: "llm-inference",
  title: "OpenAI-compatible inference server (vLLM, Hugging Face TGI)",
  logFormatSource: "vLLM server stdout (uvicorn access log, vllm/logger.py, vllm/v1/metrics/loggers.py); TGI router --json-output (router/src/server.rs); vLLM request-span attributes (vllm/tracing.py)",
  formats: [
    { id: "vllm", title: "vLLM server stdout", source: "vllm/logger.py, vllm/v1/metrics/loggers.py, uvicorn access log" },
    { id: "tgi", title: "Hugging Face TGI router, --json-output", source: "text-generation-inference router/src/server.rs" },
    { id: "vllm-requests", title: "vLLM request-span attributes, one JSON object per request", source: "vllm/tracing.py SpanAttributes" },
  ],
  carriesPrompts: true,
  signals: [
    {
      id: "requests",
      title: "API requests served",
      format: "vllm",
      // Access lines of POSTs to the OpenAI API (/v1/chat/completions, /v1/completions, ...).
      pattern: FilterPattern.allTerms('"POST /v1/', 'HTTP/1.1" '),
      // Every other line publishes 0, so a server that logs but serves nothing still has datapoints.
      metric: { name: "Requests", unit: "Count", value: "1", defaultValue: 0 },
      alarm: outsideBand("Sum", "LessThanLowerThreshold", "warning"),
      runbook: "Traffic fell below its usual band: check the load balancer, the clients and whether the server is up.",
      samples: {
        matching: [
          { line: '(APIServer pid=1) INFO:     10.0.3.17:51286 - "POST /v1/chat/completions HTTP/1.1" 200 OK', value: 1 },
          { line: 'INFO:     172.18.0.3:40112 - "POST /v1/completions HTTP/1.1" 500 Internal Server Error', value: 1 },
        ],
        nonMatching: [
          '(APIServer pid=1) INFO:     10.0.3.17:51290 - "GET /health HTTP/1.1" 200 OK',
          "(APIServer pid=1) INFO 11-24 06:31:07 [logger.py:43] Received request chatcmpl-5f1c: prompt: '...', params: SamplingParams(n=1)",
        ],
      },
    },
    {
      id: "server-errors",
      title: "5xx responses to API requests",
      format: "vllm",
      pattern: FilterPattern.regex("POST /v1/\\S+ HTTP/1\\.1\\x22 5[0-9][0-9] "),
      metric: { name: "ServerErrors", unit: "Count", value: "1" },
      alarm: countAbove(10, "critical"),
      runbook: "Find the first traceback before the 5xx burst in the server log; an engine crash or OOM usually precedes it.",
      samples: {
        matching: [
          { line: '(APIServer pid=1) INFO:     10.0.3.17:51286 - "POST /v1/chat/completions HTTP/1.1" 500 Internal Server Error', value: 1 },
          { line: 'INFO:     172.18.0.3:40112 - "POST /v1/completions HTTP/1.1" 503 Service Unavailable', value: 1 },
        ],
        nonMatching: [
          '(APIServer pid=1) INFO:     10.0.3.17:51286 - "POST /v1/chat/completions HTTP/1.1" 200 OK',
          '(APIServer pid=1) INFO:     10.0.3.17:51286 - "POST /v1/chat/completions HTTP/1.1" 400 Bad Request',
          '(APIServer pid=1) INFO:     10.0.3.17:51290 - "GET /metrics HTTP/1.1" 500 Internal Server Error',
        ],
      },
    },
    {
      id: "tgi-errors",
      title: "ERROR events of the TGI router",
      format: "tgi",
      pattern: FilterPattern.stringValue("$.level", "=", "ERROR"),
      metric: { name: "RouterErrors", unit: "Count", value: "1" },
      alarm: countAbove(10, "critical"),
      runbook: "Group the ERROR events by message in Logs Insights; shard failures and validation errors look alike at first.",
      samples: {
        matching: [
          {
            line: JSON.stringify({ timestamp: "2026-11-24T06:31:07.1Z", level: "ERROR", message: "Request failed during generation: Server error: CUDA out of memory", target: "text_generation_router::infer", filename: "router/src/infer/mod.rs", line_number: 133 }),
            value: 1,
          },
        ],
        nonMatching: [TGI_SUCCESS("1.181143286s", "59.010773ms"), "ERROR: not JSON, so no JSON pattern matches it"],
      },
    },
    {
      id: "throttled",
      title: "Requests refused for load (429)",
      // Both servers: a 429 access line (vLLM behind a limiter) or TGI's queue-full error.
      pattern: FilterPattern.anyTerm('HTTP/1.1" 429', "Model is overloaded"),
      metric: { name: "ThrottledRequests", unit: "Count", value: "1" },
      alarm: countAbove(20, "warning"),
      runbook: "The server is at its concurrency limit: scale out replicas or raise max concurrent requests if GPU memory allows.",
      samples: {
        matching: [
          { line: '(APIServer pid=1) INFO:     10.0.3.17:51286 - "POST /v1/chat/completions HTTP/1.1" 429 Too Many Requests', value: 1 },
          { line: JSON.stringify({ timestamp: "2026-11-24T06:31:07.2Z", level: "ERROR", message: "Model is overloaded", target: "text_generation_router::infer", filename: "router/src/infer/mod.rs", line_number: 96 }), value: 1 },
        ],
        nonMatching: ['(APIServer pid=1) INFO:     10.0.3.17:51286 - "POST /v1/chat/completions HTTP/1.1" 200 OK'],
      },
    },
    cudaOutOfMemory({
      matching: [
        { line: "(EngineCore_DP0 pid=284) ERROR 11-24 06:31:07 [core.py:712] torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.19 GiB of which 1.06 GiB is free.", value: 1 },
        { line: "RuntimeError: CUDA error: out of memory", value: 1 },
      ],
      nonMatching: ["(EngineCore_DP0 pid=284) INFO 11-24 06:30:01 [gpu_worker.py:276] Available KV cache memory: 12.34 GiB"],
    }),
    {
      id: "engine-dead",
      title: "Engine or shard crashed",
      pattern: FilterPattern.anyTerm("EngineDeadError", "Background loop has errored", "Error: ShardCannotStart"),
      metric: { name: "EngineCrashes", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "The HTTP server may still answer health checks while the engine is dead: restart the pod and read the first traceback.",
      samples: {
        matching: [
          { line: "(APIServer pid=1) ERROR 11-24 06:31:09 [async_llm.py:420] vllm.v1.engine.exceptions.EngineDeadError: EngineCore encountered an issue. See stack trace (above) for the root cause.", value: 1 },
          { line: "ERROR 11-24 06:31:09 [async_llm_engine.py:65] vllm.engine.async_llm_engine.AsyncEngineDeadError: Background loop has errored already.", value: 1 },
          { line: "Error: ShardCannotStart", value: 1 },
        ],
        nonMatching: ["(APIServer pid=1) INFO 11-24 06:30:01 [api_server.py:1880] Starting vLLM API server 0 on http://0.0.0.0:8000"],
      },
    },
    {
      id: "output-tokens-per-second",
      title: "Generation throughput (output tokens per second)",
      format: "vllm",
      pattern: FilterPattern.spaceDelimited(
        "proc", "pid", "level", "date", "time", "source", "engine", "engine_id",
        "w_avg", "w_prompt", "w_throughput", "prompt_tps", "w_unit", "w_avg2", "w_generation", "w_throughput2", "generation_tps", "rest",
      )
        .whereString("proc", "=", "(APIServer")
        .whereString("engine", "=", "Engine")
        .whereString("w_generation", "=", "generation"),
      metric: { name: "OutputTokensPerSecond", unit: "Count/Second", value: "$generation_tps" },
      alarm: outsideBand("Average", "LessThanLowerThreshold", "warning"),
      runbook: "Throughput dropped below its band: look at Running/Waiting requests and KV cache usage in the same stats line.",
      samples: {
        matching: [
          { line: "(APIServer pid=1) INFO 11-24 06:31:07 [loggers.py:271] Engine 000: Avg prompt throughput: 908.0 tokens/s, Avg generation throughput: 26.9 tokens/s, Running: 1 reqs, Waiting: 0 reqs, GPU KV cache usage: 0.4%, Prefix cache hit rate: 31.9%", value: 26.9 },
          { line: "(APIServer pid=456) INFO 11-24 06:31:17 [loggers.py:282] Engine 000: Avg prompt throughput: 819.1 tokens/s, Avg generation throughput: 161.4 tokens/s, Running: 7 reqs, Waiting: 3 reqs, GPU KV cache usage: 19.9%, Prefix cache hit rate: 8.8%", value: 161.4 },
        ],
        nonMatching: [
          "(APIServer pid=1) INFO 11-24 06:31:07 [metrics.py:101] SpecDecoding metrics: Mean acceptance length: 3.07, Accepted throughput: 1.05 tokens/s, Drafted throughput: 1.51 tokens/s",
          "(EngineCore_DP0 pid=284) INFO 11-24 06:30:01 [gpu_worker.py:276] Available KV cache memory: 12.34 GiB",
        ],
      },
    },
    {
      id: "slow-requests",
      title: "Requests slower than 10 s (TGI)",
      format: "tgi",
      // Durations are debug strings: two or more digits before the dot and a bare "s" unit = >= 10 s.
      pattern: FilterPattern.all(
        FilterPattern.stringValue("$.message", "=", "Success"),
        FilterPattern.regexValue("$.span.total_time", "=", "^[0-9]{2,}\\.?[0-9]*s$"),
      ),
      metric: { name: "SlowRequests", unit: "Count", value: "1" },
      alarm: countAbove(5, "warning"),
      runbook: "Compare queue_time with inference_time in the slow Success events: queueing means too few replicas, inference means long outputs.",
      samples: {
        matching: [{ line: TGI_SUCCESS("12.402117s", "61.2ms"), value: 1 }],
        nonMatching: [TGI_SUCCESS("1.181143286s", "59.010773ms"), TGI_SUCCESS("812.4ms", "40.6ms")],
      },
    },
    {
      id: "request-latency",
      title: "End-to-end request latency",
      format: "vllm-requests",
      pattern: FilterPattern.all(FilterPattern.exists(MODEL), FilterPattern.exists(E2E)),
      metric: { name: "RequestLatency", unit: "Seconds", value: E2E, dimensions: { Model: MODEL } },
      // p90: the slow tail users feel, which an average hides.
      alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
      runbook: "Latency is above its band: check time in queue (capacity) versus completion length (longer answers) in the slowest requests query.",
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
      format: "vllm-requests",
      pattern: FilterPattern.all(FilterPattern.exists(MODEL), FilterPattern.exists(TTFT)),
      metric: { name: "TimeToFirstToken", unit: "Seconds", value: TTFT, dimensions: { Model: MODEL } },
      // p90: the slow tail users feel, which an average hides.
      alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
      runbook: "Slow first tokens mean queueing or long prefills: check Waiting requests and prompt lengths.",
      samples: {
        matching: [{ line: request(LLAMA, 512, 128, 0.1155, 2.5359, "chatcmpl-1"), value: 0.1155, dimensions: { Model: LLAMA } }],
        nonMatching: [JSON.stringify({ "gen_ai.response.model": LLAMA, "gen_ai.latency.e2e": 1.2 })],
      },
    },
    {
      id: "prompt-tokens",
      title: "Prompt tokens per model",
      format: "vllm-requests",
      pattern: FilterPattern.all(FilterPattern.exists(MODEL), FilterPattern.exists(PROMPT_TOKENS)),
      metric: { name: "PromptTokens", unit: "Count", value: PROMPT_TOKENS, dimensions: { Model: MODEL } },
      alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Prompt volume is above its band: look for a client resending long contexts or a prompt-injection flood.",
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
      format: "vllm-requests",
      pattern: FilterPattern.all(FilterPattern.exists(MODEL), FilterPattern.exists(COMPLETION_TOKENS)),
      metric: { name: "CompletionTokens", unit: "Count", value: COMPLETION_TOKENS, dimensions: { Model: MODEL } },
      alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Completion volume is above its band: check max_tokens of the top clients and for runaway generations.",
      samples: {
        matching: [{ line: request(QWEN, 96, 900, 0.044, 11.02, "cmpl-2"), value: 900, dimensions: { Model: QWEN } }],
        nonMatching: [JSON.stringify({ "gen_ai.response.model": QWEN, "gen_ai.usage.prompt_tokens": 96 })],
      },
    },
  ],
  ratios: [
    {
      id: "error-rate",
      title: "Share of API requests answered with 5xx",
      numerator: "server-errors",
      denominator: "requests",
      scale: 100,
      alarm: countAbove(5, "critical", 300, 2),
      runbook: "More than 5% of requests fail: check engine health (engine-dead, cuda-oom) before scaling.",
    },
  ],
  queries: [
    {
      id: "top-errors",
      title: "Most frequent errors",
      query: "filter @message like /ERROR|Error|HTTP\\/1.1\" 5\\d\\d/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    },
    {
      id: "latency-by-model",
      title: "Latency percentiles by model (seconds)",
      query:
        "filter ispresent(gen_ai.latency.e2e) | stats pct(gen_ai.latency.e2e, 50) as p50, pct(gen_ai.latency.e2e, 90) as p90, pct(gen_ai.latency.e2e, 99) as p99, pct(gen_ai.latency.time_to_first_token, 90) as ttft_p90 by gen_ai.response.model | sort p90 desc",
    },
    {
      id: "tokens-by-model",
      title: "Token usage by model",
      query:
        "filter ispresent(gen_ai.usage.prompt_tokens) | stats sum(gen_ai.usage.prompt_tokens) as prompt_tokens, sum(gen_ai.usage.completion_tokens) as completion_tokens, count(*) as requests by gen_ai.response.model | sort completion_tokens desc",
    },
    {
      id: "slowest-requests",
      title: "Slowest requests",
      query:
        "filter ispresent(gen_ai.latency.e2e) | sort gen_ai.latency.e2e desc | limit 20 | display @timestamp, gen_ai.request.id, gen_ai.response.model, gen_ai.latency.e2e, gen_ai.latency.time_to_first_token, gen_ai.usage.completion_tokens",
    },
  ],
  queryFields: [
    "gen_ai.request.id",
    "gen_ai.response.model",
    "gen_ai.usage.prompt_tokens",
    "gen_ai.usage.completion_tokens",
    "gen_ai.latency.time_in_queue",
    "gen_ai.latency.time_to_first_token",
    "gen_ai.latency.e2e",
    "level",
    "message",
    "target",
    "span.total_time",
  ],
};
