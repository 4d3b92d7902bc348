import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { EXAMPLE_CONFIG, synthConfigFile } from "../support/synth";
import {
  ACTIONS_WITHOUT_RESOURCE_TYPES,
  bucketViolations,
  configValues,
  iamViolations,
  identifierViolations,
  kmsKeyViolations,
  logGroupViolations,
  RESOURCE_WILDCARD_ALLOWED,
  secretViolations,
  topicAndStreamViolations,
  type ConfigValues,
} from "./policy-rules";
import { allStrings, findPolicies, resourcesOf, type Stacks } from "./terraform-json";

/**
 * Our security policy, checked on every stack the example config synthesizes, whatever resources
 * the stacks hold: the rules look at resource types and policy documents, not at our construct list.
 * Each rule is also run on a deliberately broken stack, so none of them can pass by finding nothing.
 */

const rawConfig = parse(readFileSync(EXAMPLE_CONFIG, "utf8")) as unknown;
const config = configValues(rawConfig);
const configStrings = new Set(allStrings(rawConfig));
let stacks: Stacks;
beforeAll(() => {
  stacks = synthConfigFile().stacks;
});

describe("the example config's stacks", () => {
  it("hold the resource types the rules below are about", () => {
    // A rule over zero resources proves nothing: the example must exercise each of them.
    for (const type of ["aws_cloudwatch_log_group", "aws_kms_key", "aws_s3_bucket", "aws_sns_topic"]) {
      expect(`${type}: ${resourcesOf(stacks, type).length > 0}`).toBe(`${type}: true`);
    }
    expect(findPolicies(stacks).policies.length).toBeGreaterThan(0);
  });

  it("every log group has a CloudWatch retention and a customer-managed KMS key", () => {
    expect(logGroupViolations(stacks, config)).toEqual([]);
  });

  it("every KMS key rotates, has a 7-30 day deletion window and its own key policy", () => {
    expect(kmsKeyViolations(stacks)).toEqual([]);
  });

  it("every S3 bucket blocks public access, is versioned, KMS-encrypted and denies non-TLS requests", () => {
    expect(bucketViolations(stacks, config)).toEqual([]);
  });

  it("every SNS topic and Firehose stream is encrypted with a customer-managed key", () => {
    expect(topicAndStreamViolations(stacks, config)).toEqual([]);
  });

  it("no policy allows '*' or service-wide actions, or '*' resources where AWS does not require them", () => {
    expect(iamViolations(stacks, config)).toEqual([]);
  });

  it("account ids and ARNs come from config, and no credentials appear", () => {
    expect(identifierViolations(stacks, config)).toEqual([]);
    expect(secretViolations(stacks, configStrings)).toEqual([]);
  });

  it("every '*' resource exception has a reason, and the action list names only real IAM actions", () => {
    for (const w of RESOURCE_WILDCARD_ALLOWED) expect(w.reason.length).toBeGreaterThan(20);
    for (const action of ACTIONS_WITHOUT_RESOURCE_TYPES) expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z]+$/);
  });
});

// ---------------------------------------------------------------------------------------------
// The rules fail on what they forbid.

const KEY_ARN = "${aws_kms_key.k.arn}";
const cmk = { k: { enable_key_rotation: true, deletion_window_in_days: 30, policy: '{"Statement":[]}' } };
const one = (resource: Record<string, unknown>, data: Record<string, unknown> = {}): Stacks => ({ s: { resource, data } });
const testConfig: ConfigValues = configValues({ environments: [{ accountId: "111111111111", region: "us-east-1" }] });

