import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { pinAddress, protectData } from "./addresses";
import { keyAdministrationStatement, policyDocument, type PolicyStatement } from "./policy";

export interface MonitoringKeyProps {
  /** Alias without the `alias/` prefix is not accepted: pass `alias/<name>`. */
  readonly aliasName: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Log group names this key may encrypt; the CloudWatch Logs grant is scoped to exactly these. */
  readonly logGroupNames: readonly string[];
  /** Allow CloudWatch alarms to publish to SNS topics encrypted with this key. @default true */
  readonly allowAlarmNotifications?: boolean;
  /** Let Terraform destroy the key. @default false */
  readonly allowDestroy?: boolean;
  /** Key description. @default "CloudWatch Logs and alarm notifications (<alias>)" */
  readonly description?: string;
  /** Address prefix. @default "monitoring_key" */
  readonly address?: string;
}

/**
 * The environment's customer-managed key for log groups and alarm topics. CloudWatch Logs may use it
 * only with an encryption context naming one of this environment's log groups; CloudWatch may use it
 * to publish alarm notifications to encrypted topics (the AWS-managed SNS key does not allow that).
 */
export class MonitoringKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: MonitoringKeyProps) {
    super(scope, id);
    const address = props.address ?? "monitoring_key";
    const logGroupArns = props.logGroupNames.map(
      (name) => `arn:${props.partition}:logs:${props.region}:${props.accountId}:log-group:${name}`,
    );
    const statements: PolicyStatement[] = [keyAdministrationStatement(props.partition, props.accountId)];
    // No log groups (a stack group whose workloads all use their own keys): no grant at all.
    if (logGroupArns.length > 0) {
      statements.push({
        Sid: "CloudWatchLogsEncryptsTheseLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${props.region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArns.length === 1 ? logGroupArns[0] : [...logGroupArns] } },
      });
    }
    if (props.allowAlarmNotifications ?? true) {
      statements.push({
        Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        // Confused-deputy protection: only alarms of this account and region may use the key (the
        // same condition the topic policy sets; CloudWatch sends no encryption context to scope by).
        Condition: {
          StringEquals: { "aws:SourceAccount": props.accountId },
          ArnLike: { "aws:SourceArn": `arn:${props.partition}:cloudwatch:${props.region}:${props.accountId}:alarm:*` },
        },
      });
    }
    this.key = pinAddress(
      new KmsKey(this, "key", {
        description: props.description ?? `CloudWatch Logs and alarm notifications (${props.aliasName})`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: policyDocument(statements),
        lifecycle: protectData(props.allowDestroy ?? false),
      }),
      address,
    );
    this.alias = pinAddress(new KmsAlias(this, "alias", { name: props.aliasName, targetKeyId: this.key.keyId }), address);
  }
}
