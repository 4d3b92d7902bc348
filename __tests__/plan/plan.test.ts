import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offlineTerraformEnv, planStackOffline, type OfflinePlanResult } from "../../src/terraform/offline-plan";
import { synthConfigFile } from "../support/synth";
import { terraformGuard } from "../support/terraform-guard";

/**
 * Real `terraform init` (offline mirror), `validate` and `plan` of every stack the example config
 * synthesizes. Without Terraform they say why and skip, except under CI, where that is a failure.
 */
const { availability, describePlans } = terraformGuard("plan tests");

/** One HardenedBucket (src/constructs/hardened-bucket.ts): the bucket and its five configurations. */
const hardenedBucket = {
    aws_s3_bucket: 1,
    aws_s3_bucket_versioning: 1,
    aws_s3_bucket_server_side_encryption_configuration: 1,
    aws_s3_bucket_public_access_block: 1,
    aws_s3_bucket_policy: 1,
    aws_s3_bucket_lifecycle_configuration: 1,
};

/** Planned creations per resource type, derived by hand from config/example.yaml. */
const expectedCreates: Record<string, Record<string, number>> = {
  // Staging holds ai-monitoring and the three AI workloads of every environment: chat-inference
  // (llm-inference, formats vllm + vllm-requests), support-assistant (llm-app), bedrock-invocations.
  "monitoring-staging": {
    aws_cloudwatch_log_group: 5, // ai-monitoring, chat-inference, support-assistant, bedrock-invocations, data-protection audit
    aws_cloudwatch_log_stream: 1,
    // ai-monitoring 1; chat-inference 20 filters of its formats' 12 presets (server-errors 2, throughput 4
    // and queue 5 for vLLM's line shapes) + 4 per-model companions; support-assistant 6 (format flat-json) + 3;
    // bedrock-invocations 8 + 5 (per ModelId).
    aws_cloudwatch_log_metric_filter: 47,
    // ai-monitoring 1; chat-inference 12 + error-rate; support-assistant 6 + error-rate; bedrock-invocations
    // 8 + error-rate + 3 AWS/Bedrock alarms for its one model id; 1 archive-delivery alarm (its 4 log groups
    // deliver through the account policy, 5 per alarm); a heartbeat per workload (4) and bedrock's
    // invocation-log delivery failures (it owns the logging here).
    aws_cloudwatch_metric_alarm: 39,
    aws_cloudwatch_composite_alarm: 4, // a health alarm per workload
    aws_cloudwatch_query_definition: 15, // generic 1, llm-inference 6, llm-app 4, bedrock 4
    aws_cloudwatch_log_data_protection_policy: 3, // the kinds that carry prompts
    aws_cloudwatch_log_anomaly_detector: 1, // chat-inference asks for one
    aws_bedrock_model_invocation_logging_configuration: 1, // staging's account: owned by bedrock-invocations
    aws_iam_role: 1, // Bedrock's logging role
    aws_iam_role_policy: 1,
    aws_cloudwatch_dashboard: 1,
    aws_kms_key: 1,
    aws_kms_alias: 1,
    aws_sns_topic: 1, // critical only: warnings share it
    aws_sns_topic_policy: 1,
    aws_sns_topic_subscription: 1,
    aws_cloudwatch_log_account_policy: 1, // archive mode account-policy: the whole account delivers
    aws_oam_link: 1, // another account than the sink's (prod's)
  },
  // Prod adds feature-pipeline, reranker (sagemaker-endpoint), llama-finetune (training-job), agent-spans
  // (llm-app on aws/spans, which it attaches to without creating it) and training-hosts (gpu-host, format syslog).
  "monitoring-prod": {
    aws_cloudwatch_log_group: 9, // staging's 5 + feature-pipeline, reranker (/aws/sagemaker/Endpoints/...), llama-finetune, training-hosts
    aws_cloudwatch_log_stream: 1,
    // staging's 47 + feature-pipeline 2 (errors, rows-rejected) + reranker 17 (7 presets, 10 filters of its other
    // formats) + llama-finetune 18 (10 signals, 8 more formats' filters) + agent-spans 13 (6 presets of otel-spans
    // with 3 per-model companions, and the 2 token filters of otel-spans-legacy with theirs) + training-hosts 25
    // (23 presets of every format + xid-codes for syslog and its per-XidCode-Host companion)
    aws_cloudwatch_log_metric_filter: 122,
    // staging's 33 workload alarms + feature-pipeline 2 + reranker 7 + error-rate + 2 AWS/SageMaker (AllTraffic)
    // + llama-finetune 10 + heartbeat + agent-spans 6 + error-rate + training-hosts 24 filter alarms + 3 CWAgent
    // GPU metric alarms + heartbeat; + 2 archive-delivery alarms (prod's 10 delivering log groups, the search
    // group's included: 5 + 5); + heartbeats of reranker and agent-spans (feature-pipeline turns its off)
    aws_cloudwatch_metric_alarm: 100,
    aws_cloudwatch_composite_alarm: 9,
    aws_cloudwatch_query_definition: 31, // staging's 15 + feature-pipeline 1 + reranker 3 + llama-finetune 5 + agent-spans 4 + training-hosts 3
    aws_cloudwatch_log_data_protection_policy: 3,
    aws_cloudwatch_log_anomaly_detector: 1,
    aws_bedrock_model_invocation_logging_configuration: 1, // prod's account: owned by bedrock-invocations too
    aws_iam_role: 1,
    aws_iam_role_policy: 1,
    aws_cloudwatch_dashboard: 1,
    aws_kms_key: 1,
    aws_kms_alias: 1,
    aws_sns_topic: 2,
    aws_sns_topic_policy: 2,
    aws_sns_topic_subscription: 3, // 1 e-mail + 1 https critical, 1 e-mail warning
    aws_cloudwatch_log_subscription_filter: 9, // archive filter of each of its 9 workload log groups, aws/spans included (same account: into Firehose)
  },
  // rag-retriever, group `search`: its own stack with its own key; alarms notify prod's topics by ARN.
  "monitoring-prod-search": {
    aws_cloudwatch_log_group: 1,
    aws_cloudwatch_log_metric_filter: 1, // errors
    aws_cloudwatch_metric_alarm: 2, // errors, heartbeat
    aws_cloudwatch_composite_alarm: 1, // health
    aws_cloudwatch_query_definition: 1, // top errors
    aws_cloudwatch_log_subscription_filter: 1, // archive, with its own filter pattern
    aws_kms_key: 1,
    aws_kms_alias: 1,
  },
  "log-archive": {
    aws_kms_key: 1,
    aws_kms_alias: 1,
    // The archive bucket: the same hardened bucket as the state buckets.
    ...hardenedBucket,
    aws_kinesis_firehose_delivery_stream: 1,
    aws_cloudwatch_log_group: 1, // Firehose delivery errors
    aws_cloudwatch_log_stream: 1,
    aws_cloudwatch_metric_alarm: 3, // delivery to S3, data freshness, nothing arriving
    aws_iam_role: 2, // Firehose -> S3, CloudWatch Logs -> Firehose
    aws_iam_role_policy: 2,
    aws_cloudwatch_log_destination: 1, // us-east-1, for staging's account
    aws_cloudwatch_log_destination_policy: 1,
    aws_glue_catalog_database: 1,
    aws_glue_catalog_table: 1,
    aws_athena_workgroup: 1,
    aws_athena_named_query: 1,
    aws_oam_sink: 1,
    aws_oam_sink_policy: 1,
  },
  "state-acme-ai-tfstate-prod": {
    aws_kms_key: 1,
    aws_kms_alias: 1,
    ...hardenedBucket,
  },
};
expectedCreates["state-acme-ai-tfstate-staging"] = expectedCreates["state-acme-ai-tfstate-prod"];

function countCreates(plan: OfflinePlanResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of plan.changes) {
    expect(change.actions).toEqual(["create"]);
    counts[change.type] = (counts[change.type] ?? 0) + 1;
  }
  return counts;
}

describePlans("terraform plan of the example stacks (offline)", () => {
  const { stacks } = synthConfigFile();
  const work = mkdtempSync(join(tmpdir(), "ai-logs-plan-"));
  const env = availability.available ? offlineTerraformEnv(work) : {};

  it("covers every synthesized stack", () => {
    expect(Object.keys(stacks).sort()).toEqual(Object.keys(expectedCreates).sort());
  });

  it.each(Object.keys(expectedCreates))(
    "%s: init, validate and plan succeed with the expected creations",
    (name) => {
      const plan = planStackOffline(stacks[name], join(work, name), env);
      expect(countCreates(plan)).toEqual(expectedCreates[name]);
    },
    180_000,
  );
});
