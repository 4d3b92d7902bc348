import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { ProductStack } from "./product-stack";
import { pinAddress } from "../constructs/addresses";
import { ArchiveBucket } from "../constructs/archive-bucket";
import { ArchiveCatalog } from "../constructs/archive-catalog";
import { DeliveryAlarms } from "../constructs/delivery-alarms";
import { FirehoseDelivery } from "../constructs/firehose-delivery";
import { LogDestination } from "../constructs/log-destination";
import { MonitoringKey } from "../constructs/monitoring-key";
import { ObservabilitySink } from "../constructs/oam";
import { ServiceRole, type ServiceRoleProps } from "../constructs/service-role";
import { ARCHIVE_PREFIXES, type ArchiveModel } from "../model/archive";
import { addressId, stateKey } from "../model/naming";
import { configureAwsProvider, configureS3Backend } from "./terraform-settings";

export interface ArchiveStackProps {
  readonly project: string;
  readonly archive: ArchiveModel;
  readonly tags: Readonly<Record<string, string>>;
}

/** Address of the archive's resources (`aws_s3_bucket.log_archive`, ...). */
const ADDRESS = "log_archive";
/** `day` partitions Athena projects when archived objects never expire: ten years. */
const UNEXPIRING_PROJECTION_DAYS = 3653;

/**
 * The central log archive, in the archive account: a customer-managed key; a hardened, versioned,
 * lifecycle-managed bucket; the Firehose stream writing CloudWatch Logs records into it; the role
 * CloudWatch Logs assumes to put records into that stream; one CloudWatch Logs destination per region
 * that accepts other accounts' logs; the Glue table and Athena workgroup to query it; and, optionally,
 * the OAM sink that source accounts link to. Source stacks compute every ARN they need from the model,
 * so they plan without reading this stack's state (but apply after it).
 */
