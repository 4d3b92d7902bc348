import { FilterPattern } from "../../patterns";
import type { ServingStack } from "./stack";

/**
 * Hugging Face text-generation-inference: the launcher and the router, in text (default, ANSI-coloured
 * unless LOG_COLORIZE=1) or `--json-output` mode, where the router flattens its events (`message`
 * top-level) and the launcher does not (`fields.message`). Checked against v0.9.4, v1.4.5, v2.0.4,
 * v2.4.1, v3.0.0 and v3.3.7 (launcher/src/main.rs, router/src/server.rs, router/src/infer/mod.rs).
 * Terms read every mode and both JSON shapes.
 *
 * TGI writes no access log. A served request leaves one `Success` event; overload (429) is logged at
 * ERROR as `no permits available` (the `Model is overloaded` text is only the response body);
 * validation (422) is logged at ERROR too and counts nowhere; a failed generation (424) is
 * `Request failed during generation`.
 */
const SUCCESS_TEXT = (total: string) =>
  `2026-07-01T10:00:07.425542Z  INFO chat_completions{parameters="GenerateParameters { best_of: None, temperature: None, do_sample: true, max_new_tokens: Some(512) }" total_time="${total}" validation_time="869.4µs" queue_time="55.33µs" inference_time="${total}" time_per_token="59.010773ms" seed="None"}: text_generation_router::server: router/src/server.rs:432: Success`;
const SUCCESS_JSON = (total: string) =>
  JSON.stringify({
    timestamp: "2026-07-01T10:00:07.425542Z",
    level: "INFO",
    message: "Success",
    target: "text_generation_router::server",
    filename: "router/src/server.rs",
    line_number: 432,
    span: { inference_time: total, queue_time: "55.33µs", time_per_token: "59.010773ms", total_time: total, validation_time: "869.4µs", name: "generate" },
  });
const NO_PERMITS =
  "2024-05-21T06:25:30.209697Z ERROR generate_stream{parameters=GenerateParameters { best_of: Some(1), temperature: Some(0.01), max_new_tokens: Some(393) }}:async_stream:generate_stream: text_generation_router::infer: router/src/infer.rs:130: no permits available";
const VALIDATION =
  "2023-12-07T13:57:23.464203Z ERROR generate_stream{parameters=GenerateParameters { best_of: None, temperature: Some(0.7), max_new_tokens: Some(1024) }}:async_stream:generate_stream: text_generation_router::infer: router/src/infer.rs:110: `inputs` tokens + `max_new_tokens` must be <= 2048. Given: 1235 `inputs` tokens and 1024 `max_new_tokens`";

