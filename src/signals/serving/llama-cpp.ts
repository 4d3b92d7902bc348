import { FilterPattern, type IFilterPattern } from "../../patterns";
import type { ServingStack } from "./stack";

/**
 * llama.cpp's llama-server (tools/server, formerly examples/server), also run by Ollama from 0.30.
 * Three eras, checked against the llama.cpp vendored in llama-cpp-python 0.2.50 (Feb 2024), 0.3.2 (Nov
 * 2024) and 0.3.36 (2026): JSON `server_log` objects (early 2024); `srv  <func>: ...` / `slot <func>: id
 * N | task N | ...` text with an access line `request: POST /v1/... <addr> <status>` (late 2024 and
 * 2025; `done request:` early 2026, then no access log at all); and an optional
 * `<time since start> <level letter> ` prefix (--log-prefix --log-timestamps). The timing block was one
 * multi-line message in 2024-2025 (continuation lines without the slot prefix, starting with `\r`) and
 * one line per metric in 2026. No model name anywhere.
 */

/**
 * Fields of an access line, right-anchored: `request: <METHOD> <path> <addr> <status>`. The OpenAI
 * routes, with or without `/v1`; not the native `/completion`, which Ollama 0.30+ calls for every
 * request of its own (its log would count each request twice).
 */
const OPENAI_PATH = 'path = "/v1/*" || path = "/chat/completions" || path = "/completions"';
function accessLine(status = ""): IFilterPattern {
  return FilterPattern.literal(`[..., request = "request:", method = "POST", ${OPENAI_PATH}, addr, status${status ? ` ${status}` : ""}]`);
}

/** `eval time = <ms> ms / <n> tokens ( <ms> ms per token, <tps> tokens per second)`, its last 17 fields. */
const EVAL_TIMING = ["eval", "time", "eq", "ms", "ms_unit", "slash", "n", "tokens", "paren", "ms_per_token", "ms_unit2", "per", "token", "tps", "tps_unit", "per2", "second"];
function evalTiming(lead: string[]): ReturnType<typeof FilterPattern.spaceDelimited> {
  return FilterPattern.spaceDelimited(...lead, ...EVAL_TIMING)
    .whereString("eval", "=", "eval")
    .whereString("time", "=", "time")
    .whereString("tokens", "=", "tokens")
    .whereString("token", "=", "token,")
    .whereString("second", "=", "second)");
}

const SLOT = (message: string) => `16.44.049.636 I slot print_timing: id  3 | task 1941 | ${message}`;
const EVAL = "       eval time =   12060.66 ms /   764 tokens (   15.79 ms per token,    63.35 tokens per second)";
const PROMPT_EVAL = "prompt eval time =     210.02 ms /   104 tokens (    2.02 ms per token,   495.19 tokens per second)";

