import { AWS_REGION_PATTERN, RETENTION_DAYS } from "../../src/aws/limits";
import { partitionOf } from "../../src/model/naming";
import {
  allBlocks,
  allStrings,
  asList,
  blocksReferencing,
  findPolicies,
  label,
  resolveReference,
  resourcesOf,
  type FoundPolicy,
  type Json,
  type PolicyStatement,
  type ResourceBlock,
  type Stacks,
} from "./terraform-json";

/**
 * The project's own security policy over synthesized Terraform JSON, independent of checkov. Each rule
 * returns its violations as readable lines (empty = compliant); the tests run every rule over every
 * stack of the example config, and over deliberately broken stacks to prove each rule can fail.
 */

/** What the config legitimately brings into the output: account ids, ARNs, regions. */
export interface ConfigValues {
  readonly accountIds: ReadonlySet<string>;
  readonly arns: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  readonly partitions: ReadonlySet<string>;
}

/** Collects every account id, ARN and region that appears anywhere in a config document. */
export function configValues(config: Json): ConfigValues {
  const strings = allStrings(config);
  const accountIds = new Set(strings.flatMap((s) => s.match(/(?<!\d)\d{12}(?!\d)/g) ?? []));
  const arns = new Set(strings.filter((s) => s.startsWith("arn:")));
  const regions = new Set(strings.filter((s) => AWS_REGION_PATTERN.test(s)));
  return { accountIds, arns, regions, partitions: new Set([...regions].map(partitionOf)) };
}

