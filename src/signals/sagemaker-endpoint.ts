import { FilterPattern } from "../patterns";
import { anyOccurrence, countAbove, cudaOutOfMemory, outsideBand } from "./common";
import { logSilenceAlarm } from "./log-silence";
import type { LogFormat, WorkloadKindCatalogue } from "./types";

/**
 * A SageMaker real-time endpoint. SageMaker writes the container's stdout/stderr to the log group
 * `/aws/sagemaker/Endpoints/<endpoint-name>`, one stream per `<variant>/<instance-id>`, adding nothing
 * to the message; this product pre-creates that group (retention, KMS) so SageMaker does not create an
 * unmanaged one. What a line means depends on the serving stack in the container, so each stack is a
 * log format (real lines: __tests__/signals/real-lines/sagemaker-*.yaml):
 *
 * - `torchserve`: TorchServe (PyTorch inference DLCs) and its predecessor Multi Model Server (MXNet,
 *   PyTorch <= 1.5, older Hugging Face images), log4j `<date> [<LEVEL>] <thread> <logger> - <message>`.
 *   Access lines `/<client>:<port> "POST /invocations HTTP/1.1" <status> <ms>` on logger ACCESS_LOG; a
 *   dead Python worker prints `Backend worker process died.` (MMS: `... process die.`), re-logged at INFO; a failed load is a WARN
 *   `Load model failed: <model>, error: ...`; `Backend response time: <ms>` answers every worker
 *   command, model loads included (pytorch/serve WorkerThread.java logs it before the command switch).
 * - `djl-lmi`: DJL Serving / Large Model Inference, `[<LEVEL>] <logger> - <message>`; the Python engine
 *   crashing is `predict[init=false] exception` (sync) or `Restarting python worker` (async), failing to
 *   load is `predict[init=true] exception` (PyProcess.java); no access lines (they go to a file).
 * - `tgi`: Hugging Face TGI (HF LLM DLC), text output with ANSI codes stored as `#033[..m`; a `Success`
 *   line per served request (its durations are Rust strings with mixed units, not numbers), `Request
 *   failed during generation` per failed one, launcher lines `Shard <n> failed to start`,
 *   `Shard <n> crashed`, `Webserver Crashed`; no access lines.
 * - `vllm`: vLLM-based containers: uvicorn access lines without latency, engine death
 *   `Engine core proc ... died unexpectedly` (V1) / `AsyncLLMEngine is already dead` (V0), start-up
 *   failure `EngineCore failed to start` / `Engine process failed to start`.
 * - `nginx-gunicorn`: sagemaker-inference-toolkit containers (scikit-learn, XGBoost, your own):
 *   gunicorn worker deaths (`was terminated due to signal`, `was sent SIGKILL!`, `WORKER TIMEOUT`) and
 *   `Reason: Worker failed to boot.`.
 *
 * Access lines of every stack that writes them are counted by one filter (`POST /invocations`, the
 * only request path SageMaker sends; `/ping` health checks are left out). Request counts, errors and
 * latency of stacks without access lines come from the AWS/SageMaker service metrics.
 */

export const SAGEMAKER_FORMATS: readonly LogFormat[] = [
  { id: "torchserve", title: "TorchServe / Multi Model Server log4j output", source: "pytorch/serve frontend/server/src/main/resources/log4j2.xml; awslabs/multi-model-server" },
  { id: "djl-lmi", title: "DJL Serving / LMI console output", source: "deepjavalibrary/djl-serving serving/src/main/conf/log4j2-plain.xml, engines/python/.../PyProcess.java" },
  { id: "tgi", title: "Hugging Face TGI text output (HF LLM DLC)", source: "huggingface/text-generation-inference launcher/src/main.rs, router/src/server.rs" },
  { id: "vllm", title: "vLLM OpenAI server (vLLM-based containers)", source: "vllm-project/vllm vllm/logger.py, uvicorn access log" },
  { id: "nginx-gunicorn", title: "nginx + gunicorn (sagemaker-inference-toolkit containers)", source: "aws/sagemaker-inference-toolkit; gunicorn/arbiter.py" },
];

