import { Construct } from "constructs";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { endpointAddress } from "../model/naming";
import { pinAddress } from "./addresses";
import { policyDocument } from "./policy";

export interface AlertTopicProps {
  readonly topicName: string;
  /** KMS key ARN the topic is encrypted with; the key must let cloudwatch.amazonaws.com use it. */
  readonly kmsKeyArn: string;
  readonly accountId: string;
  readonly partition: string;
  readonly emails?: readonly string[];
  readonly httpsEndpoints?: readonly string[];
  /** Address of the topic; subscriptions get `<address>_<endpoint>`. */
  readonly address: string;
}

/** An encrypted SNS topic that only this account's CloudWatch alarms may publish to, with its subscriptions. */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.topic = pinAddress(new SnsTopic(this, "topic", { name: props.topicName, kmsMasterKeyId: props.kmsKeyArn }), props.address);
    pinAddress(
      new SnsTopicPolicy(this, "policy", {
        arn: this.topic.arn,
        policy: policyDocument([
          {
            Sid: "CloudWatchAlarmsOfThisAccountPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: this.topic.arn,
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:${props.partition}:cloudwatch:*:${props.accountId}:alarm:*` },
            },
          },
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "sns:Publish",
            Resource: this.topic.arn,
            Condition: { Bool: { "aws:SecureTransport": false } },
          },
        ]),
      }),
      props.address,
    );
    const subscribe = (protocol: "email" | "https", endpoint: string) =>
      pinAddress(
        new SnsTopicSubscription(this, `${protocol}-${endpoint}`, { topicArn: this.topic.arn, protocol, endpoint }),
        `${props.address}_${protocol}_${endpointAddress(endpoint)}`,
      );
    for (const email of props.emails ?? []) subscribe("email", email);
    for (const url of props.httpsEndpoints ?? []) subscribe("https", url);
  }
}
