import { FilterPattern, type IFilterPattern } from "../../patterns";
import type { ServingStack } from "./stack";

/**
 * Ray Serve, including Ray Serve LLM: `<LEVEL> <date> <time,ms> <component> <component id> [<request
 * id>] -- <message>` (ray/serve/_private/logging_utils.py, ` -- ` since 2.40; `<file>:<line> - ` before),
 * behind Ray's `(<Actor>:<app>:<deployment> pid=N) ` prefix when a worker's output reaches the driver,
 * with Ray's log dedup appending ` [repeated Nx across cluster]`. Checked against the 2.9.3, 2.44.0 and
 * 2.60.0 wheels. Ray Serve LLM runs vLLM inside the replica: its lines are read by ./vllm.ts.
 *
 * Access lines `<METHOD> <route> <status> <latency>ms` are always INFO, even for a 500. A replica logs
 * the requests it served; the proxy's own access lines go to its log file only (and would count a
 * served request twice), so only their 503s are used. Internal handle calls (`CALL <method> OK`) are
 * not requests.
 */

/** An HTTP access line, right-anchored: `-- <METHOD> <route> <status> <latency>ms`, from `component`. */
function accessLine(component: string, status: string, latency = 'latency = "*ms"'): IFilterPattern {
  return FilterPattern.literal(`[..., component${component}, replica, request_id, separator = "--", method, route, status ${status}, ${latency}]`);
}
const REPLICA = ' != "proxy"';

const access = (status: number, latency: string) =>
  `(ServeReplica:default:OpenAiIngress pid=2211) INFO 2026-07-01 10:00:05,331 default_OpenAiIngress k2p9x0aa 0f9a1c3e-5b7d-4e2a-9c1f-2a6b8d4e7f10 -- POST /v1/chat/completions ${status} ${latency}`;
const PROXY_503 = "INFO 2026-07-01 10:00:06,002 proxy 10.0.3.5 7c1e2d3f-0a9b-4c8d-8e7f-6a5b4c3d2e1f -- POST /v1/chat/completions 503 3.2ms";
const CALL = "(ServeReplica:default:Child pid=1351458) INFO 2025-09-23 05:15:27,528 default_Child s5pl5nb1 57087c4e-c973-4811-97a6-4883fb4af2a6 -- CALL value OK 1.1ms";

export const rayServe: ServingStack = {
  format: { id: "ray-serve", title: "Ray Serve and Ray Serve LLM (stderr or the Serve log files)", source: "ray/serve/_private/logging_utils.py, replica.py, proxy.py, deployment_state.py" },
  crashTerms: [
    "marking it unhealthy", // the controller restarts a replica: no health check response, failed 3 times, actor crashed
    "failed health check", // Ray 2.3: Replica ... failed health check, stopping it.
    "RayActorError", // what a caller sees when the replica actor died
  ],
  crashSamples: [
    "(ServeController pid=1758) WARNING 2026-07-01 10:00:20,114 controller 1758 -- Didn't receive health check response for replica Replica(id='rut1591v', deployment='LLMServer:qwen', app='default') after 10.0s, marking it unhealthy.",
    "WARNING 2023-03-10 09:14:57,187 controller 979 deployment_state.py:1506 - Replica D#DYFbUC of deployment D failed health check, stopping it.",
    "(Handler pid=97598) ray.exceptions.RayActorError: The actor died unexpectedly before finishing this task.",
  ],
  filters: {
    requests: [
      {
        // A numeric status tells HTTP access lines from handle calls (`CALL value OK 1.1ms`).
        pattern: accessLine(REPLICA, ">= 100"),
        samples: {
          matching: [
            // ray#56829 (2.50, driver prefix), ray#48819 (2.40, replica file).
            { line: "(ServeReplica:default:Ingress pid=1351463) INFO 2025-09-23 05:15:27,567 default_Ingress r9k0uop3 57087c4e-c973-4811-97a6-4883fb4af2a6 -- GET /index 200 54.7ms", value: 1 },
            { line: "INFO 2024-11-20 13:53:58,102 default_A iovmsu5e 85000f14-8e31-42a5-a1f4-0fa2d39c549a -- GET /{wildcard} 422 3.7ms", value: 1 },
          ],
          nonMatching: [CALL, PROXY_503],
        },
      },
    ],
    "server-errors": [
      {
        pattern: accessLine(REPLICA, ">= 500 && status != 503"),
        samples: {
          matching: [{ line: access(500, "2113.9ms"), value: 1 }],
          nonMatching: [access(503, "3.2ms"), access(200, "2113.9ms")],
        },
      },
      {
        shape: "request-failed",
        // The replica's own record of a request that raised (before 2.40 with `<file>:<line> - `).
        pattern: FilterPattern.anyTerm("Request failed:"),
        samples: {
          matching: [{ line: "ERROR 2024-07-18 16:15:15,862 TextSearchRerankingTransformerV10_TFServe j28b73mh af31c081-2e1e-4658-9cc8-7f95acf3ec8e /serve replica.py:359 - Request failed:", value: 1 }],
          nonMatching: ['{"timestamp":"2025-08-29T14:40:17.288163Z","level":"ERROR","message":"Request failed during generation: Server error"}'],
        },
      },
    ],
    throttled: [
      {
        // max_queued_requests reached: 503 (429 with the opt-in backpressure config), from the proxy or a replica.
        pattern: accessLine("", "= 503 || status = 429"),
        samples: {
          matching: [{ line: PROXY_503, value: 1 }],
          nonMatching: [access(500, "2113.9ms"), CALL],
        },
      },
      {
        shape: "backpressure",
        // The caller's WARNING when a deployment handle rejects (ray#52624, 2.44).
        pattern: FilterPattern.anyTerm("Request dropped due to backpressure"),
        samples: {
          matching: [{ line: "(ServeReplica:default:Parent pid=366594) WARNING 2025-04-25 23:33:15,376 default_Parent alg5lde8 cfd6ec2d-a3f8-49d5-9728-3f7f6ca8f58b -- Request dropped due to backpressure (num_queued_requests=1, max_queued_requests=1).", value: 1 }],
          nonMatching: [PROXY_503],
        },
      },
    ],
    "slow-requests": [
      {
        // `{latency_ms:.1f}ms`: five digits before the dot is 10 s or more.
        pattern: accessLine(REPLICA, ">= 100", "latency = %^[0-9]{5,}\\.[0-9]ms$%"),
        samples: {
          matching: [{ line: access(200, "12541.3ms"), value: 1 }],
          nonMatching: [access(200, "2113.9ms"), access(500, "9999.9ms")],
        },
      },
    ],
  },
};