describe("each rule rejects what it forbids", () => {
  it("log groups: no retention, AWS-managed or no key", () => {
    const found = logGroupViolations(one({ aws_kms_key: cmk, aws_cloudwatch_log_group: { a: { kms_key_id: KEY_ARN }, b: { retention_in_days: 30 }, c: { retention_in_days: 730, kms_key_id: "alias/aws/logs" } } }), testConfig);
    expect(found).toEqual([
      "s: aws_cloudwatch_log_group.a: retention_in_days undefined is not a CloudWatch retention",
      "s: aws_cloudwatch_log_group.b: kms_key_id undefined is not a customer-managed key",
      "s: aws_cloudwatch_log_group.c: retention_in_days 730 is not a CloudWatch retention",
      "s: aws_cloudwatch_log_group.c: kms_key_id alias/aws/logs is not a customer-managed key",
    ]);
  });

  it("KMS keys: no rotation, no deletion window, no policy", () => {
    expect(kmsKeyViolations(one({ aws_kms_key: { k: { deletion_window_in_days: 45 } } }))).toEqual([
      "s: aws_kms_key.k: enable_key_rotation is not true",
      "s: aws_kms_key.k: deletion_window_in_days 45 is not 7-30",
      "s: aws_kms_key.k: no key policy (the default policy would apply)",
    ]);
  });

  it("buckets: a bare bucket, then one with each protection slightly wrong", () => {
    expect(bucketViolations(one({ aws_s3_bucket: { b: { bucket: "x" } } }), testConfig)).toHaveLength(4);
    const almost = one({
      aws_kms_key: cmk,
      aws_s3_bucket: { b: { bucket: "x" } },
      aws_s3_bucket_public_access_block: { b: { bucket: "${aws_s3_bucket.b.id}", block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: false } },
      aws_s3_bucket_versioning: { b: { bucket: "${aws_s3_bucket.b.id}", versioning_configuration: { status: "Suspended" } } },
      aws_s3_bucket_server_side_encryption_configuration: { b: { bucket: "${aws_s3_bucket.b.id}", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] } },
      aws_s3_bucket_policy: {
        b: {
          bucket: "${aws_s3_bucket.b.id}",
          // Objects only: the bucket itself stays reachable without TLS.
          policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["${aws_s3_bucket.b.arn}/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }] }),
        },
      },
    });
    expect(bucketViolations(almost, testConfig)).toEqual([
      "s: aws_s3_bucket.b: no public access block with all four flags true",
      "s: aws_s3_bucket.b: versioning is not Enabled",
      "s: aws_s3_bucket.b: default encryption is not SSE-KMS with a customer-managed key",
      "s: aws_s3_bucket.b: no bucket policy denying aws:SecureTransport = false on the bucket and its objects",
    ]);
  });

  it("buckets: a policy from data.aws_iam_policy_document counts", () => {
    const stack = one(
      {
        aws_kms_key: cmk,
        aws_s3_bucket: { b: { bucket: "x" } },
        aws_s3_bucket_public_access_block: { b: { bucket: "${aws_s3_bucket.b.id}", block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
        aws_s3_bucket_versioning: { b: { bucket: "${aws_s3_bucket.b.bucket}", versioning_configuration: { status: "Enabled" } } },
        aws_s3_bucket_server_side_encryption_configuration: { b: { bucket: "${aws_s3_bucket.b.id}", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY_ARN } }] } },
        aws_s3_bucket_policy: { b: { bucket: "${aws_s3_bucket.b.id}", policy: "${data.aws_iam_policy_document.tls.json}" } },
      },
      {
        aws_iam_policy_document: {
          tls: {
            statement: [
              {
                effect: "Deny",
                principals: [{ type: "*", identifiers: ["*"] }],
                actions: ["s3:*"],
                resources: ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"],
                condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
              },
            ],
          },
        },
      },
    );
    expect(bucketViolations(stack, testConfig)).toEqual([]);
  });

  it("topics and Firehose streams: unencrypted, or with an AWS-managed key", () => {
    expect(
      topicAndStreamViolations(
        one({
          aws_kms_key: cmk,
          aws_sns_topic: { plain: { name: "t" }, managed: { kms_master_key_id: "alias/aws/sns" }, ok: { kms_master_key_id: KEY_ARN } },
          aws_kinesis_firehose_delivery_stream: { plain: { destination: "extended_s3" }, ok: { server_side_encryption: { enabled: true, key_type: "CUSTOMER_MANAGED_CMK", key_arn: KEY_ARN } } },
        }),
        testConfig,
      ),
    ).toEqual([
      "s: aws_sns_topic.plain: not encrypted with a customer-managed key (kms_master_key_id undefined)",
      "s: aws_sns_topic.managed: not encrypted with a customer-managed key (kms_master_key_id alias/aws/sns)",
      "s: aws_kinesis_firehose_delivery_stream.plain: server_side_encryption is not enabled with a customer-managed key",
    ]);
  });

  it("IAM: '*' and service-wide actions, NotAction, '*' resources, public principals, unreadable and AWS-managed policies", () => {
    const policy = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const found = iamViolations(
      one(
        {
          aws_iam_role_policy: {
            star: { policy: policy([{ Sid: "Star", Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::x" }]) },
            s3: { policy: policy([{ Sid: "S3", Effect: "Allow", Action: ["s3:GetObject", "s3:*"], Resource: "arn:aws:s3:::x/*" }]) },
            not: { policy: policy([{ Sid: "Not", Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::x" }]) },
            anywhere: { policy: policy([{ Sid: "Anywhere", Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }]) },
            metrics: { policy: policy([{ Sid: "Metrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" }]) },
            deny: { policy: policy([{ Sid: "DenyIsFine", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }]) },
            hcl: { policy: '${jsonencode({"Statement" = []})}' },
          },
          aws_sns_topic_policy: { open: { policy: policy([{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:111111111111:t" }]) } },
          aws_kms_key: {
            k: {
              policy: policy([
                { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" },
                { Sid: "OtherRoot", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:*", Resource: "*" },
                { Sid: "AnyAccountsAlarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
              ]),
            },
          },
          aws_iam_role_policy_attachment: { admin: { policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" } },
        },
        { aws_iam_policy_document: { d: { statement: [{ sid: "Doc", actions: ["logs:*"], resources: ["arn:aws:logs:us-east-1:111111111111:log-group:x"] }] } } },
      ),
      testConfig,
    );
    expect(found).toEqual([
      "s: aws_iam_role_policy.hcl.policy = ${jsonencode({\"Statement\" = []})}: a policy the tests cannot read (use a JSON document or data.aws_iam_policy_document)",
      "s: aws_iam_role_policy.star.policy statement Star: grants *",
      "s: aws_iam_role_policy.s3.policy statement S3: grants s3:*",
      "s: aws_iam_role_policy.not.policy statement Not: Allow with NotAction grants everything else",
      "s: aws_iam_role_policy.anywhere.policy statement Anywhere: Resource '*' for logs:PutLogEvents",
      "s: aws_sns_topic_policy.open.policy statement Open: allows any principal with no condition",
      "s: aws_kms_key.k.policy statement OtherRoot: grants kms:*",
      "s: aws_kms_key.k.policy statement AnyAccountsAlarms: grants cloudwatch.amazonaws.com with no condition (aws:SourceAccount, aws:SourceArn or an encryption context)",
      "s: data.aws_iam_policy_document.d statement Doc: grants logs:*",
      "s: aws_iam_role_policy_attachment.admin: attaches the AWS-managed policy arn:aws:iam::aws:policy/AdministratorAccess",
    ]);
  });

  it("identifiers: foreign account ids and ARNs, unless config names them", () => {
    const withArn = configValues({ environments: [{ accountId: "111111111111", region: "us-east-1" }], topic: "arn:aws:sns:eu-west-1:333333333333:ops" });
    const found = identifierViolations(
      one({
        x: {
          a: { owner: "222222222222", ok: "arn:aws:logs:us-east-1:111111111111:log-group:/a", region: "arn:aws:logs:eu-west-1:111111111111:log-group:/a" },
          b: { p: "arn:aws-cn:iam::111111111111:root", topic: "arn:aws:sns:eu-west-1:333333333333:ops", token: "arn:aws:logs:us-east-1:${data.aws_caller_identity.me.account_id}:*" },
        },
      }),
      withArn,
    );
    expect(found).toEqual([
      "s: account id 222222222222 does not come from config (in '222222222222')",
      "s: ARN arn:aws:logs:eu-west-1:111111111111:log-group:/a is not built from config values (partition, region and account)",
      "s: ARN arn:aws-cn:iam::111111111111:root is not built from config values (partition, region and account)",
    ]);
  });

  it("secrets: credential-shaped values and literal secret attributes", () => {
    const found = secretViolations(one({ x: { a: { endpoint: "AKIAABCDEFGHIJKLMNOP" }, b: { secret_key: "hunter2", token: "${var.token}" } } }), new Set());
    expect(found).toEqual(["s: a credential-shaped value 'AKIAABCDEFGH...'", "s: resource.x.b.secret_key is set to a literal value"]);
  });
});