/** `"*"`, `{"AWS": "*"}` or `{"AWS": ["*"]}`: every principal. */
function isAnyone(principal: Json): boolean {
  const aws = (principal as { AWS?: Json } | undefined)?.AWS;
  return principal === "*" || aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

const first = <T>(v: unknown): T | undefined => (Array.isArray(v) ? (v[0] as T | undefined) : (v as T | undefined));

/**
 * A KMS key the user controls: a key (or alias of a key) created in the same stack, or a key ARN the
 * config names. Not an AWS-managed key (`alias/aws/...`), which cannot be scoped or audited.
 */
export function isCustomerManagedKey(stacks: Stacks, stack: string, value: Json, config: ConfigValues): boolean {
  if (typeof value !== "string" || value === "") return false;
  if (config.arns.has(value)) return /:kms:/.test(value) && !/:alias\/aws\//.test(value);
  const target = resolveReference(stacks, stack, value);
  if (target?.type === "aws_kms_key") return true;
  if (target?.type === "aws_kms_alias") return resolveReference(stacks, stack, target.body.target_key_id)?.type === "aws_kms_key";
  return false;
}

export function logGroupViolations(stacks: Stacks, config: ConfigValues): string[] {
  return resourcesOf(stacks, "aws_cloudwatch_log_group").flatMap((g) => {
    const out: string[] = [];
    const retention = g.body.retention_in_days;
    if (typeof retention !== "number" || !(RETENTION_DAYS as readonly number[]).includes(retention)) out.push(`${label(g)}: retention_in_days ${String(retention)} is not a CloudWatch retention`);
    if (!isCustomerManagedKey(stacks, g.stack, g.body.kms_key_id, config)) out.push(`${label(g)}: kms_key_id ${String(g.body.kms_key_id)} is not a customer-managed key`);
    return out;
  });
}

export function kmsKeyViolations(stacks: Stacks): string[] {
  return resourcesOf(stacks, "aws_kms_key").flatMap((k) => {
    const out: string[] = [];
    if (k.body.enable_key_rotation !== true) out.push(`${label(k)}: enable_key_rotation is not true`);
    const window = k.body.deletion_window_in_days;
    if (typeof window !== "number" || window < 7 || window > 30) out.push(`${label(k)}: deletion_window_in_days ${String(window)} is not 7-30`);
    if (typeof k.body.policy !== "string") out.push(`${label(k)}: no key policy (the default policy would apply)`);
    return out;
  });
}

/** Deny + any principal + all of S3 + the bucket and its objects + aws:SecureTransport = false. */
function deniesInsecureTransport(s: PolicyStatement, bucket: ResourceBlock): boolean {
  const arn = `\${aws_s3_bucket.${bucket.name}.arn}`;
  const principal = isAnyone(s.Principal);
  const actions = asList(s.Action);
  const resources = asList(s.Resource);
  const secure = s.Condition?.Bool?.["aws:SecureTransport"];
  return (
    s.Effect === "Deny" &&
    principal &&
    (actions.includes("s3:*") || actions.includes("*")) &&
    resources.includes(arn) &&
    resources.includes(`${arn}/*`) &&
    [false, "false", [false], ["false"]].some((v) => JSON.stringify(v) === JSON.stringify(secure))
  );
}

export function bucketViolations(stacks: Stacks, config: ConfigValues): string[] {
  const policies = findPolicies(stacks).policies;
  return resourcesOf(stacks, "aws_s3_bucket").flatMap((b) => {
    const out: string[] = [];
    const related = (type: string) => blocksReferencing(stacks, b, type, "bucket");
    const blocks = related("aws_s3_bucket_public_access_block");
    const flags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
    if (!blocks.some((p) => flags.every((f) => p.body[f] === true))) out.push(`${label(b)}: no public access block with all four flags true`);
    const versioning = related("aws_s3_bucket_versioning");
    if (!versioning.some((v) => first<{ status?: string }>(v.body.versioning_configuration)?.status === "Enabled")) out.push(`${label(b)}: versioning is not Enabled`);
    const encryption = related("aws_s3_bucket_server_side_encryption_configuration");
    const kmsDefault = encryption.some((e) =>
      (Array.isArray(e.body.rule) ? e.body.rule : [e.body.rule]).some((rule: Record<string, Json> | undefined) => {
        const byDefault = first<{ sse_algorithm?: string; kms_master_key_id?: string }>(rule?.apply_server_side_encryption_by_default);
        return (byDefault?.sse_algorithm === "aws:kms" || byDefault?.sse_algorithm === "aws:kms:dsse") && isCustomerManagedKey(stacks, b.stack, byDefault.kms_master_key_id, config);
      }),
    );
    if (!kmsDefault) out.push(`${label(b)}: default encryption is not SSE-KMS with a customer-managed key`);
    // The policy JSON sits in the aws_s3_bucket_policy itself, or in the policy document it references.
    const holders = related("aws_s3_bucket_policy").flatMap((p) => [label(p), ...[resolveReference(stacks, p.stack, p.body.policy)].filter((d) => d !== undefined).map((d) => label(d))]);
    const bucketPolicies = policies.filter((f) => holders.includes(label(f.block)));
    if (!bucketPolicies.some((p) => p?.statements.some((s) => deniesInsecureTransport(s, b)))) out.push(`${label(b)}: no bucket policy denying aws:SecureTransport = false on the bucket and its objects`);
    return out;
  });
}

export function topicAndStreamViolations(stacks: Stacks, config: ConfigValues): string[] {
  const topics = resourcesOf(stacks, "aws_sns_topic")
    .filter((t) => !isCustomerManagedKey(stacks, t.stack, t.body.kms_master_key_id, config))
    .map((t) => `${label(t)}: not encrypted with a customer-managed key (kms_master_key_id ${String(t.body.kms_master_key_id)})`);
  const streams = resourcesOf(stacks, "aws_kinesis_firehose_delivery_stream").flatMap((f) => {
    // A stream reading from a Kinesis data stream inherits that stream's encryption instead.
    if (f.body.kinesis_source_configuration !== undefined) return [];
    const sse = first<{ enabled?: boolean; key_type?: string; key_arn?: string }>(f.body.server_side_encryption);
    const ok = sse?.enabled === true && sse.key_type === "CUSTOMER_MANAGED_CMK" && isCustomerManagedKey(stacks, f.stack, sse.key_arn, config);
    return ok ? [] : [`${label(f)}: server_side_encryption is not enabled with a customer-managed key`];
  });
  return [...topics, ...streams];
}

// ---------------------------------------------------------------------------------------------
// IAM

/**
 * The one statement allowed to grant a whole service: AWS's default key policy statement, which gives
 * the account root `kms:*` on the key so that the account's IAM policies decide who administers it
 * (without it a key can become unmanageable, and AWS support must be asked to recover it).
 */
export function isAccountRootKeyAdministration(policy: FoundPolicy, s: PolicyStatement, config: ConfigValues): boolean {
  const principal = (s.Principal as { AWS?: Json } | undefined)?.AWS;
  const root = typeof principal === "string" ? /^arn:([a-z-]+):iam::(\d{12}):root$/.exec(principal) : null;
  return (
    policy.block.type === "aws_kms_key" &&
    s.Effect === "Allow" &&
    root !== null &&
    config.partitions.has(root[1]) &&
    config.accountIds.has(root[2]) &&
    JSON.stringify(asList(s.Action)) === JSON.stringify(["kms:*"]) &&
    JSON.stringify(asList(s.Resource)) === JSON.stringify(["*"])
  );
}

/**
 * Where `"Resource": "*"` is what AWS requires, with the reason. Key policies: a key policy is
 * attached to one key, and `*` in it means "this key" (AWS KMS developer guide, "Key policies").
 * Actions that support no resource-level permission (Service Authorization Reference: the action's
 * "Resource types" column is empty) can only be granted on `*`.
 */
export const RESOURCE_WILDCARD_ALLOWED: readonly { readonly when: string; readonly reason: string; applies(policy: FoundPolicy, s: PolicyStatement): boolean }[] = [
  {
    when: "statements of a KMS key policy",
    reason: "a key policy belongs to one key; '*' in it means that key (AWS KMS key policy format)",
    applies: (policy) => policy.block.type === "aws_kms_key" && policy.attribute === "policy",
  },
  {
    when: "actions without resource-level permissions",
    reason: "the Service Authorization Reference lists no resource type for them, so IAM only accepts '*'",
    applies: (_policy, s) => asList(s.Action).length > 0 && asList(s.Action).every((a) => ACTIONS_WITHOUT_RESOURCE_TYPES.has(a)),
  },
];

/** Actions the Service Authorization Reference lists with no resource type (IAM requires `*`). */
export const ACTIONS_WITHOUT_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  "cloudwatch:PutMetricData", // CloudWatch: metrics have no ARN; scope with the cloudwatch:namespace condition key
]);

