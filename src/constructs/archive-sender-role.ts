import { Construct } from "constructs";
import type { ArchiveSenderRoleModel } from "../model/archive";
import { ServiceRole } from "./service-role";

export interface ArchiveSenderRoleProps {
  readonly role: ArchiveSenderRoleModel;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly address: string;
}

/**
 * Source side of delivery admitted by organization id: CloudWatch Logs assumes this role to show the
 * archive's destination which account (and so which organization) a subscription comes from. AWS
 * requires it when the destination policy grants an organization rather than the account.
 */
export class ArchiveSenderRole extends Construct {
  constructor(scope: Construct, id: string, props: ArchiveSenderRoleProps) {
    super(scope, id);
    const logs = `arn:${props.partition}:logs:${props.region}:${props.accountId}`;
    new ServiceRole(this, "role", {
      roleName: props.role.name,
      description: "CloudWatch Logs proves this account's identity to the central log archive",
      service: "logs.amazonaws.com",
      trustConditions: [{ StringLike: { "aws:SourceArn": `${logs}:*` } }],
      statements: [{ Sid: "DeliverFromThisAccount", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: `${logs}:log-group:*` }],
      address: props.address,
    });
  }
}
