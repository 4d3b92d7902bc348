import { Construct } from "constructs";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { ArchiveLifecycleModel } from "../model/archive";
import { HardenedBucket } from "./hardened-bucket";

export interface ArchiveBucketProps {
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  readonly lifecycle: ArchiveLifecycleModel;
  /** Prefixes holding archived data (transitions and expiry apply there). */
  readonly dataPrefixes: readonly string[];
  /** Prefix of Athena query results, kept for `resultsDays`. */
  readonly resultsPrefix: string;
  /** Days to keep Athena query results. @default 30 */
  readonly resultsDays?: number;
  readonly allowDestroy?: boolean;
  readonly address: string;
}

/**
 * The archive's bucket: a HardenedBucket (as the state bucket) whose lifecycle moves archived logs to
 * cheaper storage classes and expires them as configured, and cleans up query results and old versions.
 */
export class ArchiveBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: ArchiveBucketProps) {
    super(scope, id);
    this.bucket = new HardenedBucket(this, "bucket", {
      bucketName: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      address: props.address,
      allowDestroy: props.allowDestroy,
      lifecycleRules: archiveLifecycleRules(props),
    }).bucket;
  }
}

export function archiveLifecycleRules(props: Pick<ArchiveBucketProps, "lifecycle" | "dataPrefixes" | "resultsPrefix" | "resultsDays">): S3BucketLifecycleConfigurationRule[] {
  const l = props.lifecycle;
  const dataRules = props.dataPrefixes.map(
    (prefix): S3BucketLifecycleConfigurationRule => ({
      id: `archive-${prefix.replace(/\/$/, "")}`,
      status: "Enabled",
      filter: [{ prefix }],
      transition: l.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })),
      expiration: l.expirationDays !== undefined ? [{ days: l.expirationDays }] : undefined,
    }),
  );
  return [
    ...dataRules,
    {
      id: "expire-query-results",
      status: "Enabled",
      filter: [{ prefix: props.resultsPrefix }],
      expiration: [{ days: props.resultsDays ?? 30 }],
    },
    {
      id: "expire-old-versions",
      status: "Enabled",
      filter: [{ prefix: "" }],
      noncurrentVersionExpiration: [{ noncurrentDays: l.noncurrentVersionDays }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    },
  ];
}
