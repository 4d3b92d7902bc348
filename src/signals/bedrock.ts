import { FilterPattern } from "../patterns";
import { countAbove, outsideBand } from "./common";
import type { WorkloadKindCatalogue } from "./types";

/**
 * Amazon Bedrock model invocation logging delivered to CloudWatch Logs (log stream
 * `aws/bedrock/modelinvocations`). Format: the `ModelInvocationLog` schema, version 1.0
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html):
 * `schemaType`, `schemaVersion`, `timestamp`, `accountId`, `identity.arn`, `region`, `requestId`,
 * `operation`, `modelId`, `errorCode` (failed calls), `input.inputTokenCount`,
 * `output.outputTokenCount`, with the request and response bodies in `input.inputBodyJson` and
 * `output.outputBodyJson` when text delivery is on. Converse responses carry `stopReason` and
 * `metrics.latencyMs` in that body.
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

export const bedrockCatalogue: WorkloadKindCatalogue = {
  kind: "bedrock",
  title: "Amazon Bedrock model invocation logs",
  logFormatSource: "Bedrock ModelInvocationLog schema 1.0 (docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html)",
  carriesPrompts: true,
  settings: { key: "bedrock", required: true },
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
      runbook: "Group by errorCode and modelId in the top-errors query: throttling, validation and timeouts need different fixes.",
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
      pattern: FilterPattern.all(ANY_INVOCATION, FilterPattern.stringValue("$.output.outputBodyJson.stopReason", "=", "guardrail_intervened")),
      metric: { name: "GuardrailInterventions", unit: "Count", value: "1" },
      alarm: countAbove(20, "warning"),
      runbook: "Many blocked answers: review the blocked prompts (masked) for abuse, or a guardrail policy change.",
      samples: {
        matching: [{ line: converse(CLAUDE, 310, 12, 420, "guardrail_intervened"), value: 1 }],
        nonMatching: [converse(CLAUDE, 35, 446, 3640), converse(NOVA, 20, 4096, 9000, "max_tokens")],
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
        "filter schemaType = 'ModelInvocationLog' | stats sum(input.inputTokenCount) as input_tokens, sum(output.outputTokenCount) as output_tokens, count(*) as invocations by modelId, identity.arn | sort output_tokens desc | limit 50",
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
    "output.outputTokenCount",
    "output.outputBodyJson.stopReason",
    "output.outputBodyJson.metrics.latencyMs",
  ],
};
