import { Construct } from "constructs";
import { LocalBackend, TerraformOutput } from "cdktf";
import { ProductStack } from "./product-stack";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { pinAddress, protectData } from "../constructs/addresses";
import { HardenedBucket } from "../constructs/hardened-bucket";
import { keyAdministrationStatement, policyDocument } from "../constructs/policy";
import type { StateBucketModel } from "../model/types";
import { partitionOf, stateKey } from "../model/naming";
import { configureAwsProvider, configureS3Backend } from "./terraform-settings";

export interface StateBucketStackProps {
  readonly project: string;
  readonly bucket: StateBucketModel;
  readonly tags: Readonly<Record<string, string>>;
  /** Keep this stack's own state in the bucket it creates (after the one-time migration). @default false */
  readonly stateInS3?: boolean;
  /** Days to keep superseded state versions. @default 90 */
  readonly noncurrentVersionDays?: number;
}

/**
 * The one-time bootstrap: the S3 bucket that holds Terraform state, hardened (versioned, KMS-encrypted,
 * private, TLS-only, old versions expired) and protected from destroy. It starts with local state,
 * because the bucket it would store state in does not exist yet.
 */
export class StateBucketStack extends ProductStack {
  constructor(scope: Construct, name: string, props: StateBucketStackProps) {
    super(scope, name);
    const { bucket: b } = props;
    const partition = partitionOf(b.region);
    configureAwsProvider(this, { region: b.region, accountId: b.accountId, tags: props.tags });
    if (props.stateInS3) configureS3Backend(this, { bucket: b.bucket, key: stateKey(props.project, name), region: b.region });
    // Outside cdktf.out (every synth replaces it): the project root, next to cdktf.json.
    else new LocalBackend(this, { path: `../../../terraform.${name}.tfstate` });

    const key = pinAddress(
      new KmsKey(this, "key", {
        description: `Terraform state in s3://${b.bucket}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: policyDocument([keyAdministrationStatement(partition, b.accountId)]),
        lifecycle: protectData(b.allowDestroy),
      }),
      "state",
    );
    pinAddress(new KmsAlias(this, "alias", { name: `alias/${b.bucket}`, targetKeyId: key.keyId }), "state");
    const { bucket } = new HardenedBucket(this, "state-bucket", {
      bucketName: b.bucket,
      kmsKeyArn: key.arn,
      address: "state",
      allowDestroy: b.allowDestroy,
      lifecycleRules: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    pinAddress(new TerraformOutput(this, "bucket-name", { value: bucket.bucket, description: "State bucket" }), "state_bucket_name");
    pinAddress(new TerraformOutput(this, "bucket-arn", { value: bucket.arn, description: "State bucket ARN" }), "state_bucket_arn");
    pinAddress(new TerraformOutput(this, "key-arn", { value: key.arn, description: "KMS key encrypting the state bucket" }), "state_kms_key_arn");
  }
}
