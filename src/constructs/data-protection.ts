import { Construct } from "constructs";
import { CloudwatchLogDataProtectionPolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-data-protection-policy";
import { managedIdentifierArn } from "../aws/monitoring-limits";
import type { DataProtectionModel } from "../model/monitoring";
import { pinAddress } from "./addresses";

export interface DataProtectionProps {
  readonly protection: DataProtectionModel;
  /** Log group the policy protects (a token is fine). */
  readonly logGroupName: string;
  /** Audit log group name; pass the audit resource's `name` so it is created first. @default protection.auditLogGroupName */
  readonly auditLogGroupName?: string;
  readonly partition: string;
  /** Address of the policy: the workload's id. */
  readonly address: string;
}

/**
 * The data protection policy document of CloudWatch Logs (policy language version 2021-06-01): one
 * Audit statement sending findings to a log group, and one Deidentify statement masking the same
 * identifiers (managed ones by ARN, custom ones by name, defined under Configuration).
 * Masking applies only to events ingested after the policy exists.
 */
export function dataProtectionPolicyDocument(p: DataProtectionModel, partition: string, auditLogGroupName: string = p.auditLogGroupName): string {
  const identifiers = [...p.managedIdentifiers.map((name) => managedIdentifierArn(partition, name)), ...p.customIdentifiers.map((c) => c.name)];
  return JSON.stringify({
    Name: p.policyName,
    Description: "Audit and mask sensitive data in prompts, completions and other log events",
    Version: "2021-06-01",
    ...(p.customIdentifiers.length > 0 ? { Configuration: { CustomDataIdentifier: p.customIdentifiers.map((c) => ({ Name: c.name, Regex: c.regex })) } } : {}),
    Statement: [
      {
        Sid: "audit",
        DataIdentifier: identifiers,
        Operation: { Audit: { FindingsDestination: { CloudWatchLogs: { LogGroup: auditLogGroupName } } } },
      },
      {
        Sid: "redact",
        DataIdentifier: identifiers,
        Operation: { Deidentify: { MaskConfig: {} } },
      },
    ],
  });
}

/** `aws_cloudwatch_log_data_protection_policy.<workload>` on the workload's log group. */
export class DataProtection extends Construct {
  readonly policy: CloudwatchLogDataProtectionPolicy;

  constructor(scope: Construct, id: string, props: DataProtectionProps) {
    super(scope, id);
    this.policy = pinAddress(
      new CloudwatchLogDataProtectionPolicy(this, "policy", {
        logGroupName: props.logGroupName,
        policyDocument: dataProtectionPolicyDocument(props.protection, props.partition, props.auditLogGroupName),
      }),
      props.address,
    );
  }
}
