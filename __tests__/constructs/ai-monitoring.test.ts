import { TerraformStack, Testing } from "cdktf";
import { adoptMovedWorkload } from "../../src/constructs/group-move";
import { configureAwsProvider } from "../../src/stacks/terraform-settings";
import { BedrockModelInvocationLoggingConfiguration } from "@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchLogAnomalyDetector } from "@cdktf/provider-aws/lib/cloudwatch-log-anomaly-detector";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { validateConfig } from "../../src/config/load";
import type { Config } from "../../src/config/schema";
import { dataProtectionPolicyDocument } from "../../src/constructs/data-protection";
import { anyInAlarmRule } from "../../src/constructs/health-alarm";
import { metricAlarmArgs } from "../../src/constructs/metric-alarm";
import type { CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { WorkloadInsights } from "../../src/constructs/workload-insights";
import { WorkloadLogs } from "../../src/constructs/workload-logs";
import { buildModel } from "../../src/model/build-model";
import type { AlarmModel, WorkloadModel } from "../../src/model/types";
import { mutated } from "../support/configs";

const ACCOUNT = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };
const TOPICS = { alerts_critical: "arn:aws:sns:eu-west-1:123456789012:critical" };

function workloadOf(w: Config["workloads"][number]): WorkloadModel {
  const config = mutated((c) => (c.workloads[0] = w));
  validateConfig(config, "t.yaml");
  return buildModel(config, "t.yaml").environments[0].workloads[0];
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;
function synthWorkload(workload: WorkloadModel): Resources {
  const out = Testing.synthScope((scope) => {
    const logs = new WorkloadLogs(scope, "w", { workload, defaultKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k", topicArns: TOPICS, account: ACCOUNT });
    new WorkloadInsights(scope, "Insights", { workload, logGroupName: logs.logGroup.name, logGroupArn: logs.logGroup.arn });
  });
  return (JSON.parse(out) as { resource: Resources }).resource;
}

const queries = (args: ReturnType<typeof metricAlarmArgs>) => args.metricQuery as CloudwatchMetricAlarmMetricQuery[];

const base: AlarmModel = {
  name: "a",
  description: "[warning] d",
  severity: "warning",
  metric: { namespace: "NS", name: "Latency", dimensions: {} },
  statistic: "Average",
  comparison: "GreaterThanThreshold",
  threshold: 5,
  period: 300,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  treatMissingData: "notBreaching",
  topicIds: ["alerts_critical"],
};

describe("metricAlarmArgs", () => {
  it("renders a fixed threshold on one metric", () => {
    const args = metricAlarmArgs({ ...base, metric: { ...base.metric, dimensions: { Model: "m" } } }, ["arn:t"]);
    expect(args).toMatchObject({ namespace: "NS", metricName: "Latency", dimensions: { Model: "m" }, statistic: "Average", period: 300, threshold: 5, comparisonOperator: "GreaterThanThreshold", alarmActions: ["arn:t"], okActions: ["arn:t"] });
    expect(args.metricQuery).toBeUndefined();
    expect(args.thresholdMetricId).toBeUndefined();
  });

  it("renders an anomaly band: the metric and ANOMALY_DETECTION_BAND both return data, the band is the threshold", () => {
    const args = metricAlarmArgs({ ...base, comparison: "GreaterThanUpperThreshold", threshold: undefined, anomalyBand: { width: 2.5 } }, []);
    expect(args.metricQuery).toEqual([
      { id: "m1", returnData: true, metric: { namespace: "NS", metricName: "Latency", dimensions: undefined, period: 300, stat: "Average", unit: undefined } },
      { id: "ad1", expression: "ANOMALY_DETECTION_BAND(m1, 2.5)", label: "Latency (expected band)", returnData: true },
    ]);
    expect(args).toMatchObject({ thresholdMetricId: "ad1", comparisonOperator: "GreaterThanUpperThreshold" });
    expect(args.threshold).toBeUndefined();
    expect(args.metricName).toBeUndefined();
    expect(args.statistic).toBeUndefined();
  });

  it("renders a ratio as metric math with only the ratio returning data", () => {
    const args = metricAlarmArgs({ ...base, statistic: "Sum", metric: { namespace: "NS", name: "Errors", dimensions: {} }, ratio: { scale: 100, denominator: { namespace: "NS", name: "Requests", dimensions: {} } } }, []);
    expect(queries(args).map((q) => [q.id, q.returnData, q.expression ?? (q.metric as { metricName: string }).metricName])).toEqual([
      ["num", false, "Errors"],
      ["den", false, "Requests"],
      ["ratio", true, "100 * FILL(num, 0) / den"],
    ]);
    expect(args.threshold).toBe(5);
  });

  it("puts a band around a ratio when asked", () => {
    const args = metricAlarmArgs({ ...base, comparison: "GreaterThanUpperThreshold", threshold: undefined, anomalyBand: { width: 2 }, ratio: { scale: 1, denominator: { namespace: "NS", name: "Requests", dimensions: {} } } }, []);
    expect(queries(args).map((q) => q.id)).toEqual(["num", "den", "ratio", "ad1"]);
    expect(queries(args)[3].expression).toBe("ANOMALY_DETECTION_BAND(ratio, 2)");
    expect(queries(args).filter((q) => q.returnData).map((q) => q.id)).toEqual(["ratio", "ad1"]);
  });
});

describe("data protection policy document", () => {
  const doc = JSON.parse(
    dataProtectionPolicyDocument(
      { policyName: "p", managedIdentifiers: ["EmailAddress", "AwsSecretKey"], customIdentifiers: [{ name: "EmployeeId", regex: "EmployeeID-\\d{9}" }], auditLogGroupName: "/acme/dev/data-protection-audit", auditRetentionDays: 30 },
      "aws-cn",
    ),
  );

  it("audits to the log group and masks the same identifiers", () => {
    expect(doc).toMatchObject({ Name: "p", Version: "2021-06-01" });
    const [audit, redact] = doc.Statement;
    expect(audit.Operation).toEqual({ Audit: { FindingsDestination: { CloudWatchLogs: { LogGroup: "/acme/dev/data-protection-audit" } } } });
    expect(redact.Operation).toEqual({ Deidentify: { MaskConfig: {} } });
    expect(audit.DataIdentifier).toEqual(["arn:aws-cn:dataprotection::aws:data-identifier/EmailAddress", "arn:aws-cn:dataprotection::aws:data-identifier/AwsSecretKey", "EmployeeId"]);
    expect(redact.DataIdentifier).toEqual(audit.DataIdentifier);
  });

  it("defines custom identifiers under Configuration, and leaves it out when there are none", () => {
    expect(doc.Configuration).toEqual({ CustomDataIdentifier: [{ Name: "EmployeeId", Regex: "EmployeeID-\\d{9}" }] });
    const plain = JSON.parse(dataProtectionPolicyDocument({ policyName: "p", managedIdentifiers: ["EmailAddress"], customIdentifiers: [], auditLogGroupName: "/a", auditRetentionDays: 1 }, "aws"));
    expect(plain.Configuration).toBeUndefined();
  });
});

describe("a Bedrock workload", () => {
  const resources = synthWorkload(workloadOf({ name: "bedrock-chat", kind: "bedrock", bedrock: { modelIds: ["amazon.nova-micro-v1:0"], invocationLogging: { ownerEnvironments: ["dev"] } } }));

  it("lets Bedrock assume its logging role only for this account and region", () => {
    const role = resources.aws_iam_role.bedrock_chat_bedrock_logging;
    expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
      {
        Sid: "BedrockAssumes",
        Effect: "Allow",
        Principal: { Service: "bedrock.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:bedrock:eu-west-1:123456789012:*" } },
      },
    ]);
  });

  it("lets the role write only to Bedrock's log stream, with two named actions", () => {
    const policy = JSON.parse(resources.aws_iam_role_policy.bedrock_chat_bedrock_logging.policy as string);
    expect(policy.Statement).toEqual([
      {
        Sid: "WriteInvocationLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/acme/dev/bedrock-chat:log-stream:aws/bedrock/modelinvocations",
      },
    ]);
  });

  it("points the logging configuration at the workload's log group through that role, after its policy exists", () => {
    expect(resources[BedrockModelInvocationLoggingConfiguration.tfResourceType].bedrock_chat).toMatchObject({
      logging_config: {
        cloudwatch_config: { log_group_name: "${aws_cloudwatch_log_group.bedrock_chat.name}", role_arn: "${aws_iam_role.bedrock_chat_bedrock_logging.arn}" },
        text_data_delivery_enabled: true,
        image_data_delivery_enabled: false,
      },
      depends_on: ["aws_iam_role_policy.bedrock_chat_bedrock_logging"],
    });
  });

  it("masks prompts by default, reporting to the audit log group", () => {
    const policy = resources.aws_cloudwatch_log_data_protection_policy.bedrock_chat;
    expect(policy.log_group_name).toBe("${aws_cloudwatch_log_group.bedrock_chat.name}");
    expect(JSON.parse(policy.policy_document as string).Statement[0].Operation.Audit.FindingsDestination.CloudWatchLogs.LogGroup).toBe("/acme/dev/data-protection-audit");
  });

  it("alarms on the model's AWS/Bedrock metrics with its ModelId", () => {
    expect(resources.aws_cloudwatch_metric_alarm.bedrock_chat_throttles_amazon_nova_micro_v1_0).toMatchObject({
      namespace: "AWS/Bedrock",
      metric_name: "InvocationThrottles",
      dimensions: { ModelId: "amazon.nova-micro-v1:0" },
      statistic: "Sum",
      alarm_name: "acme-dev-bedrock-chat-throttles-amazon-nova-micro-v1-0",
    });
  });

  it("has a health alarm over every other alarm of the workload, referenced so they exist first", () => {
    const health = resources[CloudwatchCompositeAlarm.tfResourceType].bedrock_chat_health;
    const metricAlarms = Object.keys(resources.aws_cloudwatch_metric_alarm).sort();
    const rule = health.alarm_rule as string;
    expect(rule.split(" OR ").map((a) => a.replace(/^ALARM\("\$\{aws_cloudwatch_metric_alarm\.(.*)\.alarm_name\}"\)$/, "$1")).sort()).toEqual(metricAlarms);
    expect(health.alarm_actions).toEqual([]);
  });

  it("saves the kind's queries on its log group", () => {
    const queries = resources[CloudwatchQueryDefinition.tfResourceType];
    expect(Object.keys(queries).sort()).toEqual(["bedrock_chat_latency_by_model", "bedrock_chat_slowest_requests", "bedrock_chat_tokens_by_model", "bedrock_chat_top_errors"]);
    expect(queries.bedrock_chat_top_errors).toMatchObject({ name: "acme/dev/bedrock-chat/top-errors", log_group_names: ["${aws_cloudwatch_log_group.bedrock_chat.name}"] });
  });
});

