import { FilterPattern } from "../../patterns";
import type { ServingStack } from "./stack";

/**
 * SGLang's server: `[<date> <time>[ DPn][ TPn][ EPn]] <message>` (srt/utils configure_logger), with NO
 * level name, so an error looks like any other line; uvicorn access lines as
 * `[<date> <time>] INFO:     ...` (read by ./uvicorn.ts). Checked against 0.2.9, 0.3.6, 0.4.3,
 * 0.4.10 and 0.5.10.
 *
 * Its stats lines (`Decode batch, ..., gen throughput (token/s): 186.64, #queue-req: 0`) glue every
 * number to a comma, which CloudWatch cannot read as a metric value: the `throughput` query parses
 * them instead. SGLang queues rather than rejects unless --max-queued-requests is set (503), so its
 * queue length, the last number of most stats lines, is the overload signal.
 */
export const sglang: ServingStack = {
  format: { id: "sglang", title: "SGLang server stdout", source: "sglang srt/utils (configure_logger), srt/managers/scheduler.py, uvicorn access log" },
  crashTerms: [
    "Received sigquit from a child", // the main process when a scheduler or detokenizer dies ("child proces." up to 0.4.3)
    "Scheduler hit an exception", // at start-up or run time: the traceback follows without a prefix
    "Prefill out of memory", // KV pool exhausted; the scheduler goes down with it (not a CUDA OOM)
  ],
  crashSamples: [
    "[2025-02-21 22:59:28] Received sigquit from a child proces. It usually means the child failed.",
    "[2025-05-19 23:22:28 TP3] Scheduler hit an exception: Traceback (most recent call last):",
  ],
  filters: {
    "queued-requests": [
      {
        // `..., #queue-req: <n>` at the end of Decode and Prefill lines (0.1 .. 0.5.10); the 0.4.10 .. 0.5.x
        // builds that end the line with a comma (`#queue-req: 5,`) cannot be read.
        pattern: FilterPattern.literal('[..., label = "#queue-req:", queued != "*,"]'),
        samples: {
          matching: [
            // sglang#3909 (0.4.3), sglang PR #22331 (0.5.10), sglang#393 (0.1).
            { line: "[2025-02-27 04:46:39 TP0] Decode batch. #running-req: 8, #token: 62531, token usage: 0.12, gen throughput (token/s): 186.64, #queue-req: 0", value: 0 },
            { line: "[2024-11-29 10:28:29 TP0] Prefill batch. #new-seq: 2, #new-token: 2048, #cached-token: 888, cache hit rate: 0.00%, token usage: 0.11, #running-req: 69, #queue-req: 130", value: 130 },
            { line: "#running-req: 5, #token: 1938, token usage: 0.24, #queue-req: 0", value: 0 },
          ],
          nonMatching: ["[2025-12-12 08:43:59 TP0] Decode batch, #running-req: 6, #token: 1920, token usage: 0.94, cuda graph: True, gen throughput (token/s): 446.45, #queue-req: 5,", "[2025-05-28 08:25:50] Decode out of memory happened. #retracted_reqs: 1, #new_token_ratio: 0.8024 -> 0.9085"],
        },
      },
    ],
  },
};
