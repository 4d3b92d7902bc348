import { resourceAddresses, resourcesOfType } from "../support/synth";
import { PROD, STAGING, archiveConfig, policyOf, resource, synth, withArchive, type StackJson } from "./fixtures";

/** Every Allow statement of every IAM role policy in a stack. */
function roleStatements(stack: StackJson): Record<string, unknown>[] {
  return Object.values(resourcesOfType(stack, "aws_iam_role_policy")).flatMap((p) => policyOf(p, "policy").Statement);
}

describe("the archive stack", () => {
  const stacks = synth(archiveConfig());
  const archive = stacks["log-archive"];

  it("is one stack in the archive account, with state in that environment's bucket", () => {
    expect(Object.keys(stacks).sort()).toEqual([
      "log-archive",
      "monitoring-prod",
      "monitoring-prod-search",
      "monitoring-staging",
      "state-acme-tfstate-prod",
      "state-acme-tfstate-staging",
    ]);
    const terraform = archive.terraform as { backend: { s3: Record<string, unknown> } };
    expect(terraform.backend.s3).toMatchObject({ bucket: "acme-tfstate-prod", key: "acme/log-archive.tfstate", region: "us-east-1" });
    expect((archive.provider as { aws: Record<string, unknown>[] }).aws[0]).toMatchObject({ region: "us-east-1", allowed_account_ids: [PROD] });
  });

  it("encrypts everything with a customer-managed key that rotates and is protected", () => {
    expect(resource(archive, "aws_kms_key", "log_archive")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    const keyRef = "${aws_kms_key.log_archive.arn}";
    expect(resource(archive, "aws_s3_bucket_server_side_encryption_configuration", "log_archive")).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: keyRef }, bucket_key_enabled: true }],
    });
    const stream = resource(archive, "aws_kinesis_firehose_delivery_stream", "log_archive");
    expect(stream.server_side_encryption).toEqual({ enabled: true, key_type: "CUSTOMER_MANAGED_CMK", key_arn: keyRef });
    expect((stream.extended_s3_configuration as Record<string, unknown>).kms_key_arn).toBe(keyRef);
    expect(resource(archive, "aws_cloudwatch_log_group", "log_archive").kms_key_id).toBe(keyRef);
    expect(resource(archive, "aws_athena_workgroup", "log_archive")).toMatchObject({
      configuration: { enforce_workgroup_configuration: true, result_configuration: { encryption_configuration: { encryption_option: "SSE_KMS", kms_key_arn: keyRef } } },
    });
  });

  it("hardens the bucket like the state bucket (the same construct) and protects it from destroy", () => {
    const hardened = (stack: StackJson, address: string) =>
      [
        "aws_s3_bucket",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_lifecycle_configuration",
      ].map((type) => Object.keys(resourcesOfType(stack, type)).includes(address));
    expect(hardened(archive, "log_archive")).toEqual([true, true, true, true, true, true]);
    expect(hardened(stacks["state-acme-tfstate-prod"], "state")).toEqual([true, true, true, true, true, true]);
    expect(resource(archive, "aws_s3_bucket", "log_archive")).toMatchObject({ bucket: "acme-log-archive", lifecycle: { prevent_destroy: true } });
    expect(resource(archive, "aws_s3_bucket_versioning", "log_archive").versioning_configuration).toEqual({ status: "Enabled" });
    expect(resource(archive, "aws_s3_bucket_public_access_block", "log_archive")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const [tls] = policyOf(resource(archive, "aws_s3_bucket_policy", "log_archive"), "policy").Statement;
    expect(tls).toMatchObject({ Effect: "Deny", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": false } } });
  });

  it("applies the configured lifecycle: default transitions, configured ones, expiry", () => {
    const rules = (stack: StackJson) => resource(stack, "aws_s3_bucket_lifecycle_configuration", "log_archive").rule as Record<string, unknown>[];
    const logs = rules(archive).find((r) => r.id === "archive-logs")!;
    expect(logs.transition).toEqual([
      { days: 30, storage_class: "STANDARD_IA" },
      { days: 90, storage_class: "GLACIER_IR" },
    ]);
    expect(logs.expiration).toBeUndefined();
    const configured = synth(withArchive((c) => (c.archive!.lifecycle = { transitions: [{ days: 60, storageClass: "GLACIER" }], expirationDays: 400, noncurrentVersionDays: 7 })))["log-archive"];
    const rulesById = Object.fromEntries(rules(configured).map((r) => [r.id, r]));
    expect(rulesById["archive-logs"]).toMatchObject({ filter: [{ prefix: "logs/" }], transition: [{ days: 60, storage_class: "GLACIER" }], expiration: [{ days: 400 }] });
    expect(rulesById["archive-errors"]).toMatchObject({ filter: [{ prefix: "errors/" }], expiration: [{ days: 400 }] });
    expect(rulesById["expire-query-results"]).toMatchObject({ filter: [{ prefix: "athena-results/" }], expiration: [{ days: 30 }] });
    expect(rulesById["expire-old-versions"]).toMatchObject({ noncurrent_version_expiration: [{ noncurrent_days: 7 }] });
    // Athena projects exactly the days the archive keeps.
    expect((resource(configured, "aws_glue_catalog_table", "log_archive").parameters as Record<string, string>)["projection.day.range"]).toBe("NOW-400DAYS,NOW");
  });

  it("delivers compressed, partitioned by source account and time, from decompressed CloudWatch Logs records", () => {
    const s3 = resource(archive, "aws_kinesis_firehose_delivery_stream", "log_archive").extended_s3_configuration as Record<string, unknown>;
    expect(s3).toMatchObject({
      compression_format: "GZIP",
      prefix: "logs/account=!{partitionKeyFromQuery:account}/day=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/",
      error_output_prefix: "errors/!{firehose:error-output-type}/day=!{timestamp:yyyy-MM-dd}/",
      buffering_size: 64,
      dynamic_partitioning_configuration: { enabled: true },
    });
    const processors = (s3.processing_configuration as { processors: { type: string; parameters?: unknown[] }[] }).processors;
    expect(processors.map((p) => p.type)).toEqual(["Decompression", "MetadataExtraction", "AppendDelimiterToRecord"]);
    expect(processors[1].parameters).toContainEqual({ parameter_name: "MetadataExtractionQuery", parameter_value: "{account: .owner}" });
    const uncompressed = synth(withArchive((c) => (c.archive!.compression = "UNCOMPRESSED")))["log-archive"];
    expect((resource(uncompressed, "aws_kinesis_firehose_delivery_stream", "log_archive").extended_s3_configuration as Record<string, unknown>).compression_format).toBe("UNCOMPRESSED");
  });

  it("gives both roles exact actions on exact resources, and guards their trust against the confused deputy", () => {
    for (const statement of roleStatements(archive)) {
      for (const action of ([] as string[]).concat(statement.Action as string)) expect(action).not.toContain("*");
      for (const r of ([] as string[]).concat(statement.Resource as string)) expect(r).not.toBe("*");
    }
    const ingest = policyOf(resource(archive, "aws_iam_role_policy", "log_archive_ingest"), "policy").Statement;
    expect(ingest).toEqual([
      {
        Sid: "PutIntoArchiveStream",
        Effect: "Allow",
        Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
        Resource: `arn:aws:firehose:us-east-1:${PROD}:deliverystream/acme-log-archive`,
      },
    ]);
    const trust = policyOf(resource(archive, "aws_iam_role", "log_archive_ingest"), "assume_role_policy").Statement;
    expect(trust).toEqual([
      {
        Sid: "LogsAssumes",
        Effect: "Allow",
        Principal: { Service: "logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringLike: { "aws:SourceArn": [`arn:aws:logs:us-east-1:${PROD}:*`, `arn:aws:logs:us-east-1:${STAGING}:*`] } },
      },
    ]);
    expect(policyOf(resource(archive, "aws_iam_role", "log_archive_delivery"), "assume_role_policy").Statement[0]).toMatchObject({
      Principal: { Service: "firehose.amazonaws.com" },
      Condition: { StringEquals: { "sts:ExternalId": PROD } },
    });
    const delivery = policyOf(resource(archive, "aws_iam_role_policy", "log_archive_delivery"), "policy").Statement;
    expect(delivery.find((s) => s.Sid === "WriteArchiveObjects")!.Resource).toEqual(["${aws_s3_bucket.log_archive.arn}", "${aws_s3_bucket.log_archive.arn}/*"]);
    expect(delivery.find((s) => s.Sid === "LogDeliveryErrors")!.Resource).toBe(`arn:aws:logs:us-east-1:${PROD}:log-group:/aws/kinesisfirehose/acme-log-archive:log-stream:DestinationDelivery`);
  });

  it("lets only the configured source accounts subscribe to the destination", () => {
    const destination = resource(archive, "aws_cloudwatch_log_destination", "log_archive_us_east_1");
    expect(destination).toMatchObject({
      name: "acme-log-archive",
      target_arn: "${aws_kinesis_firehose_delivery_stream.log_archive.arn}",
      role_arn: "${aws_iam_role.log_archive_ingest.arn}",
    });
    expect(policyOf(resource(archive, "aws_cloudwatch_log_destination_policy", "log_archive_us_east_1"), "access_policy").Statement).toEqual([
      {
        Sid: "SourceAccountsSubscribe",
        Effect: "Allow",
        Principal: { AWS: [STAGING] },
        Action: ["logs:PutSubscriptionFilter", "logs:PutAccountPolicy"],
        Resource: `arn:aws:logs:us-east-1:${PROD}:destination:acme-log-archive`,
      },
    ]);
  });

  it("creates no destination when only the archive's own account delivers", () => {
    const sameAccountOnly = synth(
      withArchive((c) => {
        delete c.archive!.sources;
        c.environments[1].archive = { enabled: false };
      }),
    )["log-archive"];
    expect(resourceAddresses(sameAccountOnly).filter((a) => a.startsWith("aws_cloudwatch_log_destination"))).toEqual([]);
  });

  it("has one destination per configured region, each through that region's provider", () => {
    const twoRegions = synth(withArchive((c) => (c.archive!.regions = ["us-east-1", "eu-west-1"])))["log-archive"];
    expect(resource(twoRegions, "aws_cloudwatch_log_destination", "log_archive_eu_west_1")).toMatchObject({ provider: "aws.eu_west_1" });
    expect(resource(twoRegions, "aws_cloudwatch_log_destination", "log_archive_us_east_1").provider).toBeUndefined();
    expect((twoRegions.provider as { aws: Record<string, unknown>[] }).aws).toContainEqual(expect.objectContaining({ alias: "eu_west_1", region: "eu-west-1", allowed_account_ids: [PROD] }));
    const trust = policyOf(resource(twoRegions, "aws_iam_role", "log_archive_ingest"), "assume_role_policy").Statement[0];
    expect((trust.Condition as { StringLike: Record<string, string[]> }).StringLike["aws:SourceArn"]).toEqual(
      expect.arrayContaining([`arn:aws:logs:eu-west-1:${PROD}:*`, `arn:aws:logs:eu-west-1:${STAGING}:*`]),
    );
  });

  it("catalogues the archive for Athena with partition projection (no crawler)", () => {
    const table = resource(archive, "aws_glue_catalog_table", "log_archive");
    expect(table).toMatchObject({ database_name: "${aws_glue_catalog_database.log_archive.name}", name: "cloudwatch_logs", table_type: "EXTERNAL_TABLE" });
    expect((table.partition_keys as { name: string }[]).map((k) => k.name)).toEqual(["account", "day", "hour"]);
    expect(table.parameters).toMatchObject({
      "projection.enabled": "true",
      "projection.account.type": "enum",
      "projection.account.values": `${PROD},${STAGING}`,
      "projection.day.type": "date",
      "projection.day.format": "yyyy-MM-dd",
      "projection.hour.range": "0,23",
      // Terraform's `$${` escape: the template reaches Glue as ${account}, for Athena to fill in.
      "storage.location.template": "s3://acme-log-archive/logs/account=$${account}/day=$${day}/hour=$${hour}/",
    });
    expect(resource(archive, "aws_glue_catalog_database", "log_archive")).toMatchObject({ name: "acme_log_archive" });
    const query = resource(archive, "aws_athena_named_query", "log_archive_recent_errors");
    expect(query).toMatchObject({ workgroup: "${aws_athena_workgroup.log_archive.name}", database: "${aws_glue_catalog_database.log_archive.name}" });
    expect(query.query).toContain('FROM "acme_log_archive"."cloudwatch_logs" AS l\nCROSS JOIN UNNEST(l.logevents) AS t (e)');
  });

  it("admits a whole organization: destination, trust, injected account partition and sender roles", () => {
    const org = synth(withArchive((c) => (c.archive!.sources = { organizationId: "o-a1b2c3d4e5" })));
    const archiveStack = org["log-archive"];
    expect(policyOf(resource(archiveStack, "aws_cloudwatch_log_destination_policy", "log_archive_us_east_1"), "access_policy").Statement).toEqual([
      expect.objectContaining({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }),
    ]);
    expect(policyOf(resource(archiveStack, "aws_iam_role", "log_archive_ingest"), "assume_role_policy").Statement[1]).toMatchObject({
      Condition: { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } },
    });
    expect((resource(archiveStack, "aws_glue_catalog_table", "log_archive").parameters as Record<string, string>)["projection.account.type"]).toBe("injected");
    expect(resource(archiveStack, "aws_athena_named_query", "log_archive_recent_errors").query).toContain("AND l.account = '<account id>'");
    // Staging proves its identity with its own sender role, named in its subscriptions.
    const staging = org["monitoring-staging"];
    expect(resource(staging, "aws_iam_role", "log_archive_sender")).toMatchObject({ name: "acme-staging-log-archive-sender" });
    expect(resource(staging, "aws_cloudwatch_log_subscription_filter", "chat_api_archive").role_arn).toBe(`arn:aws:iam::${STAGING}:role/acme-staging-log-archive-sender`);
    expect(resourcesOfType(org["monitoring-prod"], "aws_iam_role")).toEqual({});
  });

  it("adds the OAM sink only when asked, and lets exactly the linking accounts link", () => {
    expect(resourceAddresses(archive).filter((a) => a.startsWith("aws_oam"))).toEqual([]);
    const withOam = synth(withArchive((c) => (c.archive!.oam = { resourceTypes: ["AWS::CloudWatch::Metric"] })))["log-archive"];
    expect(resource(withOam, "aws_oam_sink", "monitoring")).toMatchObject({ name: "acme-monitoring" });
    expect(policyOf(resource(withOam, "aws_oam_sink_policy", "monitoring"), "policy").Statement).toEqual([
      {
        Sid: "SourceAccountsLink",
        Effect: "Allow",
        Principal: { AWS: [STAGING] },
        Action: ["oam:CreateLink", "oam:UpdateLink"],
        Resource: "${aws_oam_sink.monitoring.arn}",
        Condition: { "ForAllValues:StringEquals": { "oam:ResourceTypes": ["AWS::CloudWatch::Metric"] } },
      },
    ]);
    expect((withOam.output as Record<string, { value: string }>).oam_sink_arn.value).toBe("${aws_oam_sink.monitoring.arn}");
  });
});
