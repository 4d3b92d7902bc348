import { FilterPattern, type IFilterPattern } from "../../patterns";
import type { ServingStack } from "./stack";

/**
 * vLLM's OpenAI-compatible server, stdout: uvicorn access lines (./uvicorn.ts), vLLM's own
 * `<LEVEL> <MM-DD> <HH:MM:SS> [<file>:<line>] <message>` (vllm/logger.py; `<file>:<line>]` before 0.7.3),
 * raw tracebacks, and torch/NCCL C++ lines. Checked against 0.2 .. 0.33 (research corpus, sdists of
 * 0.4.1, 0.5.4, 0.6.3, 0.7.3, 0.8.5, 0.10.2, 0.11.0, 0.20.0, 0.33.0).
 *
 * A process prefix comes and goes by release: none (V0, V1 up to 0.9), `(APIServer pid=N) `,
 * `(ApiServer_1 pid=N) `, `(EngineCore_DP0 pid=N) `, ANSI-coloured up to 0.11 even when stdout is not
 * a terminal (`ESC[1;36m(APIServer pid=1)ESC[0;0m`), Ray's `(_EngineBackgroundProcess pid=N) `. The
 * stats line changed too: V0 `Avg prompt throughput: ... Running: .., Swapped: .., Pending: ..`, V1
 * `Engine 000: Avg prompt throughput: ...` with optional fields inserted and appended, data-parallel
 * `4 Engines Aggregated: ...`. So terms read the message text, and the throughput is read by one
 * filter per number of fields before it.
 */

/**
 * `Avg generation throughput: <tps> tokens/s,` after `before` other fields. Anchored at the start:
 * the number of fields after the value varies (Preemptions, Deferred, cache hit rates, Ray's
 * `[repeated 2x across cluster]`), the number before it only with the prefix.
 */
function generationThroughputAfter(before: number): IFilterPattern {
  const lead = Array.from({ length: before }, (_, i) => `f${i + 1}`);
  return FilterPattern.spaceDelimited(...lead, "avg", "gen", "thr", "tps", "unit", "rest")
    .whereString("avg", "=", "Avg")
    .whereString("gen", "=", "generation")
    .whereString("thr", "=", "throughput:")
    .whereString("unit", "=", "tokens/s,");
}

/**
 * The queue length of the same stats line: V1's `Running: N reqs, Waiting: <queued> reqs,` or V0's
 * `Running: N reqs, Swapped: N reqs, Pending: <queued> reqs,`, right after the generation throughput.
 */
function queuedAfter(before: number, engine: "v0" | "v1"): IFilterPattern {
  const lead = Array.from({ length: before }, (_, i) => `f${i + 1}`);
  const counts = engine === "v1" ? ["running_label", "running", "running_unit", "queue_label"] : ["running_label", "running", "running_unit", "swapped_label", "swapped", "swapped_unit", "queue_label"];
  return FilterPattern.spaceDelimited(...lead, "avg", "gen", "thr", "tps", "unit", ...counts, "queued", "rest")
    .whereString("avg", "=", "Avg")
    .whereString("gen", "=", "generation")
    .whereString("running_label", "=", "Running:")
    .whereString("queue_label", "=", engine === "v1" ? "Waiting:" : "Pending:");
}

const V1 = (prefix: string, tps: number) =>
  `${prefix}INFO 07-01 10:00:10 [loggers.py:271] Engine 000: Avg prompt throughput: 1204.5 tokens/s, Avg generation throughput: ${tps} tokens/s, Running: 48 reqs, Waiting: 12 reqs, GPU KV cache usage: 99.1%, Prefix cache hit rate: 41.0%`;
const SPEC_DECODING = "(APIServer pid=1) INFO 11-24 06:31:07 [metrics.py:101] SpecDecoding metrics: Mean acceptance length: 3.07, Accepted throughput: 1.05 tokens/s, Drafted throughput: 1.51 tokens/s";

