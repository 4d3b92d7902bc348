import { Testing } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { AlertTopic } from "../../src/constructs/alert-topic";
import { MonitoringKey } from "../../src/constructs/monitoring-key";
import { WorkloadLogs } from "../../src/constructs/workload-logs";
import { buildModel } from "../../src/model/build-model";
import type { WorkloadModel } from "../../src/model/types";
import { runChecks } from "../../src/checks";
import { presetFor } from "../../src/signals";
import { mutated, problemsOf } from "../support/configs";

function workloadOf(mutate: Parameters<typeof mutated>[0] = () => undefined): WorkloadModel {
  return buildModel(mutated(mutate), "t.yaml").environments[0].workloads[0];
}

describe("WorkloadLogs", () => {
  const synth = (workload: WorkloadModel, allowDestroy?: boolean) =>
    Testing.synthScope((scope) => {
      new WorkloadLogs(scope, "w", { workload, defaultKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k", topicArns: { alerts_critical: "arn:aws:sns:eu-west-1:123456789012:t" }, allowDestroy });
    });

  it("creates an encrypted, protected log group with the conventional name", () => {
    const out = synth(workloadOf());
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/acme/dev/chat-api",
      retention_in_days: 30,
      kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/k",
      skip_destroy: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("drops destroy protection only when the environment allows it", () => {
    const out = synth(workloadOf(), true);
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { skip_destroy: false, lifecycle: { prevent_destroy: false } });
  });

  it("uses the workload's own key when it names one", () => {
    const out = synth(workloadOf((c) => (c.workloads[0].logGroup = { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/own" })));
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/own" });
  });

  it("builds the alarm from the filter's own metric and notifies the severity's topic", () => {
    const out = synth(workloadOf((c) => (c.workloads[0].signals = { errors: { threshold: 5 } })));
    expect(out).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: "acme-dev-chat-api-errors",
      pattern: presetFor("generic", "errors")!.pattern.render(),
      metric_transformation: { name: "ErrorOccurrences", namespace: "AI_Monitoring/chat-api", value: "1", unit: "Count" },
    });
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "acme-dev-chat-api-errors",
      metric_name: "ErrorOccurrences",
      namespace: "AI_Monitoring/chat-api",
      threshold: 5,
      alarm_actions: ["arn:aws:sns:eu-west-1:123456789012:t"],
      ok_actions: ["arn:aws:sns:eu-west-1:123456789012:t"],
      tags: { severity: "critical", workload: "chat-api", "workload-kind": "generic" },
    });
  });

  it("keeps the filter but creates no alarm when the alarm is disabled", () => {
    const out = synth(workloadOf((c) => (c.workloads[0].signals = { errors: { alarmEnabled: false }, heartbeat: { enabled: false } })));
    expect(out).toHaveResource(CloudwatchLogMetricFilter);
    expect(out).not.toHaveResource(CloudwatchMetricAlarm);
  });

  it("creates neither when the signal is disabled", () => {
    const out = synth(workloadOf((c) => (c.workloads[0].signals = { errors: { enabled: false } })));
    expect(out).not.toHaveResource(CloudwatchLogMetricFilter);
  });

  it("passes dimensions through to filter and alarm unchanged", () => {
    const out = synth(
      workloadOf((c) => (c.workloads[0].customSignals = [{ name: "tok", pattern: "{ $.model = * }", metric: { name: "Tokens", value: "$.n", dimensions: { Model: "$.model" } }, alarm: { threshold: 9, dimensions: { Model: "m1" } } }])),
    );
    expect(out).toHaveResourceWithProperties(CloudwatchLogMetricFilter, { metric_transformation: { dimensions: { Model: "$.model" }, name: "Tokens", namespace: "AI_Monitoring/chat-api", unit: "None", value: "$.n" } });
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, { dimensions: { Model: "m1" } });
  });
});

describe("MonitoringKey", () => {
  it("rotates, has a deletion window, and scopes CloudWatch Logs to the environment's log groups", () => {
    const out = Testing.synthScope((scope) => {
      new MonitoringKey(scope, "k", { aliasName: "alias/x", accountId: "123456789012", region: "eu-west-1", partition: "aws", logGroupNames: ["/a/b"] });
    });
    expect(out).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    const policy = JSON.parse((JSON.parse(out).resource.aws_kms_key.monitoring_key as { policy: string }).policy);
    const logs = policy.Statement.find((s: { Sid: string }) => s.Sid === "CloudWatchLogsEncryptsTheseLogGroups");
    expect(logs.Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logs.Condition).toEqual({ ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:log-group:/a/b" } });
  });
});

describe("AlertTopic", () => {
  it("is KMS-encrypted and only this account's alarms may publish", () => {
    const out = Testing.synthScope((scope) => {
      new AlertTopic(scope, "t", { topicName: "t", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k", accountId: "123456789012", partition: "aws", emails: ["a@example.com"], address: "alerts" });
    });
    expect(out).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: "arn:aws:kms:eu-west-1:123456789012:key/k" });
    const policy = JSON.parse(JSON.parse(out).resource.aws_sns_topic_policy.alerts.policy);
    expect(policy.Statement[0].Condition.StringEquals).toEqual({ "aws:SourceAccount": "123456789012" });
  });
});

describe("a log group the project does not create (logGroup.create: false)", () => {
  const attached = (mutate: Parameters<typeof mutated>[0] = () => undefined) =>
    mutated((c) => {
      c.workloads[0] = { name: "assistant", kind: "llm-app", logGroup: { name: "aws/spans", create: false } };
      mutate(c);
    });

  it("is read by name: no log group resource, filters and outputs name it literally, its ARN is built", () => {
    const workload = buildModel(attached(), "t.yaml").environments[0].workloads[0];
    const out = Testing.synthScope((scope) => {
      new WorkloadLogs(scope, "w", { workload, defaultKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k", topicArns: { alerts_critical: "arn:aws:sns:eu-west-1:123456789012:t" }, account: { accountId: "123456789012", region: "eu-west-1", partition: "aws" } });
    });
    const json = JSON.parse(out) as { resource: Record<string, Record<string, Record<string, unknown>>>; output: Record<string, { value: unknown }> };
    expect(json.resource.aws_cloudwatch_log_group).toBeUndefined();
    const filters = Object.values(json.resource.aws_cloudwatch_log_metric_filter);
    expect(filters.length).toBeGreaterThan(0);
    for (const f of filters) expect(f.log_group_name).toBe("aws/spans");
    expect(json.output.assistant_log_group_arn.value).toBe("arn:aws:logs:eu-west-1:123456789012:log-group:aws/spans");
    // Prompts are masked by default in groups the project owns; a shared service group is left alone.
    expect(workload.dataProtection).toBeUndefined();
  });

  it("may be under aws/ (AIL002 is for groups the project creates) and takes no settings of the group itself", () => {
    expect(problemsOf(attached())).toEqual([]);
    expect(runChecks(buildModel(attached(), "t.yaml")).map((p) => p.code)).toEqual([]);
    expect(runChecks(buildModel(attached((c) => (c.workloads[0].logGroup = { name: "aws/spans" })), "t.yaml")).map((p) => `${p.code} ${p.message}`)).toEqual([
      "AIL002 environment 'dev', workload 'assistant': log group name 'aws/spans' uses the prefix aws/, which is reserved for AWS services; to read a group a service writes (such as aws/spans), set logGroup.create: false",
    ]);
    expect(problemsOf(attached((c) => (c.workloads[0].logGroup = { name: "aws/spans", create: false, retentionDays: 30, streams: ["a"] })))).toEqual([
      "platform.yaml: workloads[0].logGroup.retentionDays: 'retentionDays' is a setting of the log group itself; with create: false the group is not this project's to configure. Remove retentionDays",
      "platform.yaml: workloads[0].logGroup.streams: 'streams' is a setting of the log group itself; with create: false the group is not this project's to configure. Remove streams",
    ]);
  });
});