describe("a training job", () => {
  const resources = synthWorkload(
    workloadOf({ name: "finetune", kind: "training-job", health: { notify: "critical", actionsSuppressor: { alarm: "heartbeat" } }, logAnomalyDetection: { enabled: true, evaluationFrequency: "TEN_MIN" } }),
  );

  it("suppresses its health notifications while the heartbeat alarm is in ALARM", () => {
    const health = resources[CloudwatchCompositeAlarm.tfResourceType].finetune_health;
    expect(health).toMatchObject({
      alarm_actions: [TOPICS.alerts_critical],
      ok_actions: [TOPICS.alerts_critical],
      actions_suppressor: { alarm: "${aws_cloudwatch_metric_alarm.finetune_heartbeat.alarm_name}", extension_period: 60, wait_period: 60 },
    });
    expect(health.alarm_rule).not.toContain("heartbeat");
  });

  it("watches the log group's incoming events, missing data breaching", () => {
    expect(resources.aws_cloudwatch_metric_alarm.finetune_heartbeat).toMatchObject({
      namespace: "AWS/Logs",
      metric_name: "IncomingLogEvents",
      dimensions: { LogGroupName: "/acme/dev/finetune" },
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      treat_missing_data: "breaching",
    });
  });

  it("runs a log anomaly detector on its log group when asked", () => {
    expect(resources[CloudwatchLogAnomalyDetector.tfResourceType].finetune).toMatchObject({
      detector_name: "acme-dev-finetune-anomalies",
      log_group_arn_list: ["${aws_cloudwatch_log_group.finetune.arn}"],
      evaluation_frequency: "TEN_MIN",
      anomaly_visibility_time: 21,
      enabled: true,
    });
  });

  it("has no data protection policy (training logs carry no prompts by default)", () => {
    expect(resources.aws_cloudwatch_log_data_protection_policy).toBeUndefined();
  });
});