/** The stats line of the V1 engine behind a two-word process prefix: (APIServer pid=N), 0.10 and later. */
const vllmThroughput = {
  pattern: generationThroughputAfter(13),
  samples: {
    matching: [
      // vllm#43295 (~0.20), intel/llm-scaler#391 (0.1x); a Preemptions field inserted after the value (0.20 loggers.py).
      { line: "(APIServer pid=3646) INFO 05-19 10:13:11 [loggers.py:271] Engine 000: Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 1055.3 tokens/s, Running: 18 reqs, Waiting: 43 reqs, GPU KV cache usage: 95.9%, Prefix cache hit rate: 0.0%", value: 1055.3 },
      { line: "(APIServer pid=851) INFO 04-28 22:54:32 [loggers.py:257] Engine 000: Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 5.4 tokens/s, Running: 1 reqs, Waiting: 14 reqs, GPU KV cache usage: 76.5%, Prefix cache hit rate: 92.0%", value: 5.4 },
      { line: V1("\u001b[1;36m(APIServer pid=1)\u001b[0;0m ", 26.9).replace("Waiting: 12 reqs,", "Waiting: 12 reqs, Preemptions: 3,"), value: 26.9 },
    ],
    nonMatching: [SPEC_DECODING, "(EngineCore_DP0 pid=284) INFO 11-24 06:30:01 [gpu_worker.py:276] Available KV cache memory: 12.34 GiB", V1("", 310.2)],
  },
};

