import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { AUDIT_LOG_GROUP_ADDRESS } from "../model/monitoring-naming";
import { pinAddress, protectData } from "./addresses";

export interface AuditLogGroupProps {
  readonly name: string;
  readonly retentionDays: number;
  /** Encrypted with the stack's key (whose policy must name this log group). */
  readonly kmsKeyArn: string;
  /** Let Terraform destroy the findings. @default false */
  readonly allowDestroy?: boolean;
}

/**
 * Where data protection policies send their audit findings (which identifiers were found where, not
 * the data itself): one encrypted, destroy-protected log group per monitoring stack,
 * `aws_cloudwatch_log_group.data_protection_audit`. It must exist before a policy names it.
 */
export class AuditLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: AuditLogGroupProps) {
    super(scope, id);
    const allowDestroy = props.allowDestroy ?? false;
    this.logGroup = pinAddress(
      new CloudwatchLogGroup(this, "log-group", {
        name: props.name,
        retentionInDays: props.retentionDays,
        kmsKeyId: props.kmsKeyArn,
        skipDestroy: !allowDestroy,
        lifecycle: protectData(allowDestroy),
        tags: { purpose: "data-protection-audit" },
      }),
      AUDIT_LOG_GROUP_ADDRESS,
    );
  }
}
