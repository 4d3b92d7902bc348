import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractMetric, parseFilterPattern } from "../../src/patterns";
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

/**
 * The addresses of one AI workload of the example config, the same in every stack that holds it:
 * its log group, one filter per signal (`*_by_model*`: the per-dimension companions), one alarm per
 * alarmed signal plus its ratio and AWS-metric alarms, its health alarm, saved queries and extras.
 */
function aiWorkload(w: string, parts: { filters: string[]; alarms: string[]; queries: string[]; extra?: string[] }): string[] {
  return [
    `aws_cloudwatch_log_group.${w}`,
    `aws_cloudwatch_composite_alarm.${w}_health`,
    ...parts.filters.map((f) => `aws_cloudwatch_log_metric_filter.${w}_${f}`),
    ...parts.alarms.map((a) => `aws_cloudwatch_metric_alarm.${w}_${a}`),
    ...parts.queries.map((q) => `aws_cloudwatch_query_definition.${w}_${q}`),
    ...(parts.extra ?? []),
  ];
}
// The gpu-host presets that read every log format (one filter, one alarm each).
const GPU_HOST_LOG_SIGNALS = [
  "xid_events", "gpu_fallen_off_bus", "gpu_ecc_uncorrectable", "gpu_ecc_contained", "gpu_row_remap_pending", "gpu_row_remap_failure",
  "gpu_nvlink_errors", "nvswitch_errors", "gpu_gsp_errors", "gpu_reset_required", "efa_errors", "nic_link_errors", "machine_checks",
  "host_memory_uncorrectable", "host_memory_corrected", "pcie_uncorrectable", "pcie_corrected", "disk_io_errors", "nvme_timeouts",
  "host_oom_kills", "hung_tasks", "cpu_lockups", "thermal_throttling",
];
const LLM_QUERIES = ["latency_by_model", "slowest_requests", "tokens_by_model", "top_errors"];
const CLAUDE = "anthropic_claude_3_5_sonnet_20240620_v1_0";
// The three AI workloads deployed to both environments.
const SHARED_AI_WORKLOADS = [
  ...aiWorkload("chat_inference", {
    // logFormats [vllm, vllm-requests]: vLLM's filters (one per stats-line shape) and the ones every format shares.
    filters: [
      "requests", "server_errors", "server_errors_vllm", "throttled", "cuda_oom", "engine_dead", "gpu_errors",
      "output_tokens_per_second", "output_tokens_per_second_vllm_v0", "output_tokens_per_second_vllm_v1_unprefixed", "output_tokens_per_second_vllm_v1_aggregated",
      "queued_requests", "queued_requests_vllm_v0", "queued_requests_vllm_v0_ray", "queued_requests_vllm_v1_unprefixed", "queued_requests_vllm_v1_aggregated",
      "request_latency", "request_latency_by_model", "time_to_first_token", "time_to_first_token_by_model", "prompt_tokens", "prompt_tokens_by_model", "completion_tokens", "completion_tokens_by_model",
    ],
    alarms: ["requests", "server_errors", "throttled", "cuda_oom", "engine_dead", "gpu_errors", "output_tokens_per_second", "queued_requests", "request_latency", "time_to_first_token", "prompt_tokens", "completion_tokens", "error_rate", "heartbeat"],
    queries: [...LLM_QUERIES, "engine_events", "throughput"],
    extra: ["aws_cloudwatch_log_data_protection_policy.chat_inference", "aws_cloudwatch_log_anomaly_detector.chat_inference"],
  }),
  ...aiWorkload("support_assistant", {
    filters: ["model_calls", "errors", "latency", "latency_by_model", "input_tokens", "input_tokens_by_model", "output_tokens", "output_tokens_by_model", "content_filtered"],
    alarms: ["model_calls", "errors", "latency", "input_tokens", "output_tokens", "content_filtered", "error_rate", "heartbeat"],
    queries: LLM_QUERIES,
    extra: ["aws_cloudwatch_log_data_protection_policy.support_assistant"],
  }),
  ...aiWorkload("bedrock_invocations", {
    filters: ["invocations", "invocation_errors", "input_tokens", "input_tokens_by_model_id", "output_tokens", "output_tokens_by_model_id", "cache_read_tokens", "cache_read_tokens_by_model_id", "cache_write_tokens", "cache_write_tokens_by_model_id", "latency", "latency_by_model_id", "guardrail_interventions"],
    alarms: ["invocations", "invocation_errors", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "latency", "guardrail_interventions", "error_rate", "heartbeat", "log_delivery_failures", `throttles_${CLAUDE}`, `server_errors_${CLAUDE}`, `invocation_latency_${CLAUDE}`],
    queries: LLM_QUERIES,
    extra: [
      "aws_cloudwatch_log_data_protection_policy.bedrock_invocations",
      "aws_bedrock_model_invocation_logging_configuration.bedrock_invocations",
      "aws_iam_role.bedrock_invocations_bedrock_logging",
      "aws_iam_role_policy.bedrock_invocations_bedrock_logging",
    ],
  }),
  // What the environment's default stack adds for them: the dashboard and the audit log group.
  "aws_cloudwatch_dashboard.ai_workloads",
  "aws_cloudwatch_log_group.data_protection_audit",
];

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
      "log-archive",
      "monitoring-prod",
      "monitoring-prod-search",
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
      "aws_cloudwatch_composite_alarm.ai_monitoring_health",
      "aws_cloudwatch_log_account_policy.log_archive",
      "aws_cloudwatch_log_group.ai_monitoring",
      "aws_cloudwatch_log_metric_filter.ai_monitoring_errors",
      "aws_cloudwatch_log_stream.ai_monitoring_stream_ai_monitoring_source",
      "aws_cloudwatch_metric_alarm.ai_monitoring_errors",
      "aws_cloudwatch_metric_alarm.ai_monitoring_heartbeat",
      "aws_cloudwatch_query_definition.ai_monitoring_top_errors",
      "aws_kms_alias.monitoring_key",
      "aws_kms_key.monitoring_key",
      "aws_oam_link.monitoring",
      "aws_sns_topic.alerts_critical",
      "aws_sns_topic_policy.alerts_critical",
      "aws_sns_topic_subscription.alerts_critical_email_ml_oncall_example_com",
      // Its 4 log groups deliver to the archive (account policy): one alarm per 5 of them.
      "aws_cloudwatch_metric_alarm.archive_subscription_delivery_1",
      ...SHARED_AI_WORKLOADS,
    ].sort());
    expect(addresses["monitoring-prod"]).toEqual([
      "aws_cloudwatch_composite_alarm.ai_monitoring_health",
      "aws_cloudwatch_composite_alarm.feature_pipeline_health",
      "aws_cloudwatch_query_definition.ai_monitoring_top_errors",
      "aws_cloudwatch_query_definition.feature_pipeline_top_errors",
      "aws_cloudwatch_log_group.ai_monitoring",
      "aws_cloudwatch_log_group.feature_pipeline",
      "aws_cloudwatch_log_metric_filter.ai_monitoring_errors",
      "aws_cloudwatch_log_metric_filter.feature_pipeline_errors",
      "aws_cloudwatch_log_metric_filter.feature_pipeline_rows_rejected",
      "aws_cloudwatch_log_stream.ai_monitoring_stream_ai_monitoring_source",
      "aws_cloudwatch_log_subscription_filter.ai_monitoring_archive",
      "aws_cloudwatch_log_subscription_filter.feature_pipeline_archive",
      "aws_cloudwatch_metric_alarm.ai_monitoring_errors",
      // feature-pipeline turns its heartbeat off (a nightly batch job).
      "aws_cloudwatch_metric_alarm.ai_monitoring_heartbeat",
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
      // prod's 10 log groups (its search group's included) deliver to the archive: 2 alarms of 5 each.
      "aws_cloudwatch_metric_alarm.archive_subscription_delivery_1",
      "aws_cloudwatch_metric_alarm.archive_subscription_delivery_2",
      ...SHARED_AI_WORKLOADS,
      ...["chat_inference", "support_assistant", "bedrock_invocations", "reranker", "llama_finetune", "agent_spans", "training_hosts"].map((w) => `aws_cloudwatch_log_subscription_filter.${w}_archive`),
      ...aiWorkload("reranker", {
        filters: [
          "invocations",
          "invocations_tgi",
          "invocation_errors",
          "invocation_errors_tgi",
          ...["", "_djl_lmi", "_tgi", "_vllm", "_nginx_gunicorn"].flatMap((format) => [`worker_died${format}`, `model_load_failed${format}`]),
          "cuda_oom",
          "request_latency",
          "backend_latency",
        ],
        alarms: ["invocations", "invocation_errors", "worker_died", "model_load_failed", "cuda_oom", "request_latency", "backend_latency", "error_rate", "heartbeat", "invocation_5xx_alltraffic", "model_latency_alltraffic"],
        queries: ["latency_by_variant", "slowest_requests", "top_errors"],
      }),
      // Attached to aws/spans, which it does not create: no log group, no data protection on a shared group.
      ...aiWorkload("agent_spans", {
        filters: [
          "model_calls_otel_spans",
          "errors_otel_spans",
          "span_latency",
          "span_latency_by_model",
          ...["input_tokens", "output_tokens"].flatMap((t) => [`${t}_otel_spans`, `${t}_otel_spans_by_model`, `${t}_otel_spans_legacy`, `${t}_otel_spans_legacy_by_model`]),
          "content_filtered_otel_spans",
        ],
        alarms: ["model_calls_otel_spans", "errors_otel_spans", "span_latency", "input_tokens_otel_spans", "output_tokens_otel_spans", "content_filtered_otel_spans", "error_rate", "heartbeat"],
        queries: LLM_QUERIES,
      }).filter((address) => address !== "aws_cloudwatch_log_group.agent_spans"),
      ...aiWorkload("llama_finetune", {
        // Existing addresses kept; new signals, and one filter per further log format (`<signal>_<format>`).
        filters: [
          "loss_nan", "loss_nan_megatron_deepspeed", "cuda_oom", "cuda_error", "cuda_error_pytorch", "nccl_timeout", "nccl_error", "watchdog_hang",
          "worker_failed", "worker_failed_pytorch", "worker_failed_deepspeed", "loss_scale_overflow", "loss_scale_overflow_megatron",
          "loss_scale_overflow_megatron_legacy", "checkpoint_failed", "step_time", "step_time_megatron_legacy", "step_time_megatron_deepspeed",
        ],
        alarms: ["loss_nan", "cuda_oom", "cuda_error", "nccl_timeout", "nccl_error", "watchdog_hang", "worker_failed", "loss_scale_overflow", "checkpoint_failed", "step_time", "heartbeat"],
        queries: ["slowest_requests", "step_time_percentiles", "top_errors", "training_loss", "worker_exit_codes"],
      }),
      // logFormats [syslog]: the Xid code breakdown reads the syslog shape only, so its filters (and
      // the alarm on the first of them) carry the format's suffix.
      ...aiWorkload("training_hosts", {
        filters: [
          ...GPU_HOST_LOG_SIGNALS,
          "xid_codes_syslog",
          "xid_codes_syslog_by_xid_code_host",
        ],
        alarms: [...GPU_HOST_LOG_SIGNALS, "xid_codes_syslog", "gpu_temperature", "gpu_memory_headroom", "gpu_utilization_collapse", "heartbeat"],
        queries: ["drain_candidates", "top_errors", "xid_by_code"],
      }),
    ].sort());
    // A group's stack: its workloads and its own key, nothing the environment shares.
    expect(addresses["monitoring-prod-search"]).toEqual([
      "aws_cloudwatch_composite_alarm.rag_retriever_health",
      "aws_cloudwatch_log_group.rag_retriever",
      "aws_cloudwatch_log_metric_filter.rag_retriever_errors",
      "aws_cloudwatch_log_subscription_filter.rag_retriever_archive",
      "aws_cloudwatch_metric_alarm.rag_retriever_errors",
      "aws_cloudwatch_metric_alarm.rag_retriever_heartbeat",
      "aws_cloudwatch_query_definition.rag_retriever_top_errors",
      "aws_kms_alias.monitoring_key",
      "aws_kms_key.monitoring_key",
    ]);
    expect(addresses["log-archive"]).toEqual([
      "aws_athena_named_query.log_archive_recent_errors",
      "aws_athena_workgroup.log_archive",
      "aws_cloudwatch_log_destination.log_archive_us_east_1",
      "aws_cloudwatch_log_destination_policy.log_archive_us_east_1",
      "aws_cloudwatch_log_group.log_archive",
      "aws_cloudwatch_log_stream.log_archive",
      "aws_cloudwatch_metric_alarm.archive_data_freshness",
      "aws_cloudwatch_metric_alarm.archive_delivery_to_s3",
      "aws_cloudwatch_metric_alarm.archive_nothing_arriving",
      "aws_glue_catalog_database.log_archive",
      "aws_glue_catalog_table.log_archive",
      "aws_iam_role.log_archive_delivery",
      "aws_iam_role.log_archive_ingest",
      "aws_iam_role_policy.log_archive_delivery",
      "aws_iam_role_policy.log_archive_ingest",
      "aws_kinesis_firehose_delivery_stream.log_archive",
      "aws_kms_alias.log_archive",
      "aws_kms_key.log_archive",
      "aws_oam_sink.monitoring",
      "aws_oam_sink_policy.monitoring",
      "aws_s3_bucket.log_archive",
      "aws_s3_bucket_lifecycle_configuration.log_archive",
      "aws_s3_bucket_policy.log_archive",
      "aws_s3_bucket_public_access_block.log_archive",
      "aws_s3_bucket_server_side_encryption_configuration.log_archive",
      "aws_s3_bucket_versioning.log_archive",
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
    expect(Object.keys(synth.stacks["monitoring-staging"].output as object).sort()).toEqual(
      [
        "alerts_critical_topic_arn",
        ...["ai_monitoring", "chat_inference", "support_assistant", "bedrock_invocations"].flatMap((w) => ["alarm_names", "log_group_arn", "log_group_name", "log_stream_names"].map((o) => `${w}_${o}`)),
      ].sort(),
    );
  });

  it("reproduces the seed's monitoring, with an alarm that can fire", () => {
    const stack = synth.stacks["monitoring-staging"];
    const filter = resourcesOfType(stack, "aws_cloudwatch_log_metric_filter").ai_monitoring_errors;
    // The seed counted lines containing ERROR; the generic kind still does (and lower-case level keys too).
    const counts = (line: string) => extractMetric(parseFilterPattern(filter.pattern as string), { metricValue: "1" }, line).matched;
    expect(counts("2026-11-24 06:31:07,412 ERROR inference failed: upstream model timed out after 30s")).toBe(true);
    expect(counts("2026-11-24 06:31:07,412 INFO request served in 182 ms")).toBe(false);
    expect(filter).toMatchObject({
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

  it.each(["log-archive", "monitoring-prod", "monitoring-prod-search", "monitoring-staging", "state-acme-ai-tfstate-prod", "state-acme-ai-tfstate-staging"])(
    "matches the reviewed snapshot of %s",
    (name) => {
      expect(normalised(synth.stacks[name])).toMatchSnapshot();
    },
  );
});
