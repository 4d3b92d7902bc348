import { Construct } from "constructs";
import { BedrockModelInvocationLoggingConfiguration } from "@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration";
import type { BedrockLoggingModel } from "../model/monitoring";
import { pinAddress } from "./addresses";
import { ServiceRole } from "./service-role";

/** The log stream Bedrock writes invocation logs to, inside the configured log group. */
export const BEDROCK_INVOCATION_LOG_STREAM = "aws/bedrock/modelinvocations";

export interface BedrockInvocationLoggingProps {
  readonly logging: BedrockLoggingModel;
  /** The invocation log group (the workload's); a token is fine. */
  readonly logGroupName: string;
  /** The same name as a plain string, for the role's resource ARN. */
  readonly logGroupNameLiteral: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Address of the configuration; the role and its policy get `<address>_bedrock_logging`. */
  readonly address: string;
}

/**
 * The account-and-region singleton that makes Bedrock deliver model invocation logs to CloudWatch
 * Logs, with the role Bedrock assumes to write them: trusted by bedrock.amazonaws.com only for this
 * account and region (confused deputy), allowed exactly logs:CreateLogStream and logs:PutLogEvents
 * on the one stream Bedrock writes (docs: "Set up a CloudWatch Logs destination").
 */
export class BedrockInvocationLogging extends Construct {
  readonly role: ServiceRole;
  readonly configuration: BedrockModelInvocationLoggingConfiguration;

  constructor(scope: Construct, id: string, props: BedrockInvocationLoggingProps) {
    super(scope, id);
    const l = props.logging;
    const logGroupArn = `arn:${props.partition}:logs:${props.region}:${props.accountId}:log-group:${props.logGroupNameLiteral}`;
    this.role = new ServiceRole(this, "role", {
      roleName: l.roleName,
      description: `Bedrock writes model invocation logs to ${props.logGroupNameLiteral}`,
      service: "bedrock.amazonaws.com",
      trustConditions: [
        {
          StringEquals: { "aws:SourceAccount": props.accountId },
          ArnLike: { "aws:SourceArn": `arn:${props.partition}:bedrock:${props.region}:${props.accountId}:*` },
        },
      ],
      statements: [
        {
          Sid: "WriteInvocationLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${logGroupArn}:log-stream:${BEDROCK_INVOCATION_LOG_STREAM}`,
        },
      ],
      address: `${props.address}_bedrock_logging`,
    });
    this.configuration = pinAddress(
      new BedrockModelInvocationLoggingConfiguration(this, "configuration", {
        loggingConfig: {
          cloudwatchConfig: { logGroupName: props.logGroupName, roleArn: this.role.role.arn },
          textDataDeliveryEnabled: l.textDataDelivery,
          imageDataDeliveryEnabled: l.imageDataDelivery,
          embeddingDataDeliveryEnabled: l.embeddingDataDelivery,
          videoDataDeliveryEnabled: l.videoDataDelivery,
        },
        // Bedrock checks it can assume the role and write when the configuration is put.
        dependsOn: [this.role.policy],
      }),
      props.address,
    );
  }
}
