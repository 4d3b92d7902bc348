import { classifyApplyErrors, diagnosticsOf, exclusionsFor, snakeCase, unfinishedChanges, type Diagnostic } from "../../deploy-test/emulator-gaps";
import type { SynthesizedStack } from "../../deploy-test/synthesized-stack";

/**
 * How `npm run test:deploy` tells what moto lacks from a real failure. Terraform's errors and moto's log
 * lines below have the exact form Terraform 1.11, provider 5.100.0 and moto 5.2.5 print (from a run).
 */
const composite: Diagnostic = {
  severity: "error",
  summary:
    "creating CloudWatch Composite Alarm (acme-ai-prod-chat-inference-health): operation error CloudWatch: PutCompositeAlarm, exceeded maximum number of attempts, 3, https response error StatusCode: 500, RequestID: , error while deserializing xml error response",
  detail: "",
  address: "aws_cloudwatch_composite_alarm.chat_inference_health",
};
const sink: Diagnostic = {
  severity: "error",
  summary: "creating AWS CloudWatch Observability Access Manager Sink (acme-ai-monitoring)",
  detail: "operation error OAM: CreateSink, exceeded maximum number of attempts, 3, https response error StatusCode: 500, RequestID: , deserialization failed",
  address: "aws_oam_sink.monitoring",
};
const MOTO_LOG = [
  '127.0.0.1 - - [29/Nov/2026 20:06:12] "POST / HTTP/1.1" 500 -',
  '    raise NotImplementedError(f"The {action} action has not been implemented")',
  "NotImplementedError: The put_composite_alarm action has not been implemented",
  "Unable to find appropriate backend for oam.us-east-1.amazonaws.com.Remember to add the URL to urls.py, and run scripts/update_backend_index.py to index it.",
].join("\n");

describe("classifyApplyErrors", () => {
  test("an HTTP 500 that moto's log explains is an emulator gap, with the evidence", () => {
    const { gaps, failures } = classifyApplyErrors([composite, sink], MOTO_LOG);
    expect(failures).toEqual([]);
    expect(gaps).toEqual([
      {
        address: "aws_cloudwatch_composite_alarm.chat_inference_health",
        type: "aws_cloudwatch_composite_alarm",
        operation: "CloudWatch: PutCompositeAlarm",
        evidence: "NotImplementedError: The put_composite_alarm action has not been implemented",
      },
      {
        address: "aws_oam_sink.monitoring",
        type: "aws_oam_sink",
        operation: "OAM: CreateSink",
        evidence: "Unable to find appropriate backend for oam.us-east-1.amazonaws.com",
      },
    ]);
  });

  test("an HTTP 500 moto's log does not explain, a 4xx and an error without an address are real failures", () => {
    const unexplained = { ...composite, summary: composite.summary.replace(/PutCompositeAlarm/g, "PutMetricAlarm") };
    const rejected = { ...composite, summary: composite.summary.replace("StatusCode: 500", "StatusCode: 400") };
    const unaddressed = { ...composite, address: undefined };
    const warning = { ...composite, severity: "warning" };
    expect(classifyApplyErrors([unexplained, rejected, unaddressed, warning], MOTO_LOG)).toEqual({ gaps: [], failures: [unexplained, rejected, unaddressed] });
  });
});

describe("exclusionsFor", () => {
  const stack = {
    name: "log-archive",
    addresses: ["aws_oam_sink.monitoring", "aws_oam_sink_policy.monitoring", "aws_kms_key.k", "aws_s3_bucket.b", "aws_s3_bucket_policy.b"],
    json: {
      resource: {
        aws_oam_sink: { monitoring: { name: "acme-ai-monitoring" } },
        aws_oam_sink_policy: { monitoring: { sink_identifier: "${aws_oam_sink.monitoring.arn}" } },
        aws_kms_key: { k: {} },
        aws_s3_bucket: { b: { depends_on: ["aws_kms_key.k"] } },
        aws_s3_bucket_policy: { b: { bucket: "${aws_s3_bucket.b.id}" } },
      },
    },
  } as unknown as SynthesizedStack;

  test("excludes the gap's type and whatever refers to it, and targets the rest", () => {
    const { gaps } = classifyApplyErrors([sink], MOTO_LOG);
    const { excluded, included } = exclusionsFor(stack, gaps);
    expect([...excluded.keys()]).toEqual(["aws_oam_sink.monitoring", "aws_oam_sink_policy.monitoring"]);
    expect(excluded.get("aws_oam_sink_policy.monitoring")).toBe("refers to aws_oam_sink.monitoring, which is excluded");
    expect(included).toEqual(["aws_kms_key.k", "aws_s3_bucket.b", "aws_s3_bucket_policy.b"]);
  });

  test("excludes nothing without gaps", () => {
    expect(exclusionsFor(stack, []).included).toEqual(stack.addresses);
  });
});

describe("terraform -json output", () => {
  const lines = [
    '{"@level":"info","type":"planned_change","change":{"resource":{"addr":"aws_kms_key.k"},"action":"create"}}',
    '{"@level":"info","type":"planned_change","change":{"resource":{"addr":"aws_oam_sink.monitoring"},"action":"create"}}',
    '{"@level":"info","type":"planned_change","change":{"resource":{"addr":"aws_oam_sink_policy.monitoring"},"action":"create"}}',
    '{"@level":"info","type":"apply_complete","hook":{"resource":{"addr":"aws_kms_key.k"},"action":"create"}}',
    '{"@level":"info","type":"apply_errored","hook":{"resource":{"addr":"aws_oam_sink.monitoring"},"action":"create"}}',
    `{"@level":"error","type":"diagnostic","diagnostic":${JSON.stringify(sink)}}`,
    "not json",
  ].join("\n");

  test("diagnostics and the changes an apply never started", () => {
    expect(diagnosticsOf(lines)).toEqual([sink]);
    expect([...unfinishedChanges(lines)]).toEqual(["aws_oam_sink_policy.monitoring"]);
  });

  test("operation names in moto's snake case", () => {
    expect(snakeCase("PutCompositeAlarm")).toBe("put_composite_alarm");
    expect(snakeCase("CreateLogAnomalyDetector")).toBe("create_log_anomaly_detector");
  });
});