describe("moving an AI workload to another stack group", () => {
  it("adopts every resource under its construct with an import id known at synth time", () => {
    const workload = workloadOf({ name: "bedrock-chat", kind: "bedrock", bedrock: { invocationLogging: { ownerEnvironments: ["dev"] } }, health: { notify: "critical" } });
    const out = Testing.synthScope((scope) => {
      configureAwsProvider(TerraformStack.of(scope), { region: "eu-west-1", accountId: "123456789012", tags: {} });
      const logs = new WorkloadLogs(scope, "w", { workload, defaultKmsKeyArn: "k", topicArns: TOPICS, account: ACCOUNT });
      adoptMovedWorkload(logs, workload);
    });
    const imports = Object.fromEntries(
      ((JSON.parse(out) as { import?: { to: string; id: string }[] }).import ?? []).map((i) => [i.to, i.id]),
    );
    expect(imports).toMatchObject({
      "aws_cloudwatch_composite_alarm.bedrock_chat_health": "acme-dev-bedrock-chat-health",
      "aws_cloudwatch_metric_alarm.bedrock_chat_error_rate": "acme-dev-bedrock-chat-error-rate",
      "aws_cloudwatch_log_data_protection_policy.bedrock_chat": "/acme/dev/bedrock-chat",
      "aws_iam_role.bedrock_chat_bedrock_logging": "acme-dev-bedrock-chat-bedrock-logging",
      "aws_iam_role_policy.bedrock_chat_bedrock_logging": "acme-dev-bedrock-chat-bedrock-logging:acme-dev-bedrock-chat-bedrock-logging",
      "aws_bedrock_model_invocation_logging_configuration.bedrock_chat": "eu-west-1",
    });
  });
});

describe("anyInAlarmRule", () => {
  it("quotes each name", () => {
    expect(anyInAlarmRule(["a-b", 'c"d'])).toBe('ALARM("a-b") OR ALARM("c\\"d")');
  });
});