/** An access line as TorchServe prints it on a real endpoint (SageMaker's client is 169.254.178.2). */
const ACCESS = (status: number, path = "/invocations", method = "POST", millis = 41) =>
  `2026-11-24T06:31:07,245 [INFO ] W-9000-model_1.0 ACCESS_LOG - /169.254.178.2:47348 "${method} ${path} HTTP/1.1" ${status} ${millis}`;
/** The same request as uvicorn (vLLM) prints it: no latency, a reason phrase instead. */
const UVICORN = (status: string, path = "/invocations", method = "POST") => `(APIServer pid=1) INFO:     169.254.178.2:51286 - "${method} ${path} HTTP/1.1" ${status}`;
const TGI_SUCCESS =
  '2024-05-01T12:00:00.123456Z  INFO compat_generate{default_return_full_text=true}:generate{total_time="4.120336814s" validation_time="1.187893ms" queue_time="80.511µs" inference_time="4.119068410s" time_per_token="16.090111ms"}: text_generation_router::server: router/src/server.rs:311: Success';

/** Every access line of an invocation (TorchServe, MMS, uvicorn, nginx), not nginx error lines quoting the request. */
const INVOCATION = "POST /invocations HTTP/1.";

export const sagemakerEndpointCatalogue: WorkloadKindCatalogue = {
  kind: "sagemaker-endpoint",
  title: "Amazon SageMaker real-time endpoint",
  logFormatSource: "Container output of the SageMaker serving stacks: TorchServe/MMS, DJL Serving (LMI), Hugging Face TGI, vLLM, nginx + gunicorn",
  formats: SAGEMAKER_FORMATS,
  settings: { key: "sagemaker", required: true },
  logGroupNameTemplate: "/aws/sagemaker/Endpoints/{endpointName}",
  signals: [
    {
      id: "invocations",
      title: "Invocations served by the container",
      pattern: FilterPattern.termsExcluding([INVOCATION], ["request: "]),
      metric: { name: "ContainerInvocations", unit: "Count", value: "1" },
      alarm: outsideBand("Sum", "LessThanLowerOrGreaterThanUpperThreshold", "warning"),
      runbook: "Invocation volume left its band: check the callers and the endpoint's autoscaling activity.",
      samples: {
        matching: [
          { line: ACCESS(200), value: 1 },
          { line: ACCESS(500), value: 1 },
          { line: UVICORN("200 OK"), value: 1 },
        ],
        nonMatching: [
          ACCESS(200, "/ping", "GET"),
          UVICORN("200 OK", "/ping", "GET"),
          '2025/12/13 02:38:23 [error] 15#15: *7 upstream prematurely closed connection while reading response header from upstream, client: 169.254.178.2, server: , request: "POST /invocations HTTP/1.1", upstream: "http://unix:/tmp/gunicorn.sock:/invocations"',
          "2026-11-24T06:31:07,245 [INFO ] W-9000-model_1.0 org.pytorch.serve.wlm.WorkerThread - Backend response time: 97",
        ],
      },
      variants: [
        {
          // TGI writes no access line: its Success event stands for a served request (failures are counted in invocation-errors).
          format: "tgi",
          pattern: FilterPattern.allTerms("Success", "total_time"),
          samples: {
            matching: [{ line: TGI_SUCCESS, value: 1 }],
            nonMatching: ["2024-03-06T17:53:22.335714Z  INFO download: text_generation_launcher: Successfully downloaded weights."],
          },
        },
      ],
    },
    {
      id: "invocation-errors",
      title: "Invocations the container answered with 5xx",
      // The status follows the quoted request line in every access format: `"POST /invocations HTTP/1.1" 503 ...`.
      pattern: FilterPattern.regex("POST /invocations HTTP/1\\.[01]\\x22 5[0-9][0-9] "),
      metric: { name: "ContainerInvocationErrors", unit: "Count", value: "1" },
      alarm: countAbove(5, "critical"),
      runbook: "The model handler fails: read the worker's traceback just before the 5xx lines (TorchServe: the -stdout/MODEL_LOG lines).",
      samples: {
        matching: [
          { line: ACCESS(500), value: 1 },
          { line: ACCESS(503, "/invocations", "POST", 0), value: 1 },
          { line: UVICORN("500 Internal Server Error"), value: 1 },
        ],
        nonMatching: [ACCESS(200), ACCESS(400), ACCESS(500, "/ping", "GET"), UVICORN("200 OK")],
      },
      variants: [
        {
          format: "tgi",
          pattern: FilterPattern.allTerms("Request failed during generation"),
          samples: {
            matching: [
              {
                line: "2023-07-19T21:02:09.436417Z ERROR compat_generate{default_return_full_text=true}:generate{parameters=GenerateParameters { max_new_tokens: Some(20) }}:generate:generate{request=GenerateRequest { inputs: \"...\" }}:infer:send_error: text_generation_router::infer: router/src/infer.rs:554: Request failed during generation: Server error: CUDA out of memory. Tried to allocate 16.00 MiB",
                value: 1,
              },
            ],
            nonMatching: [TGI_SUCCESS, "2024-05-21T06:25:30.209697Z ERROR generate_stream{}:async_stream:generate_stream: text_generation_router::infer: router/src/infer.rs:130: no permits available"],
          },
        },
      ],
    },
    {
      id: "worker-died",
      title: "Model worker process died",
      format: "torchserve",
      // One line per death: the Python worker's own (MMS spells it "process die.", TorchServe "process
      // died."). `Worker disconnected`, `Load model failed: ... Worker died.` and `Retry worker` follow it.
      pattern: FilterPattern.anyTerm("Backend worker process die"),
      metric: { name: "WorkerDeaths", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "A model worker died: the lines before it hold the Python traceback (OOM, bad handler); a worker killed by the OOM killer shows only as 'Worker disconnected'.",
      samples: {
        matching: [
          { line: "2026-11-24T06:31:07,666 [INFO ] W-9000-model_1.0-stdout org.pytorch.serve.wlm.WorkerLifeCycle - Backend worker process died.", value: 1 },
          { line: "2026-11-24T06:31:07,666 [INFO ] W-9000-model_1.0-stdout MODEL_LOG - Backend worker process died.", value: 1 },
          { line: "2020-05-12 08:41:02,511 [INFO ] W-9000-model-stdout com.amazonaws.ml.mms.wlm.WorkerLifeCycle - Backend worker process die.", value: 1 },
        ],
        nonMatching: [
          "2026-11-24T06:30:01,959 [INFO ] W-9000-model_1.0-stdout org.pytorch.serve.wlm.WorkerLifeCycle - Torch worker started.",
          "2026-11-24T06:31:07,665 [INFO ] epollEventLoopGroup-5-2 org.pytorch.serve.wlm.WorkerThread - 9000 Worker disconnected. WORKER_MODEL_LOADED",
          "2021-07-03 12:39:08,238 [DEBUG] W-9001-dummy_1.0 org.pytorch.serve.wlm.WorkerThread - Backend worker monitoring thread interrupted or backend worker process died.",
          "2026-11-24T06:31:07,667 [WARN ] W-9000-model_1.0 org.pytorch.serve.wlm.BatchAggregator - Load model failed: model, error: Worker died.",
        ],
      },
      variants: [
        {
          format: "djl-lmi",
          // Sync mode logs the failed predict (then "Restart python process ..."); async mode only its restart.
          pattern: FilterPattern.anyTerm("predict[init=false] exception", "Restarting python worker"),
          samples: {
            matching: [
              { line: "[ERROR] PyProcess - predict[init=false] exception: java.util.concurrent.TimeoutException", value: 1 },
              { line: "[ERROR] PyProcess - Restarting python worker", value: 1 },
            ],
            nonMatching: ["[INFO ] PyProcess - Restart python process ...", "[ERROR] PyProcess - predict[init=true] exception: ai.djl.engine.EngineException"],
          },
        },
        {
          format: "tgi",
          pattern: FilterPattern.regex("Shard [0-9]+ crashed|Webserver Crashed"),
          samples: {
            matching: [
              { line: "2024-04-23T08:26:48.209311Z ERROR text_generation_launcher: Webserver Crashed", value: 1 },
              { line: "2024-05-01T13:00:00.120001Z ERROR text_generation_launcher: Shard 1 crashed", value: 1 },
            ],
            nonMatching: ["2024-04-23T08:26:48.480196Z  INFO shard-manager: text_generation_launcher: Shard terminated rank=3", "Error: ShardFailed"],
          },
        },
        {
          format: "vllm",
          // Printed once per death; EngineDeadError repeats on every request after it.
          pattern: FilterPattern.anyTerm("died unexpectedly, shutting down client", "is already dead, terminating server process"),
          samples: {
            matching: [
              { line: "(APIServer pid=1) ERROR 01-16 17:16:49 [core_client.py:605] Engine core proc EngineCore_DP0 died unexpectedly, shutting down client.", value: 1 },
              { line: "CRITICAL 01-24 07:01:39 launcher.py:88] AsyncLLMEngine is already dead, terminating server process", value: 1 },
            ],
            nonMatching: ["(APIServer pid=1) ERROR 05-12 01:48:42 [api_router.py:72] vllm.v1.engine.exceptions.EngineDeadError: EngineCore encountered an issue. See stack trace (above) for the root cause."],
          },
        },
        {
          format: "nginx-gunicorn",
          // gunicorn 20: a WARNING per signalled worker; 21+: an ERROR "was sent SIGKILL! Perhaps out of memory?"; timeouts first say so.
          pattern: FilterPattern.anyTerm("was terminated due to signal", "was sent SIG", "WORKER TIMEOUT"),
          samples: {
            matching: [
              { line: "[2022-05-17 01:20:15 +0000] [7] [WARNING] Worker with pid 17 was terminated due to signal 9", value: 1 },
              { line: "[2025-12-13 02:41:07 +0000] [15] [ERROR] Worker (pid:31) was sent SIGKILL! Perhaps out of memory?", value: 1 },
              { line: "[2025-12-13 02:40:31 +0000] [15] [CRITICAL] WORKER TIMEOUT (pid:31)", value: 1 },
            ],
            nonMatching: ["[2022-05-17 01:20:16 +0000] [17] [INFO] Booting worker with pid: 17"],
          },
        },
      ],
    },
    {
      id: "model-load-failed",
      title: "Model failed to load",
      format: "torchserve",
      pattern: FilterPattern.anyTerm("Load model failed"),
      metric: { name: "ModelLoadFailures", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "The model does not load (the endpoint cannot serve): read the traceback before it; missing files, a bad handler, or a model too big for the instance's GPU memory.",
      samples: {
        matching: [
          { line: "2024-03-22T11:42:11,124 [WARN ] W-9000-resnet_1.0 org.pytorch.serve.wlm.BatchAggregator - Load model failed: resnet, error: Worker died.", value: 1 },
          { line: "2021-04-13 17:56:47,666 [WARN ] W-9000-model_1 com.amazonaws.ml.mms.wlm.BatchAggregator - Load model failed: model, error: Worker died.", value: 1 },
        ],
        nonMatching: ["2024-03-22T11:42:11,128 [INFO ] W-9000-resnet_1.0 org.pytorch.serve.wlm.WorkerThread - Retry worker: 9000 in 1 seconds."],
      },
      variants: [
        {
          format: "djl-lmi",
          pattern: FilterPattern.anyTerm("predict[init=true] exception"),
          samples: {
            matching: [{ line: "[ERROR] PyProcess - predict[init=true] exception: ai.djl.engine.EngineException", value: 1 }],
            nonMatching: ["[ERROR] PyProcess - predict[init=false] exception: java.util.concurrent.TimeoutException", "[INFO ] PyProcess - Start process: 19000 - retry: 0"],
          },
        },
        {
          format: "tgi",
          pattern: FilterPattern.allTerms("text_generation_launcher", "failed to start"),
          samples: {
            matching: [
              { line: "2024-03-06T17:53:31.149443Z ERROR text_generation_launcher: Shard 0 failed to start", value: 1 },
              { line: "#033[2m2024-04-18T22:49:31.027113Z#033[0m #033[31mERROR#033[0m #033[2mtext_generation_launcher#033[0m#033[2m:#033[0m Shard 0 failed to start", value: 1 },
            ],
            nonMatching: ["Error: ShardCannotStart", "ERROR 05-23 09:31:47 [core.py:396] EngineCore failed to start."],
          },
        },
        {
          format: "vllm",
          // V1 engine core, V0 front end; V1's "Engine core initialization failed" follows the first and is not counted.
          pattern: FilterPattern.anyTerm("EngineCore failed to start", "Engine process failed to start"),
          samples: {
            matching: [
              { line: "(EngineCore_DP0 pid=244) ERROR 07-15 21:01:01 [core.py:1240] EngineCore failed to start.", value: 1 },
              { line: "RuntimeError: Engine process failed to start", value: 1 },
            ],
            nonMatching: ["(APIServer pid=1) RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {}"],
          },
        },
        {
          format: "nginx-gunicorn",
          pattern: FilterPattern.anyTerm("Reason: Worker failed to boot", "Reason: App failed to load"),
          samples: {
            matching: [{ line: "[2022-05-17 01:20:16 +0000] [7] [INFO] Reason: Worker failed to boot.", value: 1 }],
            nonMatching: ["[2022-05-17 01:20:16 +0000] [17] [INFO] Booting worker with pid: 17"],
          },
        },
      ],
    },
    cudaOutOfMemory({
      matching: [
        { line: "2026-11-24T06:31:07,665 [INFO ] W-9000-model_1.0-stdout org.pytorch.serve.wlm.WorkerLifeCycle - torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB. GPU 0 has a total capacity of 22.06 GiB of which 412.00 MiB is free.", value: 1 },
        { line: "[WARN ] PyProcess - W-222-0dc4f4f9c09dd8a-stderr: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.", value: 1 },
      ],
      nonMatching: ["2026-11-24T06:31:07,665 [ERROR] W-9000-model_1.0 java.lang.OutOfMemoryError: Java heap space"],
    }),
    {
      id: "request-latency",
      title: "Invocation latency in the container (TorchServe access lines)",
      format: "torchserve",
      // `[..., logger, dash, client, request, status, millis]`: right-anchored, so a local-mode prefix does not matter.
      pattern: FilterPattern.spaceDelimited("...", "logger", "dash", "client", "request", "status", "millis")
        .whereString("logger", "=", "ACCESS_LOG")
        .whereString("request", "=", "POST /invocations*")
        .whereNumber("millis", ">=", 0),
      metric: { name: "ContainerRequestLatency", unit: "Milliseconds", value: "$millis" },
      // p90: the slow tail users feel, which an average hides.
      alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
      runbook: "Requests take longer in the container (queue and handler): compare with backend-latency (handler only) and ModelLatency (AWS/SageMaker).",
      samples: {
        matching: [
          { line: ACCESS(200, "/invocations", "POST", 125), value: 125 },
          { line: `algo-1-xr0n7_1  | ${ACCESS(500, "/invocations", "POST", 12)}`, value: 12 },
        ],
        nonMatching: [ACCESS(200, "/ping", "GET", 54), UVICORN("200 OK")],
      },
    },
    {
      id: "backend-latency",
      title: "Model handler latency",
      format: "torchserve",
      pattern: FilterPattern.spaceDelimited("...", "w_backend", "w_response", "w_time", "millis")
        .whereString("w_backend", "=", "Backend")
        .whereString("w_response", "=", "response")
        .whereString("w_time", "=", "time:")
        .whereNumber("millis", ">=", 0),
      metric: { name: "BackendLatency", unit: "Milliseconds", value: "$millis" },
      // p90: the slow tail users feel, which an average hides.
      alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
      runbook: "Handler latency is above its band (model loads count too): compare with request-latency and ModelLatency (AWS/SageMaker).",
      samples: {
        matching: [
          { line: "2026-11-24T06:31:07,245 [INFO ] W-9000-model_1.0 org.pytorch.serve.wlm.WorkerThread - Backend response time: 97", value: 97 },
          { line: "algo-1-pmyh1_1  | 2019-11-11 16:30:48,564 [INFO ] W-9022-model com.amazonaws.ml.mms.wlm.WorkerThread - Backend response time: 462", value: 462 },
        ],
        nonMatching: [ACCESS(200), "2026-11-24T06:31:07,245 [INFO ] W-9000-model_1.0 org.pytorch.serve.wlm.WorkerThread - Backend response time: slow"],
      },
    },
  ],
  ratios: [
    {
      id: "error-rate",
      title: "Share of invocations answered with 5xx",
      numerator: "invocation-errors",
      denominator: "invocations",
      scale: 100,
      alarm: countAbove(5, "critical", 300, 2),
      runbook: "More than 5% of invocations fail: check worker-died and cuda-oom, then roll back the model if it was just deployed.",
    },
  ],
  serviceAlarms: [
    // TorchServe's metrics collector prints host metric lines (`TS_METRICS - CPUUtilization.Percent:...`,
    // `DiskUtilization...`, __tests__/signals/real-lines/sagemaker-torchserve.yaml) every minute with or
    // without traffic, MMS likewise: a quarter of an hour without a line is a container gone or hung.
    // LMI and TGI containers log per request (LMI's access log is a file), so they may need longer.
    logSilenceAlarm({
      title: "Endpoint container stopped logging",
      minutes: 15,
      runbook: "No log event from any instance for 15 minutes: the container crashed in a loop before logging, hangs, or the endpoint was deleted or scaled to zero; check the endpoint status and the variant's instances. Containers that log only per request can set a longer period.",
    }),
    {
      id: "invocation-5xx",
      title: "Endpoint 5XX errors (AWS/SageMaker)",
      namespace: "AWS/SageMaker",
      metricName: "Invocation5XXErrors",
      dimensions: { EndpointName: "endpointName", VariantName: "variantNames" },
      alarm: countAbove(5, "critical"),
      runbook: "SageMaker returns 5XX for this variant: check the container log and the variant's instance health.",
    },
    {
      id: "model-latency",
      title: "Model latency (AWS/SageMaker, microseconds)",
      namespace: "AWS/SageMaker",
      metricName: "ModelLatency",
      dimensions: { EndpointName: "endpointName", VariantName: "variantNames" },
      alarm: outsideBand("Average", "GreaterThanUpperThreshold", "warning"),
      runbook: "ModelLatency is above its band: check instance utilization and whether autoscaling keeps up.",
    },
  ],
  queries: [
    {
      id: "top-errors",
      title: "Most frequent error lines by instance",
      query:
        "filter @message like /ERROR|Traceback|died|Crashed|crashed|failed to start|OutOfMemory|out of memory|exception|SIGKILL|WORKER TIMEOUT/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    },
    {
      id: "latency-by-variant",
      title: "Handler latency percentiles by variant/instance (ms)",
      query: "filter @message like /Backend response time/ | parse @message \"Backend response time: *\" as millis | stats pct(millis, 50) as p50, pct(millis, 90) as p90, pct(millis, 99) as p99 by @logStream",
      formats: ["torchserve"],
    },
    {
      id: "slowest-requests",
      title: "Slowest invocations (TorchServe access lines)",
      query:
        "filter @message like /ACCESS_LOG/ and @message like /POST \\/invocations/ | parse @message /(?<status>\\d{3}) (?<millis>\\d+)$/ | sort millis desc | limit 20 | display @timestamp, @logStream, status, millis",
      formats: ["torchserve"],
    },
  ],
  queryFields: [],
};
