/**
 * Fixed lists and quotas of S3, Data Firehose, Glue, IAM and CloudWatch cross-account observability
 * that the archive config and checks share. Sources: S3 lifecycle ("Transitioning objects using
 * Amazon S3 Lifecycle": minimum days per storage class), Firehose API reference
 * (ExtendedS3DestinationConfiguration CompressionFormat, BufferingHints; dynamic partitioning needs a
 * 64 MiB buffer), Glue naming rules, IAM quotas (role names), OAM CreateLink ResourceTypes.
 */

/** Storage classes a lifecycle rule may transition archive objects to. */
export const ARCHIVE_STORAGE_CLASSES = [
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER_IR",
  "GLACIER",
  "DEEP_ARCHIVE",
] as const;
export type ArchiveStorageClass = (typeof ARCHIVE_STORAGE_CLASSES)[number];

/** S3 refuses a transition to STANDARD_IA or ONEZONE_IA before an object is 30 days old. */
export const MIN_DAYS_BEFORE_INFREQUENT_ACCESS = 30;
export const INFREQUENT_ACCESS_CLASSES: readonly ArchiveStorageClass[] = ["STANDARD_IA", "ONEZONE_IA"];

/** Output compression Athena can read back (Firehose also offers ZIP and raw Snappy, which Athena cannot). */
export const ARCHIVE_COMPRESSION_FORMATS = ["GZIP", "HADOOP_SNAPPY", "UNCOMPRESSED"] as const;
export type ArchiveCompression = (typeof ARCHIVE_COMPRESSION_FORMATS)[number];

/** Firehose buffering hints: 1-128 MiB and 0-900 s; dynamic partitioning needs at least 64 MiB. */
export const MIN_DYNAMIC_PARTITIONING_BUFFER_MIB = 64;
export const MAX_BUFFER_MIB = 128;
export const MIN_BUFFER_INTERVAL_SECONDS = 60;
export const MAX_BUFFER_INTERVAL_SECONDS = 900;

/** IAM role names are at most 64 characters. */
export const MAX_IAM_ROLE_NAME_LENGTH = 64;

/** AWS Organizations ids: `o-` and 10-32 lowercase letters or digits. */
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;

/** OAM sinks and links share these resource types (CreateLink ResourceTypes). */
export const OAM_RESOURCE_TYPES = [
  "AWS::CloudWatch::Metric",
  "AWS::Logs::LogGroup",
  "AWS::XRay::Trace",
  "AWS::ApplicationInsights::Application",
  "AWS::InternetMonitor::Monitor",
  "AWS::ApplicationSignals::Service",
  "AWS::ApplicationSignals::ServiceLevelObjective",
] as const;
export type OamResourceType = (typeof OAM_RESOURCE_TYPES)[number];

export const OAM_SINK_ARN_PATTERN = /^arn:aws(-[a-z]+)*:oam:[a-z0-9-]+:\d{12}:sink\/[A-Za-z0-9-]+$/;

/** Destinations a log-group subscription filter can deliver to (PutSubscriptionFilter destinationArn). */
export const SUBSCRIPTION_DESTINATION_ARN_PATTERN =
  /^arn:aws(-[a-z]+)*:(logs:[a-z0-9-]+:\d{12}:destination:[^:*]+|kinesis:[a-z0-9-]+:\d{12}:stream\/.+|firehose:[a-z0-9-]+:\d{12}:deliverystream\/.+|lambda:[a-z0-9-]+:\d{12}:function:.+)$/;
export const IAM_ROLE_ARN_PATTERN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