export const llamaCpp: ServingStack = {
  format: { id: "llama-cpp", title: "llama.cpp llama-server (also inside Ollama 0.30 and later)", source: "llama.cpp tools/server/server-context.cpp, server-http.cpp, common/log.cpp" },
  crashTerms: [
    "error loading model", // llama_model_load: error loading model: unable to allocate backend buffer (Ollama's runner too)
    "failed to allocate buffer", // ggml could not allocate host memory for the weights
    "GGML_ASSERT", // a failed ggml assertion aborts the process, e.g. after any CUDA error
  ],
  crashSamples: [
    "llama_model_load: error loading model: unable to allocate backend buffer",
    "ggml_backend_cpu_buffer_type_alloc_buffer: failed to allocate buffer of size 437944320",
    'GGML_ASSERT: C:\\Users\\jmorg\\git\\ollama\\llm\\llama.cpp\\ggml-cuda.cu:256: !"CUDA error"',
  ],
  filters: {
    requests: [
      {
        pattern: accessLine(),
        samples: {
          matching: [
            // llama.cpp#23269 (2026), #17316 (2025-11).
            { line: "1.37.495.588 I srv  log_server_r: done request: POST /v1/chat/completions 127.0.0.1 200", value: 1 },
            { line: "srv  log_server_r: request: POST /v1/chat/completions 127.0.0.1 500", value: 1 },
            { line: "request: POST /v1/chat/completions 127.0.0.1 200", value: 1 },
            { line: "srv  log_server_r: request: POST /chat/completions 10.0.3.17 200", value: 1 },
          ],
          nonMatching: ["srv  log_server_r: request: GET /props 127.0.0.1 200", "srv  log_server_r: done request: POST /completion 127.0.0.1 200"],
        },
      },
      {
        shape: "json",
        // Early 2024: server_log JSON objects (examples/server/utils.hpp).
        pattern: FilterPattern.all(
          FilterPattern.stringValue("$.function", "=", "log_server_request"),
          FilterPattern.stringValue("$.method", "=", "POST"),
          FilterPattern.stringValue("$.path", "=", "/v1/*"),
        ),
        samples: {
          matching: [{ line: '{"timestamp":1708941320,"level":"INFO","function":"log_server_request","line":2520,"message":"request","remote_addr":"10.0.3.17","remote_port":51286,"status":200,"method":"POST","path":"/v1/chat/completions","params":{}}', value: 1 }],
          nonMatching: ['{"function":"log_server_request","level":"INFO","line":2741,"method":"GET","msg":"request","params":{},"path":"/health","remote_addr":"127.0.0.1","remote_port":41602,"status":200,"tid":"134849356572416","timestamp":1713334952}'],
        },
      },
    ],
    "server-errors": [
      {
        pattern: accessLine(">= 500 && status != 503"),
        samples: {
          matching: [{ line: "srv  log_server_r: request: POST /v1/chat/completions 127.0.0.1 500", value: 1 }],
          nonMatching: ["srv  log_server_r: request: POST /v1/chat/completions 127.0.0.1 503", "srv  log_server_r: request: GET /favicon.ico 127.0.0.1 404"],
        },
      },
      {
        shape: "send-error",
        // Every error answer of a task (in 2026 the only record, with no access log), except the
        // client's (context too long: 400) and overload (503).
        pattern: FilterPattern.termsExcluding(["send_error: task"], ["no slot available", "exceeds the available context size", "Loading model"]),
        samples: {
          matching: [
            // llama.cpp#17316.
            { line: "srv    send_error: task id = 327, error: Invalid input batch.", value: 1 },
            { line: "srv    send_error: task id = 412, error: Context size has been exceeded.", value: 1 },
          ],
          nonMatching: ["9.16.412.167 E srv                send_error: task 40 | error = the request exceeds the available context size. try increasing the context size or enable context shift", "srv    send_error: task id = 77, error: no slot available"],
        },
      },
      {
        shape: "decode",
        pattern: FilterPattern.anyTerm("llama_decode: failed to decode"),
        samples: {
          matching: [{ line: "llama_decode: failed to decode, ret = -1", value: 1 }],
          nonMatching: ["srv  update_slots: all slots are idle"],
        },
      },
    ],
    throttled: [
      {
        // 503 for a task that needs an idle slot; llama-server otherwise queues.
        pattern: FilterPattern.anyTerm("no slot available"),
        samples: {
          matching: [{ line: "srv    send_error: task id = 77, error: no slot available", value: 1 }],
          nonMatching: ["srv    send_error: task id = 327, error: Invalid input batch."],
        },
      },
    ],
    "output-tokens-per-second": [
      {
        // The generation's rate over the last 3 s, every 3 s once it passes 100 tokens (2026).
        pattern: FilterPattern.literal('[..., tg = "tg", tg_eq = "=", tg_average, tg_unit = "t/s,", window = "tg_3s", eq = "=", tps, unit = "t/s"]'),
        samples: {
          matching: [
            // llama.cpp#25121, club-3090#1124, lemonade-sdk/llamacpp-rocm#129.
            { line: "2.02.846.974 I slot print_timing: id  3 | task 0 | n_decoded =   1081, tg =  12.93 t/s, tg_3s =  12.57 t/s", value: 12.57 },
            { line: "5.34.346.441 I slot print_timing: id  0 | task 202 | n_gen =    100, tg =  19.04 t/s, tg_3s =  19.23 t/s", value: 19.23 },
          ],
          nonMatching: [SLOT("draft acceptance = 0.46218 (   55 accepted /   119 generated), mean len =  2.38"), SLOT(EVAL.trim())],
        },
      },
      {
        shape: "eval",
        // A request's generation rate, after the slot prefix (2026), a `\r` (2024-2025) or a launcher's
        // [pid]; `prompt eval` (prefill) has the same tail, so the word before `eval` is checked.
        pattern: evalTiming(["...", "before"]).whereString("before", "!=", "*prompt"),
        samples: {
          matching: [
            // huggingface/pi-llama#19 (2026), llama.cpp#23269 (a launcher's pid prefix).
            { line: SLOT(EVAL.trim()), value: 63.35 },
            { line: "[42027]        eval time =   16112.50 ms /   192 tokens (   83.92 ms per token,    11.92 tokens per second)", value: 11.92 },
            { line: `\r${EVAL}`, value: 63.35 },
          ],
          nonMatching: [SLOT(PROMPT_EVAL), `\r${PROMPT_EVAL}`, EVAL],
        },
      },
      {
        shape: "eval-unprefixed",
        // The 2024-2025 continuation line as pasted, without its `\r`.
        pattern: evalTiming([]),
        samples: {
          matching: [{ line: "       eval time =   23038.87 ms /   275 tokens (   83.78 ms per token,    11.94 tokens per second)", value: 11.94 }],
          nonMatching: [PROMPT_EVAL, "llama_perf_context_print:        eval time =    4218.19 ms /    31 runs   (  136.07 ms per token,     7.35 tokens per second)"],
        },
      },
    ],
    "slow-requests": [
      {
        // `total time = <ms> ms / <n> tokens`: prefill plus generation of one request, 10 s or more.
        pattern: FilterPattern.literal('[..., total = "*total", time = "time", eq = "=", ms >= 10000, ms_unit = "ms", slash = "/", n, tokens = "tokens"]'),
        samples: {
          matching: [{ line: "16.44.049.637 I slot print_timing: id  3 | task 1941 |       total time =   12270.68 ms /   868 tokens", value: 1 }],
          nonMatching: [SLOT("      total time =    5981.21 ms /   100 tokens"), SLOT(EVAL.trim())],
        },
      },
    ],
  },
};
