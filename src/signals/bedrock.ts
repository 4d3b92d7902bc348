import { FilterPattern } from "../patterns";
import { countAbove, outsideBand } from "./common";
import type { BedrockSettingsConfig } from "../config/monitoring-schema";
import { logSilenceAlarm } from "./log-silence";
import type { SignalPreset, WorkloadKindCatalogue } from "./types";

/**
 * Amazon Bedrock model invocation logging delivered to CloudWatch Logs (log stream
 * `aws/bedrock/modelinvocations`). Format: the `ModelInvocationLog` schema, version 1.0
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html), as real
 * records carry it (__tests__/signals/real-lines/bedrock-invocation-logs.yaml):
 *
 * - `timestamp`, `accountId`, `region`, `requestId`, `operation`, `modelId`, `identity.arn`,
 *   `inferenceRegion` (cross-region profiles), `schemaType`, `schemaVersion`; key order varies.
 * - Failed calls carry a top-level `errorCode` and no `input` or `output` at all, so token filters
 *   skip them; throttling (`ThrottlingException`) is the most frequent one.
 * - `input.inputTokenCount` excludes prompt-cache tokens, which newer records count in
 *   `input.cacheReadInputTokenCount` / `cacheWriteInputTokenCount` (a cached prompt shows 3 input tokens
 *   next to 24,479 written to the cache).
 * - `output.outputBodyJson` is only there with text delivery on (bodies over 100 KB go to S3). It is an
 *   object for InvokeModel, Converse and ConverseStream (logged aggregated, with `stopReason` and
 *   `metrics.latencyMs`), and an array of stream chunks for InvokeModelWithResponseStream. Only
 *   Converse* bodies have a latency; AWS/Bedrock InvocationLatency covers every operation.
 * - `modelId` is the id as called: a foundation-model id, a cross-region profile id (`us.`,
 *   `global.`) or an inference-profile ARN; the ModelId dimension takes it as it is.
 * - Guardrails: Converse reports `stopReason` "guardrail_intervened"; InvokeModel bodies carry
 *   `"amazon-bedrock-guardrailAction": "INTERVENED"` with the model's own stop reason unchanged.
 */

const ANY_INVOCATION = FilterPattern.stringValue("$.schemaType", "=", "ModelInvocationLog");
const CLAUDE = "anthropic.claude-3-5-sonnet-20240620-v1:0";
const NOVA = "amazon.nova-micro-v1:0";

/** A Converse invocation record with text delivery on (bodies, stop reason and latency logged). */
function converse(modelId: string, input: number, output: number, latencyMs: number, stopReason = "end_turn"): string {
  return JSON.stringify({
    schemaType: "ModelInvocationLog",
    schemaVersion: "1.0",
    timestamp: "2026-11-24T06:31:07Z",
    accountId: "222222222222",
    identity: { arn: "arn:aws:sts::222222222222:assumed-role/support-bot/session-1" },
    region: "us-east-1",
    requestId: "915a6a04-3f83-4c70-a277-7fbf7ea546b3",
    operation: "Converse",
    modelId,
    input: { inputContentType: "application/json", inputBodyJson: { messages: [{ role: "user", content: [{ text: "Where is my order?" }] }] }, inputTokenCount: input },
    output: {
      outputContentType: "application/json",
      outputBodyJson: { output: { message: { role: "assistant", content: [{ text: "..." }] } }, stopReason, metrics: { latencyMs }, usage: { inputTokens: input, outputTokens: output, totalTokens: input + output } },
      outputTokenCount: output,
    },
  });
}

/** An InvokeModel record without a latency in its body (the model's native response format). */
const INVOKE_MODEL = JSON.stringify({
  schemaType: "ModelInvocationLog",
  schemaVersion: "1.0",
  timestamp: "2026-11-24T06:31:09Z",
  accountId: "222222222222",
  identity: { arn: "arn:aws:sts::222222222222:assumed-role/batch-summarizer/session-7" },
  region: "us-east-1",
  requestId: "a1b2c3d4-5678-90ab-cdef-111111111111",
  operation: "InvokeModel",
  modelId: NOVA,
  input: { inputContentType: "application/json", inputTokenCount: 15 },
  output: { outputContentType: "application/json", outputTokenCount: 120 },
});

/** A failed invocation: an error code and no output. */
const FAILED = JSON.stringify({
  schemaType: "ModelInvocationLog",
  schemaVersion: "1.0",
  timestamp: "2026-11-24T06:31:11Z",
  accountId: "222222222222",
  identity: { arn: "arn:aws:sts::222222222222:assumed-role/support-bot/session-1" },
  region: "us-east-1",
  requestId: "0c9e2d1a-7777-4b4b-9c9c-222222222222",
  operation: "Converse",
  modelId: CLAUDE,
  errorCode: "ModelTimeoutException",
  input: { inputContentType: "application/json", inputTokenCount: 2048 },
});

