import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { ProductStack } from "./product-stack";
import { AlertTopic } from "../constructs/alert-topic";
import { pinAddress } from "../constructs/addresses";
import { EnvironmentDelivery } from "../constructs/environment-delivery";
import { adoptMovedWorkload, releaseMovedWorkload } from "../constructs/group-move";
import { MonitoringKey } from "../constructs/monitoring-key";
import { addWorkloadResources } from "../constructs/workload-resources";
import { AuditLogGroup } from "../constructs/audit-log-group";
import { EnvironmentDashboard } from "../constructs/environment-dashboard";
import { WorkloadInsights } from "../constructs/workload-insights";
import { stackAuditLogGroup } from "../model/monitoring";
import { stateKey } from "../model/naming";
import { environmentLayouts, groupKeyAlias, topicArn, type MonitoringStackLayout } from "../model/stack-layout";
import type { EnvironmentModel } from "../model/types";
import { configureAwsProvider, configureS3Backend } from "./terraform-settings";

export interface MonitoringStackProps {
  readonly project: string;
  readonly environment: EnvironmentModel;
  readonly tags: Readonly<Record<string, string>>;
  /** The group of workloads this stack holds (src/model/stack-layout.ts). @default the environment's default group */
  readonly layout?: MonitoringStackLayout;
}

/**
 * One environment's (or one group of its workloads') log groups, metric filters, alarms, subscriptions
 * and key, with state in S3. The default group's stack also owns the alert topics and the
 * environment's archive delivery; other groups notify those topics by ARN.
 */
export class MonitoringStack extends ProductStack {
  constructor(scope: Construct, name: string, props: MonitoringStackProps) {
    super(scope, name);
    const env = props.environment;
    const layout = props.layout ?? environmentLayouts(env)[0];
    configureAwsProvider(this, { region: env.region, accountId: env.accountId, tags: { ...props.tags, ...env.tags } });
    configureS3Backend(this, { bucket: env.stateBucket, key: stateKey(props.project, name), region: env.region });

    const audit = stackAuditLogGroup(layout.workloads);
    const key = new MonitoringKey(this, "monitoring-key", {
      aliasName: groupKeyAlias(props.project, env.name, layout.group),
      accountId: env.accountId,
      region: env.region,
      partition: env.partition,
      // Moved-out workloads stay: events written before the move remain encrypted with this key.
      logGroupNames: [
        ...[...layout.workloads, ...layout.movedOut].filter((w) => w.logGroup.create && !w.logGroup.kmsKeyArn).map((w) => w.logGroup.name),
        ...(audit ? [audit.name] : []),
      ],
      // Only the default group's stack has alert topics (encrypted with its key).
      allowAlarmNotifications: layout.isDefaultGroup,
      allowDestroy: env.allowDestroy,
    });

    const topicArns: Record<string, string> = {};
    for (const t of env.topics) {
      if (!layout.isDefaultGroup) {
        topicArns[t.id] = t.existingTopicArn ?? topicArn(env, t.name);
        continue;
      }
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

    // Data protection findings of this stack's workloads; created before the policies that name it.
    const auditGroup = audit && new AuditLogGroup(this, "AuditLogGroup", { ...audit, kmsKeyArn: key.key.arn, allowDestroy: env.allowDestroy });
    const workloadProps = { defaultKmsKeyArn: key.key.arn, topicArns, allowDestroy: env.allowDestroy, account: env, auditLogGroupName: auditGroup?.logGroup.name };
    for (const workload of layout.workloads) {
      const resources = addWorkloadResources(this, workload, workloadProps);
      if (workload.movedFrom !== undefined) adoptMovedWorkload(resources, workload);
      // Capitalised construct ids cannot collide with workload names (lowercase slugs).
      new WorkloadInsights(this, `Insights-${workload.name}`, { workload, logGroupName: resources.logGroup.name, logGroupArn: resources.logGroup.arn, tags: workload.tags });
    }
    for (const workload of layout.movedOut) releaseMovedWorkload(this, workload, (scratch) => addWorkloadResources(scratch, workload, workloadProps));
    if (layout.isDefaultGroup) new EnvironmentDelivery(this, "archive-delivery", { environment: env, topicArns });
    if (layout.isDefaultGroup) new EnvironmentDashboard(this, "Dashboard", { environment: env });
  }
}
