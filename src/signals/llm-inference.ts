import { FilterPattern, type IFilterPattern } from "../patterns";
import { anyOccurrence, countAbove, cudaOutOfMemory, GPU_OOM_TERMS, outsideBand } from "./common";
import { gpuErrors } from "./serving/gpu-errors";
import { llamaCpp } from "./serving/llama-cpp";
import { ollama } from "./serving/ollama";
import { rayServe } from "./serving/ray-serve";
import { sglang } from "./serving/sglang";
import type { ServingStack, StackSignal } from "./serving/stack";
import { tgi } from "./serving/tgi";
import { triton } from "./serving/triton";
import { uvicornRequests, uvicornServerErrors, uvicornThrottled } from "./serving/uvicorn";
import { vllm } from "./serving/vllm";
import { vllmRequestSignals, vllmRequestsFormat } from "./serving/vllm-requests";
import { logSilenceAlarm } from "./log-silence";
import type { FilterSamples, SignalPreset, WorkloadKindCatalogue } from "./types";

/**
 * LLM inference servers. Every serving stack is a log format of this one kind, because they all
 * answer the same questions (requests, failures, overload, GPU memory, crashes, throughput, latency)
 * and differ only in how they print them: each stack is a data module under ./serving, and each
 * signal here is the union of the stacks' filters for it, one metric and one alarm whatever the stack.
 * Semantics that hold for every stack: an overload answer (503, TGI's 429) is throttling, not a server
 * error; a client's mistake (4xx, validation) counts as a request and nowhere else.
 */
export const SERVING_STACKS: readonly ServingStack[] = [vllm, tgi, sglang, triton, ollama, llamaCpp, rayServe];

/**
 * The filters of one signal: `shared` (a line shape several stacks print) as the preset's own filter
 * for every format, or else the first stack's filter, then every other stack filter as a variant.
 */
function stackFilters(signal: StackSignal, shared?: { pattern: IFilterPattern; samples: FilterSamples }): Pick<SignalPreset, "format" | "pattern" | "samples" | "variants"> {
  const all = SERVING_STACKS.flatMap((s) => (s.filters[signal] ?? []).map((f) => ({ ...f, format: s.format.id })));
  if (shared) return { pattern: shared.pattern, samples: shared.samples, variants: all };
  const [own, ...variants] = all;
  // The preset's own filter has the preset's id, value and dimensions: a shape or override would be lost.
  if (own.shape !== undefined || own.value !== undefined || own.dimensions !== undefined) throw new Error(`${signal}: the first stack filter (${own.format}) must be a plain one`);
  return { format: own.format, pattern: own.pattern, samples: own.samples, variants };
}

/** Benign lines that look like trouble: none may count as a crash. */
const LOOK_ALIKES = [
  "[2025-05-28 08:25:50] Decode out of memory happened. #retracted_reqs: 1, #new_token_ratio: 0.8024 -> 0.9085",
  "2024-04-23T08:26:48.480196Z  INFO shard-manager: text_generation_launcher: Shard terminated rank=3",
  "INFO 2024-12-11 20:57:19,397 controller 62696 -- Replica(id='a1mjqmdq', deployment='api', app='default') started successfully on node '7acc041e50ba72d78dbf376298ddd1f1975e0f7b7e9e712cd9ac99f7' after 0.6s (PID: 62691). Replica constructor, reconfigure method, and initial health check took 0.0s.",
  "W0410 13:51:44.743979 1 memory.cc:212] Failed to allocate CUDA memory with byte size 102236160 on GPU 0: CNMEM_STATUS_OUT_OF_MEMORY, falling back to pinned system memory",
];

const cudaOom = cudaOutOfMemory({
  matching: [
    // vllm#27508 (0.11), kyuz0/amd-strix-halo-vllm-toolboxes#11 (ROCm), ollama#3683 (ggml), huggingface/text-generation-inference#1374 (router echo).
    { line: "(EngineCore_DP0 pid=8884) torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 786.00 MiB. GPU 0 has a total capacity of 79.11 GiB of which 140.75 MiB is free.", value: 1 },
    { line: "(EngineCore_DP0 pid=9817) torch.OutOfMemoryError: HIP out of memory. Tried to allocate 1.08 GiB. GPU 0 has a total capacity of 62.47 GiB of which 769.28 MiB is free.", value: 1 },
    { line: "ggml_backend_cuda_buffer_type_alloc_buffer: allocating 24289.03 MiB on device 0: cudaMalloc failed: out of memory", value: 1 },
    { line: "CUDA error: out of memory", value: 1 },
  ],
  nonMatching: [...LOOK_ALIKES, "(VllmWorker rank=0 pid=2120280) INFO 07-28 23:02:27 [gpu_worker.py:255] Available KV cache memory: 18.83 GiB"],
});

