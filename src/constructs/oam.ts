import { Construct } from "constructs";
import { OamLink } from "@cdktf/provider-aws/lib/oam-link";
import { OamSink } from "@cdktf/provider-aws/lib/oam-sink";
import { OamSinkPolicy } from "@cdktf/provider-aws/lib/oam-sink-policy";
import { pinAddress } from "./addresses";
import type { DeliverySources } from "./log-destination";
import { policyDocument, type PolicyStatement } from "./policy";

export interface ObservabilitySinkProps {
  readonly sinkName: string;
  /** Accounts (or organization) whose links the sink accepts. */
  readonly sources: DeliverySources;
  /** What linked accounts may share. */
  readonly resourceTypes: readonly string[];
  readonly address: string;
}

/**
 * CloudWatch cross-account observability, monitoring side: a sink that source accounts link to, so
 * dashboards and alarms here can read their metrics and log groups without copying them.
 * Addresses: `aws_oam_sink.<a>`, `aws_oam_sink_policy.<a>`.
 */
export class ObservabilitySink extends Construct {
  readonly sink: OamSink;

  constructor(scope: Construct, id: string, props: ObservabilitySinkProps) {
    super(scope, id);
    this.sink = pinAddress(new OamSink(this, "sink", { name: props.sinkName }), props.address);
    const grant = (Sid: string, Principal: PolicyStatement["Principal"], Condition: NonNullable<PolicyStatement["Condition"]>): PolicyStatement => ({
      Sid,
      Effect: "Allow",
      Principal,
      Action: ["oam:CreateLink", "oam:UpdateLink"],
      Resource: this.sink.arn,
      Condition: { ...Condition, "ForAllValues:StringEquals": { "oam:ResourceTypes": [...props.resourceTypes] } },
    });
    const statements: PolicyStatement[] = [];
    if (props.sources.accounts.length > 0) statements.push(grant("SourceAccountsLink", { AWS: [...props.sources.accounts] }, {}));
    if (props.sources.organizationId) {
      statements.push(grant("OrganizationLinks", "*", { StringEquals: { "aws:PrincipalOrgID": props.sources.organizationId } }));
    }
    if (statements.length === 0) throw new Error(`OAM sink ${props.sinkName}: no source accounts or organization may link to it`);
    pinAddress(new OamSinkPolicy(this, "policy", { sinkIdentifier: this.sink.arn, policy: policyDocument(statements) }), props.address);
  }
}

export interface ObservabilityLinkProps {
  readonly sinkArn: string;
  readonly resourceTypes: readonly string[];
  readonly address: string;
}

/** CloudWatch cross-account observability, source side: this account shares with the sink. Address: `aws_oam_link.<a>`. */
export class ObservabilityLink extends Construct {
  readonly link: OamLink;

  constructor(scope: Construct, id: string, props: ObservabilityLinkProps) {
    super(scope, id);
    this.link = pinAddress(
      new OamLink(this, "link", { sinkIdentifier: props.sinkArn, labelTemplate: "$AccountName", resourceTypes: [...props.resourceTypes] }),
      props.address,
    );
  }
}