export const tgi: ServingStack = {
  format: { id: "tgi", title: "Hugging Face TGI launcher and router, text or --json-output", source: "text-generation-inference launcher/src/main.rs, router/src/server.rs, router/src/infer/mod.rs" },
  crashTerms: [
    "Error: Shard", // the launcher's last line: Error: ShardCannotStart / Error: ShardFailed (plain text in every mode)
    "Error: WebserverFailed",
    "Webserver Crashed",
    "crashed", // Shard 0 crashed (also Ray's "Actor for replica ... crashed")
    "was signaled to shutdown", // Shard process was signaled to shutdown with signal 4
    "Shard complete standard error output", // the start-up failure's stderr dump follows
    "panicked at", // a Rust panic of the router
    "error trying to connect", // the router cannot reach a shard that died
  ],
  crashSamples: [
    "Error: ShardCannotStart",
    "Error: ShardFailed",
    "2024-04-23T08:26:48.209311Z ERROR text_generation_launcher: Webserver Crashed",
    "2024-03-06T17:53:31.052444Z ERROR shard-manager: text_generation_launcher: Shard process was signaled to shutdown with signal 4 rank=0",
    "2024-03-06T17:53:31.052367Z ERROR shard-manager: text_generation_launcher: Shard complete standard error output:",
    "thread 'tokio-runtime-worker' panicked at /usr/src/router/src/server.rs:180:45:",
    "2025-05-26T10:46:35.221647Z ERROR batch{batch_size=1}:prefill:prefill{id=622 size=1}:prefill{id=622 size=1}: text_generation_router_v3::client: backends/v3/src/client/mod.rs:45: Server error: error trying to connect: Connection refused (os error 111)",
    '{"timestamp":"2026-07-01T10:00:30.514223Z","level":"ERROR","fields":{"message":"Shard 0 failed to start"},"target":"text_generation_launcher"}',
  ],
  filters: {
    requests: [
      {
        // The Success event, text or JSON; the launcher's "Successfully downloaded weights." has another target.
        pattern: FilterPattern.allTerms("text_generation_router::server", "Success"),
        samples: {
          matching: [
            // text-generation-inference#1374 (1.3, text).
            {
              line: '2023-12-22T00:21:24.202169Z  INFO compat_generate{default_return_full_text=true}:generate{parameters=GenerateParameters { best_of: None, temperature: None, repetition_penalty: None, top_k: None, top_p: None, typical_p: None, do_sample: false, max_new_tokens: Some(40), return_full_text: Some(false), stop: [], truncate: None, watermark: false, details: true, decoder_input_details: false, seed: None, top_n_tokens: None } total_time="2.458150804s" validation_time="13.678487ms" queue_time="184.26µs" inference_time="2.444288229s" time_per_token="61.107205ms" seed="None"}: text_generation_router::server: router/src/server.rs:289: Success',
              value: 1,
            },
            { line: SUCCESS_JSON("1.181143286s"), value: 1 },
          ],
          nonMatching: ["2024-03-06T17:53:22.335714Z  INFO download: text_generation_launcher: Successfully downloaded weights.", "2025-05-01T01:31:02.842858Z  INFO text_generation_router::server: router/src/server.rs:2266: Connected"],
        },
      },
    ],
    "server-errors": [
      {
        // 424 to the client, 500 for a generation that stopped early (InferError::IncompleteGeneration); and
        // the shard's own error, re-logged by the launcher (text and JSON).
        pattern: FilterPattern.anyTerm("Request failed during generation", "Incomplete generation", "Method Prefill encountered an error", "Method Decode encountered an error"),
        samples: {
          matching: [
            // text-generation-inference#3317 (3.x JSON), #653 (0.9/1.0 text), #883.
            {
              line: '{"timestamp":"2025-08-29T14:40:17.288163Z","level":"ERROR","message":"Request failed during generation: Server error: error trying to connect: No such file or directory (os error 2)","target":"text_generation_router_v3::backend","filename":"backends/v3/src/backend.rs","line_number":546,"span":{"name":"send_error"}}',
              value: 1,
            },
            { line: "2023-07-19T21:02:09.363221Z ERROR text_generation_launcher: Method Prefill encountered an error.", value: 1 },
            { line: "2023-09-09T18:44:36.094356Z ERROR text_generation_launcher: Method Decode encountered an error.", value: 1 },
          ],
          nonMatching: [VALIDATION, NO_PERMITS],
        },
      },
    ],
    throttled: [
      {
        // tokio's TryAcquireError when --max-concurrent-requests is exhausted: HTTP 429.
        pattern: FilterPattern.anyTerm("no permits available"),
        samples: {
          matching: [{ line: NO_PERMITS, value: 1 }],
          nonMatching: [VALIDATION],
        },
      },
    ],
    "slow-requests": [
      {
        // total_time is a Rust Duration Debug string ("2.458150804s", "812.4ms", "184.26µs"): two or more
        // digits before the dot and a bare "s" is 10 s or more. `="` in text mode, `":"` in JSON.
        pattern: FilterPattern.regex("total_time.{1,3}[0-9]{2,}\\.?[0-9]*s\\x22"),
        samples: {
          matching: [
            { line: SUCCESS_TEXT("12.402117s"), value: 1 },
            { line: SUCCESS_JSON("75.2s"), value: 1 },
          ],
          nonMatching: [SUCCESS_TEXT("1.181143286s"), SUCCESS_JSON("812.4ms"), SUCCESS_TEXT("9.99s")],
        },
      },
    ],
  },
};
