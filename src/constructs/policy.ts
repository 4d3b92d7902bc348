/** IAM / KMS / SNS / S3 policy documents as plain data; rendered with JSON.stringify (tokens survive). */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal: "*" | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** A statement of an identity policy (attached to a role): no Principal. */
export type IdentityStatement = Omit<PolicyStatement, "Principal">;
/** A statement of a role's trust policy: no Resource. */
export type TrustStatement = Omit<PolicyStatement, "Resource">;

export function policyDocument(statements: (PolicyStatement | IdentityStatement | TrustStatement)[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** Key administration by the account: the account's IAM policies decide who may manage the key. */
export function keyAdministrationStatement(partition: string, accountId: string): PolicyStatement {
  return {
    Sid: "AccountAdministers",
    Effect: "Allow",
    Principal: { AWS: accountRootArn(partition, accountId) },
    Action: "kms:*",
    Resource: "*",
  };
}

/** Deny every request to a bucket that does not use TLS. */
export function tlsOnlyStatement(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": false } },
  };
}
