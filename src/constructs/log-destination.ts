import { Construct } from "constructs";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { CloudwatchLogDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-destination";
import { CloudwatchLogDestinationPolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-destination-policy";
import { pinAddress } from "./addresses";
import { policyDocument, type PolicyStatement } from "./policy";

/** Who may deliver: listed accounts, every account of an organization, or both. */
export interface DeliverySources {
  readonly accounts: readonly string[];
  readonly organizationId?: string;
}

export interface LogDestinationProps {
  readonly destinationName: string;
  /** The destination's ARN, as source stacks compute it (src/model/archive.ts). */
  readonly destinationArn: string;
  /** What it forwards to, e.g. a Firehose stream (may be in another region). */
  readonly targetArn: string;
  /** Role CloudWatch Logs assumes to write to the target. */
  readonly roleArn: string;
  readonly sources: DeliverySources;
  /** Provider of the destination's region. @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /** Must exist first: CloudWatch Logs sends a test message through the role when it creates the destination. */
  readonly dependsOn?: ITerraformDependable[];
  readonly address: string;
}

/**
 * A CloudWatch Logs destination in the archive account, and the access policy that lets only the
 * configured source accounts (or organization) subscribe log groups or set an account-level policy
 * against it. A destination accepts log groups of its own region only.
 */
export class LogDestination extends Construct {
  readonly destination: CloudwatchLogDestination;

  constructor(scope: Construct, id: string, props: LogDestinationProps) {
    super(scope, id);
    const statements = destinationAccessStatements(props.destinationArn, props.sources);
    if (statements.length === 0) throw new Error(`destination ${props.destinationName}: no source accounts or organization may deliver to it`);
    this.destination = pinAddress(
      new CloudwatchLogDestination(this, "destination", {
        name: props.destinationName,
        targetArn: props.targetArn,
        roleArn: props.roleArn,
        provider: props.provider,
        dependsOn: props.dependsOn,
      }),
      props.address,
    );
    pinAddress(
      new CloudwatchLogDestinationPolicy(this, "policy", {
        destinationName: this.destination.name,
        accessPolicy: policyDocument(statements),
        provider: props.provider,
      }),
      props.address,
    );
  }
}

const SUBSCRIBE_ACTIONS = ["logs:PutSubscriptionFilter", "logs:PutAccountPolicy"];

export function destinationAccessStatements(destinationArn: string, sources: DeliverySources): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (sources.accounts.length > 0) {
    statements.push({
      Sid: "SourceAccountsSubscribe",
      Effect: "Allow",
      Principal: { AWS: [...sources.accounts] },
      Action: SUBSCRIBE_ACTIONS,
      Resource: destinationArn,
    });
  }
  if (sources.organizationId) {
    statements.push({
      Sid: "OrganizationSubscribes",
      Effect: "Allow",
      Principal: "*",
      Action: SUBSCRIBE_ACTIONS,
      Resource: destinationArn,
      Condition: { StringEquals: { "aws:PrincipalOrgID": sources.organizationId } },
    });
  }
  return statements;
}