export class ArchiveStack extends ProductStack {
  constructor(scope: Construct, name: string, props: ArchiveStackProps) {
    super(scope, name);
    const a = props.archive;
    const tags = { ...props.tags, ...a.tags };
    configureAwsProvider(this, { region: a.region, accountId: a.accountId, tags });
    configureS3Backend(this, { bucket: a.stateBucket, key: stateKey(props.project, name), region: a.region });

    const key = new MonitoringKey(this, "key", {
      aliasName: a.kmsAliasName,
      description: `Central log archive s3://${a.bucketName}: objects, Firehose stream, delivery errors`,
      accountId: a.accountId,
      region: a.region,
      partition: a.partition,
      logGroupNames: [a.deliveryLogGroupName],
      allowAlarmNotifications: false,
      allowDestroy: a.allowDestroy,
      address: ADDRESS,
    }).key;

    const bucket = new ArchiveBucket(this, "bucket", {
      bucketName: a.bucketName,
      kmsKeyArn: key.arn,
      lifecycle: a.lifecycle,
      dataPrefixes: [ARCHIVE_PREFIXES.logs, ARCHIVE_PREFIXES.errors],
      resultsPrefix: ARCHIVE_PREFIXES.athenaResults,
      allowDestroy: a.allowDestroy,
      address: ADDRESS,
    }).bucket;

    const delivery = new FirehoseDelivery(this, "delivery", {
      streamName: a.deliveryStreamName,
      accountId: a.accountId,
      region: a.region,
      partition: a.partition,
      bucketArn: bucket.arn,
      kmsKeyArn: key.arn,
      prefix: ARCHIVE_PREFIXES.logs,
      errorPrefix: ARCHIVE_PREFIXES.errors,
      compression: a.compression,
      bufferSizeMiB: a.bufferSizeMiB,
      bufferIntervalSeconds: a.bufferIntervalSeconds,
      roleName: a.deliveryRoleName,
      logGroupName: a.deliveryLogGroupName,
      allowDestroy: a.allowDestroy,
      address: ADDRESS,
    });

    const ingest = new ServiceRole(this, "ingest-role", {
      roleName: a.ingestRoleName,
      description: `CloudWatch Logs puts subscribed log events into ${a.deliveryStreamName}`,
      service: "logs.amazonaws.com",
      trustConditions: ingestTrustConditions(a),
      statements: [{ Sid: "PutIntoArchiveStream", Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: a.deliveryStreamArn }],
      address: `${ADDRESS}_ingest`,
    });

    const crossAccount = a.sources.accounts.length > 0 || a.sources.organizationId !== undefined;
    const destinations: Record<string, string> = {};
    if (crossAccount) {
      for (const d of a.destinations) {
        const id = addressId(d.region);
        const provider = d.region === a.region ? undefined : configureAwsProvider(this, { region: d.region, accountId: a.accountId, tags, alias: id });
        destinations[d.region] = new LogDestination(this, `destination-${d.region}`, {
          destinationName: a.destinationName,
          destinationArn: d.arn,
          targetArn: delivery.stream.arn,
          roleArn: ingest.role.arn,
          sources: a.sources,
          provider,
          dependsOn: [ingest.policy, delivery.stream],
          address: `${ADDRESS}_${id}`,
        }).destination.arn;
      }
    }

    const catalog = new ArchiveCatalog(this, "catalog", {
      database: a.catalog.database,
      table: a.catalog.table,
      workgroup: a.catalog.workgroup,
      bucketName: a.bucketName,
      kmsKeyArn: key.arn,
      prefix: ARCHIVE_PREFIXES.logs,
      resultsPrefix: ARCHIVE_PREFIXES.athenaResults,
      compression: a.compression,
      accounts: a.sources.organizationId ? { injected: true } : { known: [...new Set([a.accountId, ...a.sources.accounts])] },
      days: a.lifecycle.expirationDays ?? UNEXPIRING_PROJECTION_DAYS,
      allowDestroy: a.allowDestroy,
      address: ADDRESS,
    });

    // The archive watches itself: delivery to S3, freshness, and whether anything arrives at all.
    new DeliveryAlarms(this, "delivery-alarms", { alarms: a.deliveryAlarms, topicArns: a.alarmTopicArns, tags });

    const sink = a.oam
      ? new ObservabilitySink(this, "oam-sink", {
          sinkName: a.oam.sinkName,
          sources: { accounts: a.oam.accounts, organizationId: a.sources.organizationId },
          resourceTypes: a.oam.resourceTypes,
          address: "monitoring",
        }).sink
      : undefined;

    const output = (id: string, value: unknown, description: string) => pinAddress(new TerraformOutput(this, id, { value, description }), id);
    output("archive_bucket_name", bucket.bucket, "Bucket holding the log archive");
    output("archive_bucket_arn", bucket.arn, "ARN of the log archive bucket");
    output("archive_kms_key_arn", key.arn, "KMS key encrypting the archive (readers need kms:Decrypt)");
    output("archive_delivery_stream_arn", delivery.stream.arn, "Firehose stream same-account log groups subscribe to");
    output("archive_destination_arns", destinations, "CloudWatch Logs destination per region, for other accounts' subscriptions");
    output("archive_glue_table", `${a.catalog.database}.${a.catalog.table}`, "Glue table to query with Athena");
    output("archive_athena_workgroup", catalog.workgroup.name, "Athena workgroup for archive queries");
    if (sink) output("oam_sink_arn", sink.arn, "OAM sink: set archive.oam.sinkArn to this so source environments link to it");
  }
}

/**
 * Confused-deputy guard of the ingest role: CloudWatch Logs may assume it only on behalf of log groups
 * or destinations of the archive account (destination regions and same-account source regions) and of
 * the configured source accounts in destination regions, or of the configured organization.
 */
export function ingestTrustConditions(a: ArchiveModel): ServiceRoleProps["trustConditions"] {
  const destinationRegions = a.destinations.map((d) => d.region);
  const logsArn = (region: string, account: string) => `arn:${a.partition}:logs:${region}:${account}:*`;
  const sourceArns = [
    ...new Set([...destinationRegions, ...a.sameAccountRegions].map((r) => logsArn(r, a.accountId))),
    ...a.sources.accounts.flatMap((account) => destinationRegions.map((r) => logsArn(r, account))),
  ];
  return [
    { StringLike: { "aws:SourceArn": sourceArns } },
    ...(a.sources.organizationId ? [{ StringEquals: { "aws:SourceOrgID": a.sources.organizationId } }] : []),
  ];
}