const DELIVERY_TEST = JSON.stringify({ schemaType: "ModelInvocationLogDeliveryTest", message: "not an invocation" });

const GUARDRAIL_ACTION = "amazon-bedrock-guardrailAction";

/** An InvokeModel record with text delivery on: the model's native response body, or its stream chunks. */
function invokeModel(outputBodyJson: unknown): string {
  const record = JSON.parse(INVOKE_MODEL) as Record<string, Record<string, unknown>>;
  return JSON.stringify({ ...record, output: { ...record.output, outputBodyJson } });
}

/** A record whose prompt was partly read from or written to the prompt cache. */
const CACHED = JSON.stringify({
  timestamp: "2026-04-19T23:57:01Z",
  accountId: "222222222222",
  region: "us-west-2",
  requestId: "5346af27-8f56-4fb8-a6de-058be7a50818",
  operation: "ConverseStream",
  modelId: CLAUDE,
  input: { inputContentType: "application/json", inputTokenCount: 3, cacheReadInputTokenCount: 1200, cacheWriteInputTokenCount: 24479 },
  output: { outputContentType: "application/json", outputTokenCount: 52 },
  schemaType: "ModelInvocationLog",
  schemaVersion: "1.0",
});

/**
 * Prompt-cache tokens, which `inputTokenCount` leaves out; only records with a count above 0 publish
 * (most calls read and write nothing).
 */
function cacheTokens(id: string, title: string, metric: string, key: string, runbook: string): SignalPreset {
  const selector = `$.input.${key}`;
  const value = key === "cacheReadInputTokenCount" ? 1200 : 24479;
  return {
    id,
    title,
    pattern: FilterPattern.all(ANY_INVOCATION, FilterPattern.numberValue(selector, ">", 0)),
    metric: { name: metric, unit: "Count", value: selector, dimensions: { ModelId: "$.modelId" } },
    alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
    runbook,
    ...(key === "cacheReadInputTokenCount"
      ? { unprovenBecause: "no public invocation record with a cache read above 0 was found; real records carry the field (as 0) next to cacheWriteInputTokenCount, which is proven above 0" }
      : {}),
    samples: {
      matching: [{ line: CACHED, value, dimensions: { ModelId: CLAUDE } }],
      nonMatching: [converse(CLAUDE, 35, 446, 3640), FAILED, JSON.stringify({ ...JSON.parse(CACHED), input: { inputTokenCount: 3, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 } })],
    },
  };
}

