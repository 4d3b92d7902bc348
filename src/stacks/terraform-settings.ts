import { S3Backend, type TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** S3-native state locking (use_lockfile) arrived in Terraform 1.10. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10";

export interface StackProviderProps {
  readonly region: string;
  readonly accountId: string;
  readonly tags: Readonly<Record<string, string>>;
  /** An additional provider for another region, referenced by this alias. @default the stack's default provider */
  readonly alias?: string;
}

/**
 * The AWS provider of a stack. `allowed_account_ids` makes Terraform refuse to run with credentials
 * of another account: a plan against the wrong account fails before it can change anything.
 */
export function configureAwsProvider(stack: TerraformStack, props: StackProviderProps): AwsProvider {
  const provider = new AwsProvider(stack, props.alias ? `aws-${props.alias}` : "aws", {
    alias: props.alias,
    region: props.region,
    allowedAccountIds: [props.accountId],
    defaultTags: [{ tags: { ...props.tags } }],
  });
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  // cdktf writes the shorthand source "aws"; spell it out for teams reading the JSON as a root module.
  stack.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");
  return provider;
}

export interface StateBackendProps {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
}

/**
 * Remote state in S3 with S3-native locking and no DynamoDB table. cdktf 0.21's S3Backend has no
 * prop for `use_lockfile`, so it is added as an override.
 */
export function configureS3Backend(stack: TerraformStack, props: StateBackendProps): S3Backend {
  const backend = new S3Backend(stack, { bucket: props.bucket, key: props.key, region: props.region, encrypt: true });
  backend.addOverride("use_lockfile", true);
  return backend;
}
