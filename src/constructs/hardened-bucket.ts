import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { pinAddress, protectData } from "./addresses";
import { policyDocument, tlsOnlyStatement, type PolicyStatement } from "./policy";

export interface HardenedBucketProps {
  /** The bucket's name. */
  readonly bucketName: string;
  /** Customer-managed KMS key for default encryption (SSE-KMS with an S3 bucket key). */
  readonly kmsKeyArn: string;
  /** Lifecycle rules: transitions, expiry, old versions. */
  readonly lifecycleRules: S3BucketLifecycleConfigurationRule[];
  /** Bucket policy statements after the TLS-only deny. @default none */
  readonly policyStatements?: (bucketArn: string) => PolicyStatement[];
  /** Terraform address of every resource of the bucket (`aws_s3_bucket.<address>`, ...). */
  readonly address: string;
  /** Let Terraform destroy the bucket. @default false */
  readonly allowDestroy?: boolean;
}

/**
 * An S3 bucket for data that must not leak or vanish: versioned, KMS-encrypted with a customer key,
 * public access blocked, TLS-only, lifecycle-managed, protected from destroy. The state bucket and
 * the log archive are both this.
 */
export class HardenedBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: HardenedBucketProps) {
    super(scope, id);
    const address = props.address;
    this.bucket = pinAddress(new S3Bucket(this, "bucket", { bucket: props.bucketName, lifecycle: protectData(props.allowDestroy ?? false) }), address);
    const bucketId = this.bucket.id;
    pinAddress(new S3BucketVersioningA(this, "versioning", { bucket: bucketId, versioningConfiguration: { status: "Enabled" } }), address);
    pinAddress(
      new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
        bucket: bucketId,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
      }),
      address,
    );
    const publicAccess = pinAddress(
      new S3BucketPublicAccessBlock(this, "public-access", {
        bucket: bucketId,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
      address,
    );
    pinAddress(
      new S3BucketPolicy(this, "policy", {
        bucket: bucketId,
        policy: policyDocument([tlsOnlyStatement(this.bucket.arn), ...(props.policyStatements?.(this.bucket.arn) ?? [])]),
        // S3 rejects a bucket policy while the public access block is being written.
        dependsOn: [publicAccess],
      }),
      address,
    );
    pinAddress(new S3BucketLifecycleConfiguration(this, "lifecycle", { bucket: bucketId, rule: props.lifecycleRules }), address);
  }
}
