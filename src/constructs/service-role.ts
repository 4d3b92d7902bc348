import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { pinAddress } from "./addresses";
import { policyDocument, type IdentityStatement, type PolicyStatement } from "./policy";

export interface ServiceRoleProps {
  /** Role name; account-wide, at most 64 characters. */
  readonly roleName: string;
  readonly description: string;
  /** Service principal that assumes the role, e.g. `firehose.amazonaws.com`. */
  readonly service: string;
  /**
   * Conditions on sts:AssumeRole against the confused deputy, one trust statement each (any may
   * match), e.g. `aws:SourceArn` of the resources the service acts for.
   */
  readonly trustConditions: NonNullable<PolicyStatement["Condition"]>[];
  /** The role's permissions: exact actions on exact resources. */
  readonly statements: IdentityStatement[];
  /** Address of the role and of its inline policy. */
  readonly address: string;
}

/**
 * A role an AWS service assumes, with least privilege enforced at synth time: every action is named
 * (no `*` in an action) and every statement names its resources.
 */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    for (const statement of props.statements) {
      const actions = ([] as string[]).concat(statement.Action);
      const wildcard = actions.find((a) => a.includes("*"));
      if (wildcard) throw new Error(`role ${props.roleName}, statement ${statement.Sid}: action '${wildcard}' has a wildcard; name every action`);
      if (([] as string[]).concat(statement.Resource).length === 0) throw new Error(`role ${props.roleName}, statement ${statement.Sid}: no resources`);
    }
    if (props.trustConditions.length === 0) throw new Error(`role ${props.roleName}: trust needs at least one condition (confused deputy)`);
    this.role = pinAddress(
      new IamRole(this, "role", {
        name: props.roleName,
        description: props.description,
        assumeRolePolicy: policyDocument(
          props.trustConditions.map((condition, i) => ({
            Sid: `${serviceSid(props.service)}Assumes${props.trustConditions.length > 1 ? i + 1 : ""}`,
            Effect: "Allow" as const,
            Principal: { Service: props.service },
            Action: "sts:AssumeRole",
            Condition: condition,
          })),
        ),
      }),
      props.address,
    );
    this.policy = pinAddress(
      new IamRolePolicy(this, "policy", { name: props.roleName, role: this.role.name, policy: policyDocument(props.statements) }),
      props.address,
    );
  }
}

/** `firehose.amazonaws.com` -> `Firehose`. */
function serviceSid(service: string): string {
  const name = service.split(".")[0];
  return name.charAt(0).toUpperCase() + name.slice(1);
}
