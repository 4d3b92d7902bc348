import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import type { ArchiveCompression } from "../aws/archive-limits";
import { pinAddress, protectData } from "./addresses";
import { ServiceRole } from "./service-role";

/** Firehose writes its delivery errors to this stream of its log group. */
export const DELIVERY_ERROR_STREAM = "DestinationDelivery";

/**
 * Partition keys of archived objects, in S3 key order. `account` comes from each record (dynamic
 * partitioning: a JQ query on the decompressed CloudWatch Logs envelope), `day` and `hour` from the
 * time Firehose received it (UTC).
 */
export const ARCHIVE_PARTITION_KEYS = ["account", "day", "hour"] as const;

export interface FirehoseDeliveryProps {
  readonly streamName: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly bucketArn: string;
  /** Customer-managed key: encrypts the stream, the objects it writes and its error log group. */
  readonly kmsKeyArn: string;
  /** Key prefix of archived objects, e.g. `logs/`; partitions follow it. */
  readonly prefix: string;
  /** Key prefix of records Firehose could not process. */
  readonly errorPrefix: string;
  readonly compression: ArchiveCompression;
  /** 64-128 MiB (dynamic partitioning needs 64). */
  readonly bufferSizeMiB: number;
  /** 60-900 s. */
  readonly bufferIntervalSeconds: number;
  readonly roleName: string;
  readonly logGroupName: string;
  /** Retention of the delivery error log group. @default 90 */
  readonly logRetentionDays?: number;
  /** Let Terraform destroy the error log group. @default false */
  readonly allowDestroy?: boolean;
  /** Address of the stream and its log group; its role gets `<address>_delivery`. */
  readonly address: string;
}

/**
 * A Data Firehose stream that turns CloudWatch Logs subscription records into a partitioned,
 * compressed, KMS-encrypted archive in S3: it decompresses the gzip records CloudWatch Logs sends,
 * takes the source account from each, appends a newline (one JSON envelope per line, as Athena's
 * JSON SerDe reads them) and writes `<prefix>account=<id>/day=<yyyy-MM-dd>/hour=<HH>/`.
 * Addresses: `aws_kinesis_firehose_delivery_stream.<a>`, `aws_cloudwatch_log_group.<a>`,
 * `aws_cloudwatch_log_stream.<a>`, `aws_iam_role.<a>_delivery`, `aws_iam_role_policy.<a>_delivery`.
 */
export class FirehoseDelivery extends Construct {
  readonly stream: KinesisFirehoseDeliveryStream;
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: FirehoseDeliveryProps) {
    super(scope, id);
    const arn = (service: string, resource: string) => `arn:${props.partition}:${service}:${props.region}:${props.accountId}:${resource}`;
    const allowDestroy = props.allowDestroy ?? false;
    const logGroup = pinAddress(
      new CloudwatchLogGroup(this, "log-group", {
        name: props.logGroupName,
        retentionInDays: props.logRetentionDays ?? 90,
        kmsKeyId: props.kmsKeyArn,
        skipDestroy: !allowDestroy,
        lifecycle: protectData(allowDestroy),
      }),
      props.address,
    );
    pinAddress(new CloudwatchLogStream(this, "log-stream", { name: DELIVERY_ERROR_STREAM, logGroupName: logGroup.name }), props.address);

    this.role = new ServiceRole(this, "role", {
      roleName: props.roleName,
      description: `Firehose ${props.streamName} writes the log archive`,
      service: "firehose.amazonaws.com",
      // AWS's documented confused-deputy guard for Firehose: the external id is the account id.
      trustConditions: [{ StringEquals: { "sts:ExternalId": props.accountId } }],
      statements: [
        {
          Sid: "WriteArchiveObjects",
          Effect: "Allow",
          Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
          Resource: [props.bucketArn, `${props.bucketArn}/*`],
        },
        {
          Sid: "EncryptArchiveObjects",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: props.kmsKeyArn,
          Condition: {
            StringEquals: { "kms:ViaService": `s3.${props.region}.amazonaws.com` },
            // With an S3 bucket key the context is the bucket ARN, otherwise the object's.
            StringLike: { "kms:EncryptionContext:aws:s3:arn": [props.bucketArn, `${props.bucketArn}/*`] },
          },
        },
        {
          Sid: "LogDeliveryErrors",
          Effect: "Allow",
          Action: ["logs:PutLogEvents"],
          Resource: arn("logs", `log-group:${props.logGroupName}:log-stream:${DELIVERY_ERROR_STREAM}`),
        },
      ],
      address: `${props.address}_delivery`,
    });

    const partitions = `account=!{partitionKeyFromQuery:account}/day=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/`;
    this.stream = pinAddress(
      new KinesisFirehoseDeliveryStream(this, "stream", {
        name: props.streamName,
        destination: "extended_s3",
        serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: props.kmsKeyArn },
        extendedS3Configuration: {
          roleArn: this.role.role.arn,
          bucketArn: props.bucketArn,
          kmsKeyArn: props.kmsKeyArn,
          prefix: `${props.prefix}${partitions}`,
          errorOutputPrefix: `${props.errorPrefix}!{firehose:error-output-type}/day=!{timestamp:yyyy-MM-dd}/`,
          compressionFormat: props.compression,
          bufferingSize: props.bufferSizeMiB,
          bufferingInterval: props.bufferIntervalSeconds,
          dynamicPartitioningConfiguration: { enabled: true },
          processingConfiguration: {
            enabled: true,
            processors: [
              { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] },
              {
                type: "MetadataExtraction",
                parameters: [
                  { parameterName: "MetadataExtractionQuery", parameterValue: "{account: .owner}" },
                  { parameterName: "JsonParsingEngine", parameterValue: "JQ-1.6" },
                ],
              },
              { type: "AppendDelimiterToRecord" },
            ],
          },
          cloudwatchLoggingOptions: { enabled: true, logGroupName: logGroup.name, logStreamName: DELIVERY_ERROR_STREAM },
        },
        // Firehose checks at creation that it may assume the role and write.
        dependsOn: [this.role.policy],
      }),
      props.address,
    );
  }
}
