import type { Attributes, ResourceChange, StackChanges } from "./change-set";
import { str } from "./values";

/**
 * Which log groups a KMS key lets CloudWatch Logs use it for: the key policy's statement for the
 * `logs.<region>.amazonaws.com` principal, scoped by `kms:EncryptionContext:aws:logs:arn`. A log group
 * that drops out of that list while its events are kept can no longer be read (AWS: "If you revoke
 * CloudWatch Logs access to an associated key ... your encrypted data can no longer be retrieved").
 */

export interface KeyGrantLoss {
  readonly key: ResourceChange;
  /** Log group names the key no longer grants (all of them when the key is destroyed). */
  readonly logGroups: readonly string[];
}

/** Log group names a key policy grants to CloudWatch Logs. */
export function grantedLogGroups(attributes: Attributes | undefined): Set<string> {
  const names = new Set<string>();
  let policy: { Statement?: unknown } | undefined;
  try {
    policy = JSON.parse(str(attributes?.policy) ?? "{}") as { Statement?: unknown };
  } catch {
    return names;
  }
  const statements = (Array.isArray(policy?.Statement) ? policy!.Statement : [policy?.Statement]) as Record<string, unknown>[];
  for (const s of statements) {
    const service = (s?.Principal as { Service?: unknown } | undefined)?.Service;
    if (!(Array.isArray(service) ? service : [service]).some((x) => typeof x === "string" && /^logs\./.test(x))) continue;
    for (const condition of Object.values((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      const arns = condition?.["kms:EncryptionContext:aws:logs:arn"];
      for (const arn of Array.isArray(arns) ? arns : [arns]) {
        const name = typeof arn === "string" ? /:log-group:(.+?)(:\*)?$/.exec(arn)?.[1] : undefined;
        if (name) names.add(name);
      }
    }
  }
  return names;
}

/** Keys of a stack whose CloudWatch Logs grant loses log groups (updated or destroyed keys). */
export function keyGrantLosses(stack: StackChanges): KeyGrantLoss[] {
  return stack.resources
    .filter((r) => r.type === "aws_kms_key" && r.before && (r.action === "update" || r.action === "delete" || r.action === "replace" || r.action === "forget"))
    .map((key) => {
      const after = key.action === "update" ? grantedLogGroups(key.after) : new Set<string>();
      return { key, logGroups: [...grantedLogGroups(key.before)].filter((n) => !after.has(n)).sort() };
    })
    .filter((l) => l.logGroups.length > 0);
}