const SERVICE_WIDE = /^[a-z0-9-]+:\*$/i;

function servicePrincipals(principal: unknown): string[] {
  const service = (principal as { Service?: string | string[] } | undefined)?.Service;
  return service === undefined ? [] : asList(service);
}

export function iamViolations(stacks: Stacks, config: ConfigValues): string[] {
  const { policies, unreadable } = findPolicies(stacks);
  const out = unreadable.map((u) => `${u}: a policy the tests cannot read (use a JSON document or data.aws_iam_policy_document)`);
  for (const policy of policies) {
    const trust = /(^|\.)assume_role_policy$/.test(policy.attribute);
    policy.statements.forEach((s, i) => {
      if (s.Effect !== "Allow") return;
      const where = `${policy.where} statement ${s.Sid ?? i}`;
      if (s.NotAction !== undefined) out.push(`${where}: Allow with NotAction grants everything else`);
      if (s.NotResource !== undefined) out.push(`${where}: Allow with NotResource grants every other resource`);
      const wideActions = asList(s.Action).filter((a) => a === "*" || SERVICE_WIDE.test(a));
      if (wideActions.length > 0 && !isAccountRootKeyAdministration(policy, s, config)) out.push(`${where}: grants ${wideActions.join(", ")}`);
      if (isAnyone(s.Principal) && s.Condition === undefined) out.push(`${where}: allows any principal with no condition`);
      // Confused-deputy protection: a service acting for any account may use a grant with no condition.
      if (!trust && servicePrincipals(s.Principal).length > 0 && s.Condition === undefined) {
        out.push(`${where}: grants ${servicePrincipals(s.Principal).join(", ")} with no condition (aws:SourceAccount, aws:SourceArn or an encryption context)`);
      }
      if (!trust && asList(s.Resource).includes("*") && !RESOURCE_WILDCARD_ALLOWED.some((w) => w.applies(policy, s))) {
        out.push(`${where}: Resource '*' for ${asList(s.Action).join(", ")}`);
      }
    });
  }
  // AWS-managed policies cannot be read offline, and many grant '*'.
  for (const block of allBlocks(stacks)) {
    for (const arn of [block.body.policy_arn, ...asList(block.body.managed_policy_arns as string[] | undefined)]) {
      if (typeof arn === "string" && /^arn:[a-z-]+:iam::aws:policy\//.test(arn)) out.push(`${label(block)}: attaches the AWS-managed policy ${arn}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Identifiers and secrets

const ARN = /arn:[A-Za-z0-9-]*:[^\s"',]*/g;
const TOKEN = /^\$\{[^}]+\}$/;

/** Every account id and ARN in the output must come from config (or be built from its values). */
export function identifierViolations(stacks: Stacks, config: ConfigValues): string[] {
  const out = new Set<string>();
  for (const [stack, json] of Object.entries(stacks)) {
    for (const s of allStrings(json)) {
      for (const id of s.match(/(?<!\d)\d{12}(?!\d)/g) ?? []) {
        if (!config.accountIds.has(id)) out.add(`${stack}: account id ${id} does not come from config (in '${s.slice(0, 100)}')`);
      }
      for (const arn of s.match(ARN) ?? []) {
        if ([...config.arns].some((c) => c === arn || c.startsWith(arn) || arn.startsWith(c))) continue;
        const [, partition, , region, account] = arn.split(":");
        const known = (v: string | undefined, set: ReadonlySet<string>, extra: string[]) => v !== undefined && (set.has(v) || extra.includes(v) || TOKEN.test(v));
        if (!known(partition, config.partitions, []) || !known(region, config.regions, ["", "*"]) || !known(account, config.accountIds, ["", "*", "aws"])) {
          out.add(`${stack}: ARN ${arn} is not built from config values (partition, region and account)`);
        }
      }
    }
  }
  return [...out];
}

const SECRET_VALUE = [
  /(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /xox[abpr]-[A-Za-z0-9-]{10,}/, // Slack token
  /gh[pousr]_[A-Za-z0-9]{36}/, // GitHub token
];
const SECRET_KEY = /(^|_)(password|secret|secret_key|access_key|token|private_key|api_key)$/i;

/** No credentials in the output: neither secret-shaped values nor literal values of secret-named attributes. */
export function secretViolations(stacks: Stacks, configStrings: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    for (const s of allStrings(json)) {
      if (configStrings.has(s)) continue;
      if (SECRET_VALUE.some((re) => re.test(s))) out.push(`${stack}: a credential-shaped value '${s.slice(0, 12)}...'`);
    }
    const walk = (value: Json, path: string) => {
      if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          if (SECRET_KEY.test(k) && (typeof v === "string" || typeof v === "number") && !String(v).includes("${") && !configStrings.has(String(v))) {
            out.push(`${stack}: ${path}${k} is set to a literal value`);
          }
          walk(v, `${path}${k}.`);
        }
      }
    };
    walk(json, "");
  }
  return out;
}