export const vllm: ServingStack = {
  format: { id: "vllm", title: "vLLM server stdout (V0 and V1 engines, NVIDIA NIM for LLMs, KServe)", source: "vllm/logger.py, vllm/v1/metrics/loggers.py, vllm/engine/metrics.py, uvicorn access log" },
  crashTerms: [
    "EngineDeadError", // V1 EngineDeadError, V0 AsyncEngineDeadError and MQEngineDeadError: repeated for every request in flight
    "EngineCore encountered a fatal error", // V1 engine process, at run time: EngineDeadError follows in the front end
    "Background loop has errored", // V0 AsyncLLMEngine
    "is already dead", // CRITICAL ... AsyncLLMEngine is already dead, terminating server process
    "died unexpectedly", // Engine core proc EngineCore_DP0 died unexpectedly (also Ray's RayActorError text)
    "died, exit code", // Worker VllmWorkerProcess pid N died, exit code: -6 (V0 multiprocessing)
    "failed to start", // EngineCore failed to start. / Engine process failed to start (also TGI shards, Ray rolling updates)
    "Engine core initialization failed",
  ],
  crashSamples: [
    "(APIServer pid=1) ERROR 05-12 01:48:42 [api_router.py:72] vllm.v1.engine.exceptions.EngineDeadError: EngineCore encountered an issue. See stack trace (above) for the root cause.",
    "ERROR 04-28 02:37:03 [core.py:398] EngineCore encountered a fatal error.",
    "vllm.engine.async_llm_engine.AsyncEngineDeadError: Background loop has errored already.",
    "CRITICAL 01-24 07:01:39 launcher.py:88] AsyncLLMEngine is already dead, terminating server process",
    "ERROR 01-16 17:16:49 [core_client.py:605] Engine core proc EngineCore_DP0 died unexpectedly, shutting down client.",
    "ERROR 07-01 13:54:43 multiproc_worker_utils.py:120] Worker VllmWorkerProcess pid 1159 died, exit code: -6",
    "(EngineCore pid=12244) ERROR 07-15 21:01:01 [core.py:1240] EngineCore failed to start.",
    "(APIServer pid=1179246) RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {}",
  ],
  filters: {
    "server-errors": [
      {
        // A streamed response already answered 200 when it fails: this ERROR line is its only failure record.
        pattern: FilterPattern.anyTerm("completion stream generator"),
        samples: {
          matching: [{ line: "(APIServer pid=1) ERROR 10-20 03:20:50 [serving_chat.py:1136] Error in chat completion stream generator.", value: 1 }],
          nonMatching: ["ERROR 07-03 03:19:15 [serving_chat.py:200] Error in preprocessing prompt inputs"],
        },
      },
    ],
    "output-tokens-per-second": [
      { ...vllmThroughput },
      {
        shape: "v0",
        // V0 engine without a prefix: vLLM up to 0.10 with VLLM_USE_V1=0, NIM for LLMs 1.x, KServe.
        pattern: generationThroughputAfter(9),
        samples: {
          matching: [
            // vllm#12314 (0.6), vllm#15018 (0.8, bracketed file), nim-anywhere#35 (NIM: milliseconds in the time), vllm#2731 (extra fields after the value).
            { line: "INFO 01-22 18:27:20 metrics.py:449] Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 41.7 tokens/s, Running: 1 reqs, Swapped: 0 reqs, Pending: 0 reqs, GPU KV cache usage: 2.0%, CPU KV cache usage: 0.0%.", value: 41.7 },
            { line: "INFO 03-18 09:04:46 [metrics.py:481] Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 0.4 tokens/s, Running: 2 reqs, Swapped: 0 reqs, Pending: 0 reqs, GPU KV cache usage: 0.6%, CPU KV cache usage: 0.0%.", value: 0.4 },
            { line: "INFO 08-22 00:02:03.799 metrics.py:334] Avg prompt throughput: 21.1 tokens/s, Avg generation throughput: 11.2 tokens/s, Running: 0 reqs, Swapped: 0 reqs, Pending: 0 reqs, GPU KV cache usage: 0.0%, CPU KV cache usage: 0.0%", value: 11.2 },
            { line: "INFO 02-01 06:36:05 llm_engine.py:921] Avg prompt throughput: 382.6 tokens/s, Avg generation throughput: 118.5 tokens/s, Max iteration time: 386.7 ms, Avg time/tok:149.4 ms, Running: 35 reqs, Swapped: 0 reqs, Pending: 115 reqs, GPU KV cache usage: 99.0%, CPU KV cache usage: 0.0%", value: 118.5 },
          ],
          nonMatching: [V1("(APIServer pid=1) ", 310.2), "INFO 07-28 23:02:27 [kv_cache_utils.py:837] Maximum concurrency for 8,192 tokens per request: 21.51x"],
        },
      },
      {
        shape: "v1-unprefixed",
        // V1 without a prefix (0.8, 0.9), and V0 behind Ray's two-word actor prefix (Ray Serve LLM, engine_use_ray).
        pattern: generationThroughputAfter(11),
        samples: {
          matching: [
            // vllm#18489 (0.9), ray#54070 (Ray Serve LLM, V0, deduplicated), vllm#2595 (0.2 on Ray).
            { line: "INFO 05-21 14:12:18 [loggers.py:116] Engine 000: Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 20.4 tokens/s, Running: 1 reqs, Waiting: 0 reqs, GPU KV cache usage: 19.2%, Prefix cache hit rate: 0.0%", value: 20.4 },
            { line: "(_EngineBackgroundProcess pid=194388) INFO 06-25 04:39:52 [metrics.py:486] Avg prompt throughput: 27408.8 tokens/s, Avg generation throughput: 4.9 tokens/s, Running: 49 reqs, Swapped: 0 reqs, Pending: 951 reqs, GPU KV cache usage: 16.8%, CPU KV cache usage: 0.0%. [repeated 2x across cluster]", value: 4.9 },
            { line: "(_AsyncLLMEngine pid=1974) INFO 01-25 11:26:58 llm_engine.py:706] Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 77.3 tokens/s, Running: 1 reqs, Swapped: 0 reqs, Pending: 0 reqs, GPU KV cache usage: 0.2%, CPU KV cache usage: 0.0%", value: 77.3 },
          ],
          nonMatching: [V1("(APIServer pid=1) ", 310.2), SPEC_DECODING],
        },
      },
      {
        shape: "v1-aggregated",
        // Data-parallel `<N> Engines Aggregated:` (0.20+), or a shipper's timestamp in front of the prefix (docker logs -t).
        pattern: generationThroughputAfter(14),
        samples: {
          matching: [
            // tt-inference-server#3359 (docker timestamps); the aggregated prefix from 0.20 loggers.py:306-308.
            { line: "2026-05-12T08:01:39.331095044Z (APIServer pid=1) INFO 05-12 08:01:39 [loggers.py:271] Engine 000: Avg prompt throughput: 6335.3 tokens/s, Avg generation throughput: 4.8 tokens/s, Running: 9 reqs, Waiting: 0 reqs, GPU KV cache usage: 62.8%, Prefix cache hit rate: 0.0%", value: 4.8 },
            { line: V1("(APIServer pid=1) ", 1888.4).replace("Engine 000:", "4 Engines Aggregated:"), value: 1888.4 },
          ],
          nonMatching: [V1("(APIServer pid=1) ", 310.2), "INFO 05-21 14:12:18 [loggers.py:116] Engine 000: Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 20.4 tokens/s, Running: 1 reqs, Waiting: 0 reqs, GPU KV cache usage: 19.2%, Prefix cache hit rate: 0.0%"],
        },
      },
    ],
    "queued-requests": [
      {
        // V1 behind a two-word process prefix (0.10 and later).
        pattern: queuedAfter(13, "v1"),
        samples: {
          matching: [{ line: "(APIServer pid=851) INFO 04-28 22:54:32 [loggers.py:257] Engine 000: Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 5.4 tokens/s, Running: 1 reqs, Waiting: 14 reqs, GPU KV cache usage: 76.5%, Prefix cache hit rate: 92.0%", value: 14 }],
          nonMatching: [V1("", 310.2), SPEC_DECODING],
        },
      },
      {
        shape: "v0",
        pattern: queuedAfter(9, "v0"),
        samples: {
          matching: [{ line: "INFO 02-28 21:48:18 metrics.py:161] Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 44.9 tokens/s, Running: 2 reqs, Swapped: 0 reqs, Pending: 3 reqs, GPU KV cache usage: 82.1%, CPU KV cache usage: 0.0%", value: 3 }],
          nonMatching: [V1("(APIServer pid=1) ", 310.2)],
        },
      },
      {
        shape: "v0-ray",
        // V0 behind Ray's two-word actor prefix (Ray Serve LLM, engine_use_ray).
        pattern: queuedAfter(11, "v0"),
        samples: {
          matching: [{ line: "(_EngineBackgroundProcess pid=194388) INFO 06-25 04:39:52 [metrics.py:486] Avg prompt throughput: 27408.8 tokens/s, Avg generation throughput: 4.9 tokens/s, Running: 49 reqs, Swapped: 0 reqs, Pending: 951 reqs, GPU KV cache usage: 16.8%, CPU KV cache usage: 0.0%. [repeated 2x across cluster]", value: 951 }],
          nonMatching: ["INFO 05-21 14:12:18 [loggers.py:116] Engine 000: Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 20.4 tokens/s, Running: 1 reqs, Waiting: 0 reqs, GPU KV cache usage: 19.2%, Prefix cache hit rate: 0.0%"],
        },
      },
      {
        shape: "v1-unprefixed",
        pattern: queuedAfter(11, "v1"),
        samples: {
          matching: [{ line: "INFO 05-21 14:12:18 [loggers.py:116] Engine 000: Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 20.4 tokens/s, Running: 1 reqs, Waiting: 0 reqs, GPU KV cache usage: 19.2%, Prefix cache hit rate: 0.0%", value: 0 }],
          nonMatching: ["(_EngineBackgroundProcess pid=194388) INFO 06-25 04:39:52 [metrics.py:486] Avg prompt throughput: 27408.8 tokens/s, Avg generation throughput: 4.9 tokens/s, Running: 49 reqs, Swapped: 0 reqs, Pending: 951 reqs, GPU KV cache usage: 16.8%, CPU KV cache usage: 0.0%."],
        },
      },
      {
        shape: "v1-aggregated",
        pattern: queuedAfter(14, "v1"),
        samples: {
          matching: [{ line: V1("(APIServer pid=1) ", 1888.4).replace("Engine 000:", "4 Engines Aggregated:"), value: 12 }],
          nonMatching: [V1("(APIServer pid=1) ", 310.2)],
        },
      },
    ],
  },
};
