import { FilterPattern, type IFilterPattern } from "../../patterns";
import type { ServingStack } from "./stack";

/**
 * Ollama's server: Go slog `time=... level=ERROR source=file.go:N msg="..."` (Go `log` lines before
 * 0.1.28), Gin access lines for every route, and its runner's raw stderr (llama.cpp/ggml text, Go
 * panics; from 0.30 llama-server's own lines, read by ./llama-cpp.ts). Checked against v0.12.0,
 * v0.20.0, v0.24.0, v0.30.0 and v0.33.0-rc2, and issue pastes from 0.1.17 on.
 *
 * The Gin line `[GIN] <date> - <time> | <status> | <latency> | <client> | <METHOD> "<path>"` is the only
 * per-request record: status and a Go duration (`17.8993734s`, `41.983µs`, `8m44s`), no model, no
 * tokens. Overload (OLLAMA_MAX_QUEUE) shows only there, as 503.
 */

/** Inference routes; model pulls, pushes, listings and health probes are not requests. */
const INFERENCE_PATH = 'path = "/api/chat" || path = "/api/generate" || path = "/api/embed*" || path = "/v1/*"';

/** A Gin access line of an inference POST whose status meets `status` (a condition on the field, or none). */
function ginPost(status = ""): IFilterPattern {
  return FilterPattern.literal(
    `[gin = "GIN", date, dash = "-", time, bar1 = "|", status${status ? ` ${status}` : ""}, bar2 = "|", latency, bar3 = "|", client, bar4 = "|", method = "POST", ${INFERENCE_PATH}]`,
  );
}

const gin = (status: number, latency: string, path: string, method = "POST") =>
  `[GIN] 2025/03/16 - 23:30:35 | ${status} | ${latency.padStart(13)} |       127.0.0.1 | ${method.padEnd(7)} "${path}"`;

/** 10 s or more as a Go duration, then the rest of an inference POST's Gin line. */
const SLOW = ["\\| +[0-9]{2,}\\.?[0-9]*s \\|", "\\| +[0-9hm.]*[hm][0-9.]+s \\|"].flatMap((latency) =>
  ["api/[cge][hem]", "v1/"].map((path) => `${latency}[^|]+\\| POST +\\x22/${path}`),
);

export const ollama: ServingStack = {
  format: { id: "ollama", title: "Ollama server (slog, Gin access log, runner stderr)", source: "ollama server/routes.go, server/sched.go, llm/server.go, llm/status.go" },
  crashTerms: [
    "llama runner terminated",
    "error loading llama server", // the model could not be loaded (the client gets 500)
    "error starting llama runner", // Go `log` releases (0.1.x)
    "llama runner process has terminated", // the runner's exit, as the error value of other messages
    "panic: ", // a Go panic of the server or runner
    "SIGABRT",
    "SIGSEGV",
  ],
  crashSamples: [
    'time=2025-03-16T23:30:36.769+01:00 level=ERROR source=server.go:449 msg="llama runner terminated" error="exit status 2"',
    'time=2025-01-19T17:58:17.608+08:00 level=ERROR source=sched.go:455 msg="error loading llama server" error="llama runner process has terminated: exit status 2"',
    "2023/12/24 23:48:35 llama.go:459: error starting llama runner: llama runner process has terminated",
    "panic: unable to load model: /usr/share/ollama/.ollama/models/blobs/sha256-b74fcbabbb0836b765a011150b96e24ff3937bc46ee4a820e88877893dbe9a63",
    "SIGABRT: abort",
  ],
  filters: {
    requests: [
      {
        pattern: ginPost(),
        samples: {
          matching: [
            // ollama#9799 (0.6), ollama#6552 (embeddings), a 404 for an unknown model (routes.go handleScheduleError).
            { line: '[GIN] 2025/03/16 - 23:30:35 | 200 |   17.8993734s |       127.0.0.1 | POST     "/api/chat"', value: 1 },
            { line: '[GIN] 2024/08/29 - 20:05:16 | 500 |  1.575950085s |       127.0.0.1 | POST     "/api/embeddings"', value: 1 },
            { line: gin(404, "812.417µs", "/v1/chat/completions"), value: 1 },
          ],
          nonMatching: [
            '[GIN] 2025/01/19 - 17:57:37 | 200 |         8m44s |      172.22.0.3 | POST     "/api/pull"',
            '[GIN] 2025/01/19 - 17:48:09 | 200 |      233.73µs |      172.22.0.3 | GET      "/api/tags"',
            '[GIN] 2023/12/24 - 23:48:54 | 200 |      41.983µs |       127.0.0.1 | HEAD     "/"',
          ],
        },
      },
    ],
    "server-errors": [
      {
        pattern: ginPost(">= 500 && status != 503"),
        samples: {
          matching: [{ line: '[GIN] 2023/12/24 - 23:48:35 | 500 |  1.332430527s |       127.0.0.1 | POST     "/api/generate"', value: 1 }],
          nonMatching: ['[GIN] 2025/03/06 - 11:42:21 | 503 |   42.044125ms |       127.0.0.1 | POST     "/api/generate"', gin(499, "4.210077123s", "/v1/chat/completions"), gin(500, "12ms", "/api/pull")],
        },
      },
    ],
    throttled: [
      {
        // server busy (OLLAMA_MAX_QUEUE): the reason is in the response body only.
        pattern: ginPost("= 503"),
        samples: {
          matching: [{ line: '[GIN] 2025/03/06 - 11:42:21 | 503 |   42.044125ms |       127.0.0.1 | POST     "/api/generate"', value: 1 }],
          nonMatching: ['[GIN] 2023/12/24 - 23:48:35 | 500 |  1.332430527s |       127.0.0.1 | POST     "/api/generate"'],
        },
      },
    ],
    "slow-requests": [
      {
        pattern: FilterPattern.regex(SLOW.join("|")),
        samples: {
          matching: [
            // ollama#9799 (17.9 s), ollama#7024 (a request answered only when the service stopped, 32 min later).
            { line: '[GIN] 2025/03/16 - 23:30:35 | 200 |   17.8993734s |       127.0.0.1 | POST     "/api/chat"', value: 1 },
            { line: '[GIN] 2024/09/29 - 00:10:02 | 500 |        32m31s |   192.168.2.210 | POST     "/api/generate"', value: 1 },
            { line: gin(200, "10s", "/v1/chat/completions"), value: 1 },
          ],
          nonMatching: [
            '[GIN] 2023/12/24 - 23:48:35 | 500 |  1.332430527s |       127.0.0.1 | POST     "/api/generate"',
            '[GIN] 2025/03/06 - 11:42:21 | 503 |   42.044125ms |       127.0.0.1 | POST     "/api/generate"',
            '[GIN] 2025/01/19 - 17:57:37 | 200 |         8m44s |      172.22.0.3 | POST     "/api/pull"',
          ],
        },
      },
    ],
  },
};