export const llmInferenceCatalogue: WorkloadKindCatalogue = {
  kind: "llm-inference",
  title: "LLM inference server (vLLM, TGI, SGLang, Triton, Ollama, llama.cpp, Ray Serve)",
  logFormatSource: "Each serving stack's stdout/stderr (src/signals/serving/*.ts name the files that print them); vLLM request-span attributes (vllm/tracing.py)",
  formats: [...SERVING_STACKS.map((s) => s.format), vllmRequestsFormat],
  carriesPrompts: true,
  signals: [
    {
      id: "requests",
      title: "API requests served",
      ...stackFilters("requests", uvicornRequests),
      // Every other line publishes 0, so a server that logs but serves nothing still has datapoints.
      metric: { name: "Requests", unit: "Count", value: "1", defaultValue: 0 },
      alarm: outsideBand("Sum", "LessThanLowerThreshold", "warning"),
      runbook: "Traffic fell below its usual band: check the load balancer, the clients and whether the server is up.",
    },
    {
      id: "server-errors",
      title: "Requests that failed on the server (5xx; TGI's 424)",
      ...stackFilters("server-errors", uvicornServerErrors),
      metric: { name: "ServerErrors", unit: "Count", value: "1" },
      alarm: countAbove(10, "critical"),
      runbook: "Find the first traceback before the burst in the server log (top-errors query); an engine crash, a GPU error or an OOM usually precedes it.",
    },
    {
      id: "throttled",
      title: "Requests refused for load (503 overload, 429)",
      ...stackFilters("throttled", uvicornThrottled),
      metric: { name: "ThrottledRequests", unit: "Count", value: "1" },
      alarm: countAbove(20, "warning"),
      runbook: "The server is at its queue or concurrency limit: scale out replicas, or raise the limit (vLLM --max-num-seqs, TGI --max-concurrent-requests, OLLAMA_MAX_QUEUE, Ray max_queued_requests) if GPU memory allows.",
    },
    { ...cudaOom, ...stackFilters("cuda-oom", cudaOom) },
    {
      id: "engine-dead",
      title: "Engine crashed or failed to start",
      // One filter for every stack's terms: a line naming two of them still counts once.
      pattern: FilterPattern.anyTerm(...SERVING_STACKS.flatMap((s) => s.crashTerms)),
      metric: { name: "EngineCrashes", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "The HTTP server may still answer health checks while the engine is dead: read the first traceback (engine-events query), fix the cause if it failed to start (model, memory, drivers), then restart.",
      samples: {
        matching: SERVING_STACKS.flatMap((s) => s.crashSamples.map((line) => ({ line, value: 1 }))),
        nonMatching: [...LOOK_ALIKES, "(APIServer pid=1) INFO 11-24 06:30:01 [api_server.py:1880] Starting vLLM API server 0 on http://0.0.0.0:8000"],
      },
    },
    gpuErrors,
    {
      id: "output-tokens-per-second",
      title: "Generation throughput (output tokens per second)",
      ...stackFilters("output-tokens-per-second"),
      metric: { name: "OutputTokensPerSecond", unit: "Count/Second", value: "$tps" },
      alarm: outsideBand("Average", "LessThanLowerThreshold", "warning"),
      runbook: "Throughput dropped below its band: look at running and waiting requests and KV cache usage in the stats lines (throughput query).",
    },
    {
      id: "queued-requests",
      title: "Requests waiting in the server's queue",
      // vLLM (before 0.33) and SGLang never refuse work: overload shows as a queue that keeps growing.
      ...stackFilters("queued-requests"),
      metric: { name: "QueuedRequests", unit: "Count", value: "$queued" },
      alarm: outsideBand("Maximum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Requests pile up faster than the engine serves them: compare running requests and KV cache usage in the same stats lines; scale out if the cache is full, look for one runaway client if not.",
    },
    {
      id: "slow-requests",
      title: "Requests slower than 10 s",
      ...stackFilters("slow-requests"),
      metric: { name: "SlowRequests", unit: "Count", value: "1" },
      alarm: countAbove(5, "warning"),
      runbook: "Compare queueing with generation time for the slow requests (TGI queue_time against inference_time): queueing means too few replicas, generation means long outputs.",
    },
    ...vllmRequestSignals,
  ],
  ratios: [
    {
      id: "error-rate",
      title: "Share of API requests that failed on the server",
      numerator: "server-errors",
      denominator: "requests",
      scale: 100,
      alarm: countAbove(5, "critical", 300, 2),
      runbook: "More than 5% of requests fail: check engine health (engine-dead, gpu-errors, cuda-oom) before scaling.",
    },
  ],
  // A running server is never quiet for long: uvicorn (vLLM, SGLang) logs every health probe and
  // metrics scrape, TGI and Triton log their own; vLLM prints its stats line every 10 s under load.
  serviceAlarms: [
    logSilenceAlarm({
      title: "Inference server stopped logging",
      minutes: 15,
      runbook: "No log event for 15 minutes: the server or its container is gone, hung before it could log, or its log shipping broke; check the task or pod, then the agent. Servers without probes or traffic at night can set a longer period.",
    }),
  ],
  queries: [
    {
      id: "top-errors",
      title: "Most frequent failure lines (server side; client mistakes left out)",
      query: `filter @message like /${["EngineDeadError", "failed to start", "Request failed", "encountered an error", "send_error", "Scheduler hit an exception", "CUDA out of memory", "HIP out of memory", "CUDA error", "NCCL error", "crashed", "level=ERROR", "E[01][0-9]{3} ", "\\[TensorRT-LLM\\]\\[ERROR\\]", 'HTTP\\/1\\.[01]\\\\?" 50[0-24-9]', "\\| 50[0-24-9] \\|"].join("|")}/ and @message not like /Error in preprocessing|validation error|must be <=|must have less than|exceeds the available context/ | stats count(*) as occurrences by substr(@message, 0, 120) | sort occurrences desc | limit 20`,
    },
    {
      id: "engine-events",
      title: "Crashes, failed starts, OOMs and GPU errors, newest first",
      query: `filter @message like /${[...GPU_OOM_TERMS, "EngineDeadError", "died unexpectedly", "failed to start", "Engine core initialization failed", "Error: Shard", "crashed", "Received sigquit", "Scheduler hit an exception", "llama runner terminated", "error loading", "failed to load", "marking it unhealthy", "CUDA error", "ROCm error", "NCCL error"].join("|")}/ | sort @timestamp desc | display @timestamp, @logStream, @message | limit 100`,
    },
    {
      id: "throughput",
      title: "Generation throughput from the stats lines (vLLM, SGLang, llama-server), per 5 minutes",
      query:
        "filter @message like /generation throughput: |gen throughput \\(token\\/s\\): |tg_3s = / | parse @message /(?:generation throughput: |gen throughput \\(token\\/s\\): |tg_3s = +)(?<tps>[0-9.]+)/ | stats avg(tps) as avg_tokens_per_s, max(tps) as max_tokens_per_s, count(*) as stats_lines by bin(5m)",
      formats: [vllm.format.id, sglang.format.id, llamaCpp.format.id],
    },
    {
      id: "latency-by-model",
      title: "Latency percentiles by model (seconds)",
      query:
        "filter ispresent(gen_ai.latency.e2e) | stats pct(gen_ai.latency.e2e, 50) as p50, pct(gen_ai.latency.e2e, 90) as p90, pct(gen_ai.latency.e2e, 99) as p99, pct(gen_ai.latency.time_to_first_token, 90) as ttft_p90 by gen_ai.response.model | sort p90 desc",
      formats: [vllmRequestsFormat.id],
    },
    {
      id: "tokens-by-model",
      title: "Token usage by model",
      query:
        "filter ispresent(gen_ai.usage.prompt_tokens) | stats sum(gen_ai.usage.prompt_tokens) as prompt_tokens, sum(gen_ai.usage.completion_tokens) as completion_tokens, count(*) as requests by gen_ai.response.model | sort completion_tokens desc",
      formats: [vllmRequestsFormat.id],
    },
    {
      id: "slowest-requests",
      title: "Slowest requests",
      query:
        "filter ispresent(gen_ai.latency.e2e) | sort gen_ai.latency.e2e desc | limit 20 | display @timestamp, gen_ai.request.id, gen_ai.response.model, gen_ai.latency.e2e, gen_ai.latency.time_to_first_token, gen_ai.usage.completion_tokens",
      formats: [vllmRequestsFormat.id],
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
