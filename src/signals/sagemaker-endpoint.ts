import { FilterPattern } from "../patterns";
import { anyOccurrence, countAbove, cudaOutOfMemory, outsideBand } from "./common";
import type { WorkloadKindCatalogue } from "./types";

/**
 * A SageMaker real-time endpoint. SageMaker writes the container's stdout/stderr to the log group
 * `/aws/sagemaker/Endpoints/<endpoint-name>`, one stream per `<variant>/<instance-id>`; this
 * product pre-creates that group (retention, KMS) so SageMaker does not create an unmanaged one.
 *
 * Sample lines are TorchServe's log4j layout, as the SageMaker PyTorch inference containers write
 * it (`<date> <time>,<ms> [<LEVEL>] <thread> <logger> - <message>`, ACCESS_LOG lines
 * `/<client>:<port> "<request>" <status> <ms>`; pytorch/serve frontend, e.g.
 * org.pytorch.serve.wlm.WorkerLifeCycle, org.pytorch.serve.wlm.WorkerThread).
 */

const ACCESS = (status: number, path = "/invocations", method = "POST") =>
  `2026-11-24T06:31:07,245 [INFO ] W-9000-model_1.0 ACCESS_LOG - /169.254.178.2:47348 "${method} ${path} HTTP/1.1" ${status} 41`;

/** `[..., logger, dash, client, request, status, millis]`: the access-log columns, right-anchored. */
const accessLog = () =>
  FilterPattern.spaceDelimited("...", "logger", "dash", "client", "request", "status", "millis")
    .whereString("logger", "=", "ACCESS_LOG")
    .whereString("request", "=", "POST /invocations*");

export const sagemakerEndpointCatalogue: WorkloadKindCatalogue = {
  kind: "sagemaker-endpoint",
  title: "Amazon SageMaker real-time endpoint",
  logFormatSource: "TorchServe (pytorch/serve) log4j layout in SageMaker endpoint container logs",
  settings: { key: "sagemaker", required: true },
  logGroupNameTemplate: "/aws/sagemaker/Endpoints/{endpointName}",
  signals: [
    {
      id: "invocations",
      title: "Invocations served by the container",
      pattern: accessLog(),
      metric: { name: "ContainerInvocations", unit: "Count", value: "1" },
      alarm: outsideBand("Sum", "LessThanLowerOrGreaterThanUpperThreshold", "warning"),
      runbook: "Invocation volume left its band: check the callers and the endpoint's autoscaling activity.",
      samples: {
        matching: [
          { line: ACCESS(200), value: 1 },
          { line: ACCESS(500), value: 1 },
        ],
        nonMatching: [ACCESS(200, "/ping", "GET"), "2026-11-24T06:31:07,245 [INFO ] W-9000-model_1.0 org.pytorch.serve.wlm.WorkerThread - Backend response time: 97"],
      },
    },
    {
      id: "invocation-errors",
      title: "Invocations the container answered with 5xx",
      pattern: accessLog().whereString("status", "=", "5*"),
      metric: { name: "ContainerInvocationErrors", unit: "Count", value: "1" },
      alarm: countAbove(5, "critical"),
      runbook: "The model handler fails: read the WorkerLifeCycle traceback just before the 5xx lines.",
      samples: {
        matching: [
          { line: ACCESS(500), value: 1 },
          { line: ACCESS(503), value: 1 },
        ],
        nonMatching: [ACCESS(200), ACCESS(400), ACCESS(500, "/ping", "GET")],
      },
    },
    {
      id: "worker-died",
      title: "Model worker process died",
      pattern: FilterPattern.anyTerm("Backend worker process died", "Load model failed"),
      metric: { name: "WorkerDeaths", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "A worker died or could not load the model: the stdout lines before it hold the Python traceback (OOM, missing file, bad handler).",
      samples: {
        matching: [
          { line: "2026-11-24T06:31:07,666 [INFO ] W-9000-model_1.0-stdout org.pytorch.serve.wlm.WorkerLifeCycle - Backend worker process died.", value: 1 },
          { line: "2026-11-24T06:31:08,001 [ERROR] W-9000-model_1.0 org.pytorch.serve.wlm.WorkerThread - Load model failed: model, error: Worker died.", value: 1 },
        ],
        nonMatching: ["2026-11-24T06:30:01,959 [INFO ] W-9000-model_1.0-stdout org.pytorch.serve.wlm.WorkerLifeCycle - Torch worker started."],
      },
    },
    cudaOutOfMemory({
      matching: [
        { line: "2026-11-24T06:31:07,665 [INFO ] W-9000-model_1.0-stdout org.pytorch.serve.wlm.WorkerLifeCycle - torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB. GPU 0 has a total capacity of 22.06 GiB of which 412.00 MiB is free.", value: 1 },
      ],
      nonMatching: ["2026-11-24T06:31:07,665 [ERROR] W-9000-model_1.0 java.lang.OutOfMemoryError: Java heap space"],
    }),
    {
      id: "backend-latency",
      title: "Model handler latency",
      pattern: FilterPattern.spaceDelimited("...", "w_backend", "w_response", "w_time", "millis")
        .whereString("w_backend", "=", "Backend")
        .whereString("w_response", "=", "response")
        .whereString("w_time", "=", "time:")
        .whereNumber("millis", ">=", 0),
      metric: { name: "BackendLatency", unit: "Milliseconds", value: "$millis" },
      // p90: the slow tail users feel, which an average hides.
      alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
      runbook: "Handler latency is above its band: compare with ModelLatency (AWS/SageMaker) and payload sizes.",
      samples: {
        matching: [
          { line: "2026-11-24T06:31:07,245 [INFO ] W-9000-model_1.0 org.pytorch.serve.wlm.WorkerThread - Backend response time: 97", value: 97 },
          { line: "2026-11-24T06:31:09,880 [INFO ] W-9001-model_1.0 org.pytorch.serve.wlm.WorkerThread - Backend response time: 1834", value: 1834 },
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
      query: "filter @message like /ERROR|Traceback|died|OutOfMemory/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    },
    {
      id: "latency-by-variant",
      title: "Handler latency percentiles by variant/instance (ms)",
      query: "filter @message like /Backend response time/ | parse @message \"Backend response time: *\" as millis | stats pct(millis, 50) as p50, pct(millis, 90) as p90, pct(millis, 99) as p99 by @logStream",
    },
    {
      id: "slowest-requests",
      title: "Slowest handler calls",
      query: "filter @message like /Backend response time/ | parse @message \"Backend response time: *\" as millis | sort millis desc | limit 20 | display @timestamp, @logStream, millis",
    },
  ],
  queryFields: [],
};
