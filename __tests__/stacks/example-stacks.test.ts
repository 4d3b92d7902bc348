import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { resourceAddresses, resourcesOfType, synthConfigFile, type SynthesizedStacks } from "../support/synth";

/** Drops cdktf's `//` metadata and the provider version, so snapshots change only with our output. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== "//")
        .map(([k, v]) => [k, k === "version" && typeof v === "string" && /^\d+\.\d+\.\d+$/.test(v) ? "<provider-version>" : normalised(v)]),
    );
  }
  return value;
}

let synth: SynthesizedStacks;
beforeAll(() => {
  synth = synthConfigFile();
});

describe("the example config", () => {
  it("synthesizes a manifest and one cdk.tf.json per stack", () => {
    expect(existsSync(join(synth.outdir, "manifest.json"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(synth.outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(Object.keys(synth.stacks));
    expect(Object.keys(synth.stacks)).toEqual([
      "monitoring-prod",
      "monitoring-staging",
      "state-acme-ai-tfstate-prod",
      "state-acme-ai-tfstate-staging",
    ]);
  });

  // Addresses are a contract: changing one destroys and recreates the resource (a log group loses its
  // logs). A change here must be deliberate and come with a `moved` block.
  it("pins the Terraform addresses of every stack", () => {
    const addresses = Object.fromEntries(Object.entries(synth.stacks).map(([name, stack]) => [name, resourceAddresses(stack)]));
    expect(addresses["monitoring-staging"]).toEqual([
      "aws_cloudwatch_log_group.ai_monitoring",
      "aws_cloudwatch_log_metric_filter.ai_monitoring_errors",
      "aws_cloudwatch_log_stream.ai_monitoring_stream_ai_monitoring_source",
      "aws_cloudwatch_metric_alarm.ai_monitoring_errors",
      "aws_kms_alias.monitoring_key",
      "aws_kms_key.monitoring_key",
      "aws_sns_topic.alerts_critical",
      "aws_sns_topic_policy.alerts_critical",
      "aws_sns_topic_subscription.alerts_critical_email_ml_oncall_example_com",
    ]);
    expect(addresses["monitoring-prod"]).toEqual([
      "aws_cloudwatch_log_group.ai_monitoring",
      "aws_cloudwatch_log_group.feature_pipeline",
      "aws_cloudwatch_log_metric_filter.ai_monitoring_errors",
      "aws_cloudwatch_log_metric_filter.feature_pipeline_errors",
      "aws_cloudwatch_log_metric_filter.feature_pipeline_rows_rejected",
      "aws_cloudwatch_log_stream.ai_monitoring_stream_ai_monitoring_source",
      "aws_cloudwatch_metric_alarm.ai_monitoring_errors",
      "aws_cloudwatch_metric_alarm.feature_pipeline_errors",
      "aws_cloudwatch_metric_alarm.feature_pipeline_rows_rejected",
      "aws_kms_alias.monitoring_key",
      "aws_kms_key.monitoring_key",
      "aws_sns_topic.alerts_critical",
      "aws_sns_topic.alerts_warning",
      "aws_sns_topic_policy.alerts_critical",
      "aws_sns_topic_policy.alerts_warning",
      "aws_sns_topic_subscription.alerts_critical_email_ml_oncall_example_com",
      "aws_sns_topic_subscription.alerts_critical_https_events_pagerduty_com_integration_example_key_enqueue",
      "aws_sns_topic_subscription.alerts_warning_email_ml_platform_example_com",
    ]);
    const bootstrap = [
      "aws_kms_alias.state",
      "aws_kms_key.state",
      "aws_s3_bucket.state",
      "aws_s3_bucket_lifecycle_configuration.state",
      "aws_s3_bucket_policy.state",
      "aws_s3_bucket_public_access_block.state",
      "aws_s3_bucket_server_side_encryption_configuration.state",
      "aws_s3_bucket_versioning.state",
    ];
    expect(addresses["state-acme-ai-tfstate-prod"]).toEqual(bootstrap);
    expect(addresses["state-acme-ai-tfstate-staging"]).toEqual(bootstrap);
  });

  it("pins the output names a Terraform-native team relies on", () => {
    expect(Object.keys(synth.stacks["monitoring-staging"].output as object).sort()).toEqual([
      "ai_monitoring_alarm_names",
      "ai_monitoring_log_group_arn",
      "ai_monitoring_log_group_name",
      "ai_monitoring_log_stream_names",
      "alerts_critical_topic_arn",
    ]);
  });

  it("reproduces the seed's monitoring, with an alarm that can fire", () => {
    const stack = synth.stacks["monitoring-staging"];
    const filter = resourcesOfType(stack, "aws_cloudwatch_log_metric_filter").ai_monitoring_errors;
    expect(filter).toMatchObject({
      pattern: "ERROR",
      log_group_name: "${aws_cloudwatch_log_group.ai_monitoring.name}",
      metric_transformation: { name: "ErrorOccurrences", namespace: "AI_Monitoring", value: "1" },
    });
    expect((filter.metric_transformation as Record<string, unknown>).dimensions).toBeUndefined();
    const alarm = resourcesOfType(stack, "aws_cloudwatch_metric_alarm").ai_monitoring_errors;
    expect(alarm).toMatchObject({
      metric_name: "ErrorOccurrences",
      namespace: "AI_Monitoring",
      statistic: "Sum",
      period: 300,
      evaluation_periods: 1,
      threshold: 100,
      comparison_operator: "GreaterThanThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: ["${aws_sns_topic.alerts_critical.arn}"],
    });
    // The original design's bug: a LogGroupName dimension the filter never emits.
    expect(alarm.dimensions).toBeUndefined();
    expect(alarm.unit).toBeUndefined();
    expect(resourcesOfType(stack, "aws_cloudwatch_log_stream").ai_monitoring_stream_ai_monitoring_source).toMatchObject({
      name: "ai-monitoring-source",
    });
    expect(stack.output).toMatchObject({
      ai_monitoring_log_group_name: { value: "${aws_cloudwatch_log_group.ai_monitoring.name}" },
      ai_monitoring_log_stream_names: { value: ["${aws_cloudwatch_log_stream.ai_monitoring_stream_ai_monitoring_source.name}"] },
    });
  });

  it("keeps monitoring state in S3 with native locking and no DynamoDB table", () => {
    const terraform = synth.stacks["monitoring-prod"].terraform as Record<string, unknown>;
    expect(terraform.backend).toEqual({
      s3: { bucket: "acme-ai-tfstate-prod", key: "acme-ai/monitoring-prod.tfstate", region: "us-east-1", encrypt: true, use_lockfile: true },
    });
    expect(terraform.required_version).toBe(">= 1.10");
    expect(JSON.stringify(synth.stacks)).not.toMatch(/dynamodb/i);
  });

  it("bootstraps the state bucket with local state", () => {
    const terraform = synth.stacks["state-acme-ai-tfstate-prod"].terraform as Record<string, unknown>;
    // The local state file must survive synth, which replaces cdktf.out: it lives in the project root.
    expect(terraform.backend).toEqual({ local: { path: "../../../terraform.state-acme-ai-tfstate-prod.tfstate" } });
  });

  it.each(["monitoring-prod", "monitoring-staging", "state-acme-ai-tfstate-prod", "state-acme-ai-tfstate-staging"])(
    "matches the reviewed snapshot of %s",
    (name) => {
      expect(normalised(synth.stacks[name])).toMatchSnapshot();
    },
  );
});