export const bedrockCatalogue: WorkloadKindCatalogue = {
  kind: "bedrock",
  title: "Amazon Bedrock model invocation logs",
  logFormatSource: "Bedrock ModelInvocationLog schema 1.0 (docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html)",
  carriesPrompts: true,
  settings: { key: "bedrock", required: true },
  // Without text delivery Bedrock logs neither body: latency, guardrail and body queries have nothing to read.
  unloggedFields: (settings) => {
    const logging = (settings as BedrockSettingsConfig | undefined)?.invocationLogging;
    if (logging?.textDataDelivery !== false) return [];
    const because = "bedrock.invocationLogging.textDataDelivery is false";
    return [
      { path: "input.inputBodyJson", because },
      { path: "output.outputBodyJson", because },
    ];
  },
  signals: [
    {
      id: "invocations",
      title: "Model invocations",
      pattern: ANY_INVOCATION,
      metric: { name: "Invocations", unit: "Count", value: "1" },
      alarm: outsideBand("Sum", "LessThanLowerOrGreaterThanUpperThreshold", "warning"),
      runbook: "Invocation volume left its band: a spike (retry storm, abuse, cost) or a drop (client outage).",
      samples: {
        matching: [
          { line: converse(CLAUDE, 35, 446, 3640), value: 1 },
          { line: FAILED, value: 1 },
        ],
        nonMatching: [DELIVERY_TEST],
      },
    },
    {
      id: "invocation-errors",
      title: "Failed invocations",
      pattern: FilterPattern.all(ANY_INVOCATION, FilterPattern.exists("$.errorCode")),
      metric: { name: "InvocationErrors", unit: "Count", value: "1" },
      alarm: countAbove(10, "critical"),
      runbook: "Group by errorCode and modelId in the top-errors query: throttling (ThrottlingException, also the throttles alarm), validation and timeouts need different fixes.",
      samples: {
        matching: [{ line: FAILED, value: 1 }],
        nonMatching: [converse(CLAUDE, 35, 446, 3640), INVOKE_MODEL],
      },
    },
    {
      id: "input-tokens",
      title: "Input tokens per model",
      pattern: FilterPattern.all(ANY_INVOCATION, FilterPattern.exists("$.input.inputTokenCount")),
      metric: { name: "InputTokens", unit: "Count", value: "$.input.inputTokenCount", dimensions: { ModelId: "$.modelId" } },
      alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Input tokens are above their band: find the caller (identity.arn) in the tokens-by-model query.",
      samples: {
        matching: [
          { line: converse(CLAUDE, 35, 446, 3640), value: 35, dimensions: { ModelId: CLAUDE } },
          { line: INVOKE_MODEL, value: 15, dimensions: { ModelId: NOVA } },
        ],
        nonMatching: [DELIVERY_TEST],
      },
    },
    {
      id: "output-tokens",
      title: "Output tokens per model",
      pattern: FilterPattern.all(ANY_INVOCATION, FilterPattern.exists("$.output.outputTokenCount")),
      metric: { name: "OutputTokens", unit: "Count", value: "$.output.outputTokenCount", dimensions: { ModelId: "$.modelId" } },
      alarm: outsideBand("Sum", "GreaterThanUpperThreshold", "warning"),
      runbook: "Output tokens are above their band: check maxTokens of the top callers and for runaway agent loops.",
      samples: {
        matching: [
          { line: converse(CLAUDE, 35, 446, 3640), value: 446, dimensions: { ModelId: CLAUDE } },
          { line: INVOKE_MODEL, value: 120, dimensions: { ModelId: NOVA } },
        ],
        nonMatching: [FAILED, DELIVERY_TEST],
      },
    },
    cacheTokens("cache-read-tokens", "Prompt-cache read tokens per model", "CacheReadInputTokens", "cacheReadInputTokenCount", "Cache reads are above their band: more traffic reuses cached prompts (cheap), or a loop resends the same long context."),
    cacheTokens("cache-write-tokens", "Prompt-cache write tokens per model", "CacheWriteInputTokens", "cacheWriteInputTokenCount", "Cache writes are above their band: prompts change before their cache is reused (writes cost more than plain input); check the prompt prefix."),
    {
      id: "latency",
      title: "Converse latency per model",
      pattern: FilterPattern.all(ANY_INVOCATION, FilterPattern.exists("$.output.outputBodyJson.metrics.latencyMs")),
      metric: { name: "Latency", unit: "Milliseconds", value: "$.output.outputBodyJson.metrics.latencyMs", dimensions: { ModelId: "$.modelId" } },
      // p90: the slow tail users feel, which an average hides.
      alarm: outsideBand("p90", "GreaterThanUpperThreshold", "warning"),
      runbook: "Latency is above its band: compare with output tokens (longer answers) and InvocationLatency of AWS/Bedrock (service side).",
      samples: {
        matching: [{ line: converse(CLAUDE, 35, 446, 3640), value: 3640, dimensions: { ModelId: CLAUDE } }],
        nonMatching: [INVOKE_MODEL, FAILED],
      },
    },
    {
      id: "guardrail-interventions",
      title: "Guardrail interventions",
      pattern: FilterPattern.all(
        ANY_INVOCATION,
        FilterPattern.any(
          FilterPattern.stringValue("$.output.outputBodyJson.stopReason", "=", "guardrail_intervened"),
          // InvokeModel: the native body (an object) or one of its stream chunks (an array) says so.
          FilterPattern.stringValue(`$.output.outputBodyJson.['${GUARDRAIL_ACTION}']`, "=", "INTERVENED"),
          FilterPattern.stringValue(`$.output.outputBodyJson[*].['${GUARDRAIL_ACTION}']`, "=", "INTERVENED"),
        ),
      ),
      metric: { name: "GuardrailInterventions", unit: "Count", value: "1" },
      alarm: countAbove(20, "warning"),
      runbook: "Many blocked answers: review the blocked prompts (masked) for abuse, or a guardrail policy change.",
      samples: {
        matching: [
          { line: converse(CLAUDE, 310, 12, 420, "guardrail_intervened"), value: 1 },
          { line: invokeModel({ [GUARDRAIL_ACTION]: "INTERVENED", stop_reason: "end_turn" }), value: 1 },
          { line: invokeModel([{ chunk: 1 }, { [GUARDRAIL_ACTION]: "INTERVENED" }]), value: 1 },
        ],
        nonMatching: [converse(CLAUDE, 35, 446, 3640), converse(NOVA, 20, 4096, 9000, "max_tokens"), invokeModel({ [GUARDRAIL_ACTION]: "NONE", stop_reason: "end_turn" })],
      },
    },
  ],
  ratios: [
    {
      id: "error-rate",
      title: "Share of invocations that failed",
      numerator: "invocation-errors",
      denominator: "invocations",
      scale: 100,
      alarm: countAbove(5, "critical", 300, 2),
      runbook: "More than 5% of invocations fail: check errorCode in the top-errors query and the AWS Health dashboard.",
    },
  ],
  serviceAlarms: [
    // Bedrock writes one record per invocation: silence is no traffic, or logging that stopped.
    logSilenceAlarm({
      title: "No invocation record arrived for an hour",
      minutes: 60,
      runbook: "Either nothing called Bedrock for an hour or invocation logging stopped delivering: compare with AWS/Bedrock Invocations, then check the logging configuration and its role (and the delivery-failures alarm). Accounts idle at night can set a longer period or turn it off.",
    }),
    {
      // AWS/Bedrock publishes it "across all model IDs", without dimensions, on every failed delivery
      // (docs.aws.amazon.com/bedrock/latest/userguide/monitoring.html, "CloudWatch metrics for Amazon
      // Bedrock"). Only where this workload owns the account's invocation logging configuration.
      id: "log-delivery-failures",
      title: "Invocation logs that Bedrock failed to deliver to CloudWatch Logs",
      namespace: "AWS/Bedrock",
      metricName: "ModelInvocationLogsCloudWatchDeliveryFailure",
      dimensions: {},
      requires: "invocationLoggingOwner",
      alarm: { ...countAbove(0, "warning", 300, 3), datapointsToAlarm: 2 },
      runbook: "Bedrock could not write invocation records to the log group: check the logging role's trust policy and logs:PutLogEvents permission, the log group's KMS key policy, and that the group still exists; records of the failed deliveries are lost.",
    },
    {
      id: "throttles",
      title: "Invocations throttled by Bedrock",
      namespace: "AWS/Bedrock",
      metricName: "InvocationThrottles",
      dimensions: { ModelId: "modelIds" },
      alarm: countAbove(10, "warning"),
      runbook: "Bedrock throttles this model: request a quota increase, use cross-region inference or provisioned throughput.",
    },
    {
      id: "server-errors",
      title: "Bedrock server-side errors",
      namespace: "AWS/Bedrock",
      metricName: "InvocationServerErrors",
      dimensions: { ModelId: "modelIds" },
      alarm: countAbove(5, "critical"),
      runbook: "AWS-side failures: check the AWS Health dashboard for Bedrock in this region and fail over if you can.",
    },
    {
      id: "invocation-latency",
      title: "Bedrock invocation latency",
      namespace: "AWS/Bedrock",
      metricName: "InvocationLatency",
      dimensions: { ModelId: "modelIds" },
      alarm: outsideBand("Average", "GreaterThanUpperThreshold", "warning"),
      runbook: "Service-side latency is above its band: compare with OutputTokenCount to tell longer answers from slower service.",
    },
  ],
  queries: [
    {
      id: "top-errors",
      title: "Most frequent errors by model",
      query: "filter ispresent(errorCode) | stats count(*) as failures by errorCode, modelId | sort failures desc | limit 20",
    },
    {
      id: "latency-by-model",
      title: "Converse latency percentiles by model (ms)",
      query:
        "filter ispresent(output.outputBodyJson.metrics.latencyMs) | stats pct(output.outputBodyJson.metrics.latencyMs, 50) as p50, pct(output.outputBodyJson.metrics.latencyMs, 90) as p90, pct(output.outputBodyJson.metrics.latencyMs, 99) as p99 by modelId | sort p90 desc",
    },
    {
      id: "tokens-by-model",
      title: "Token usage by model and caller",
      query:
        "filter schemaType = 'ModelInvocationLog' | stats sum(input.inputTokenCount) as input_tokens, sum(input.cacheReadInputTokenCount) as cache_read_tokens, sum(input.cacheWriteInputTokenCount) as cache_write_tokens, sum(output.outputTokenCount) as output_tokens, count(*) as invocations by modelId, identity.arn | sort output_tokens desc | limit 50",
    },
    {
      id: "slowest-requests",
      title: "Slowest Converse invocations",
      query:
        "filter ispresent(output.outputBodyJson.metrics.latencyMs) | sort output.outputBodyJson.metrics.latencyMs desc | limit 20 | display @timestamp, requestId, modelId, identity.arn, output.outputBodyJson.metrics.latencyMs, output.outputTokenCount",
    },
  ],
  queryFields: [
    "schemaType",
    "schemaVersion",
    "accountId",
    "identity.arn",
    "region",
    "requestId",
    "operation",
    "modelId",
    "errorCode",
    "input.inputTokenCount",
    "input.cacheReadInputTokenCount",
    "input.cacheWriteInputTokenCount",
    "output.outputTokenCount",
    "output.outputBodyJson.stopReason",
    "output.outputBodyJson.metrics.latencyMs",
  ],
};
