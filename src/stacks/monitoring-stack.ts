import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AlertTopic } from "../constructs/alert-topic";
import { pinAddress } from "../constructs/addresses";
import { MonitoringKey } from "../constructs/monitoring-key";
import { WorkloadLogs } from "../constructs/workload-logs";
import { kmsAliasName, stateKey } from "../model/naming";
import type { EnvironmentModel } from "../model/types";
import { configureAwsProvider, configureS3Backend } from "./terraform-settings";

export interface MonitoringStackProps {
  readonly project: string;
  readonly environment: EnvironmentModel;
  readonly tags: Readonly<Record<string, string>>;
}

/** One environment's log groups, metric filters, alarms, alert topics and key, with state in S3. */
export class MonitoringStack extends TerraformStack {
  constructor(scope: Construct, name: string, props: MonitoringStackProps) {
    super(scope, name);
    const env = props.environment;
    configureAwsProvider(this, { region: env.region, accountId: env.accountId, tags: { ...props.tags, ...env.tags } });
    configureS3Backend(this, { bucket: env.stateBucket, key: stateKey(props.project, name), region: env.region });

    const key = new MonitoringKey(this, "monitoring-key", {
      aliasName: kmsAliasName(props.project, env.name),
      accountId: env.accountId,
      region: env.region,
      partition: env.partition,
      logGroupNames: env.workloads.filter((w) => !w.logGroup.kmsKeyArn).map((w) => w.logGroup.name),
      allowDestroy: env.allowDestroy,
    });

    const topicArns: Record<string, string> = {};
    for (const t of env.topics) {
      topicArns[t.id] =
        t.existingTopicArn ??
        new AlertTopic(this, t.id, {
          topicName: t.name,
          kmsKeyArn: key.key.arn,
          accountId: env.accountId,
          partition: env.partition,
          emails: t.emails,
          httpsEndpoints: t.httpsEndpoints,
          address: t.id,
        }).topic.arn;
      pinAddress(
        new TerraformOutput(this, `${t.id}-arn`, { value: topicArns[t.id], description: `SNS topic for ${t.severities.join(" and ")} alarms` }),
        `${t.id}_topic_arn`,
      );
    }

    for (const workload of env.workloads) {
      new WorkloadLogs(this, workload.name, { workload, defaultKmsKeyArn: key.key.arn, topicArns, allowDestroy: env.allowDestroy });
    }
  }
}
