// The hand-written baseline: a minimal cdktf program that emits the same resources as our app for a
// generated config, with no config validation, model, checks or pattern parsing. `bench/run.ts`
// compares our synth against it. Run: tsx bench/baseline-app.ts <workloads> <outdir>
import { App, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";

export function baselineApp(workloads: number, outdir: string): App {
  const app = new App({ outdir });
  const state = new TerraformStack(app, "state-bench-tfstate-prod");
  new AwsProvider(state, "aws", { region: "us-east-1" });
  const stateKey = new KmsKey(state, "state-key", { enableKeyRotation: true });
  new KmsAlias(state, "state-alias", { name: "alias/bench-tfstate-prod", targetKeyId: stateKey.keyId });
  const bucket = new S3Bucket(state, "state", { bucket: "bench-tfstate-prod" });
  new S3BucketVersioningA(state, "v", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
  new S3BucketServerSideEncryptionConfigurationA(state, "e", { bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: stateKey.arn } }] });
  new S3BucketPublicAccessBlock(state, "p", { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  new S3BucketPolicy(state, "bp", { bucket: bucket.id, policy: "{}" });
  new S3BucketLifecycleConfiguration(state, "l", { bucket: bucket.id, rule: [{ id: "x", status: "Enabled", noncurrentVersionExpiration: [{ noncurrentDays: 90 }] }] });

  const stack = new TerraformStack(app, "monitoring-prod");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new S3Backend(stack, { bucket: "bench-tfstate-prod", key: "bench/monitoring-prod.tfstate", region: "us-east-1", encrypt: true });
  const key = new KmsKey(stack, "key", { enableKeyRotation: true });
  new KmsAlias(stack, "alias", { name: "alias/bench-prod-monitoring", targetKeyId: key.keyId });
  const topic = new SnsTopic(stack, "topic", { name: "bench-prod-alerts-critical", kmsMasterKeyId: key.arn });
  new SnsTopicPolicy(stack, "topic-policy", { arn: topic.arn, policy: "{}" });
  new SnsTopicSubscription(stack, "sub", { topicArn: topic.arn, protocol: "email", endpoint: "oncall@example.com" });
  const widgets: object[][] = [[]];
  for (let i = 0; i < workloads; i++) {
    const w = `workload-${i}`;
    const group = new CloudwatchLogGroup(stack, `${w}-lg`, { name: `/bench/prod/${w}`, retentionInDays: 30, kmsKeyId: key.arn });
    const stream = new CloudwatchLogStream(stack, `${w}-stream`, { name: `source-${i}`, logGroupName: group.name });
    const filter = new CloudwatchLogMetricFilter(stack, `${w}-errors-f`, {
      name: `bench-prod-${w}-errors`,
      logGroupName: group.name,
      pattern: "ERROR",
      metricTransformation: { name: "ErrorOccurrences", namespace: `AI_Monitoring/${w}`, value: "1", unit: "Count" },
    });
    const alarms = [
      new CloudwatchMetricAlarm(stack, `${w}-errors-a`, {
        alarmName: `bench-prod-${w}-errors`,
        namespace: `AI_Monitoring/${w}`,
        metricName: "ErrorOccurrences",
        statistic: "Sum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 100,
        period: 300,
        evaluationPeriods: 1,
        alarmActions: [topic.arn],
        dependsOn: [filter],
      }),
    ];
    if (i % 2 === 1) {
      const rows = new CloudwatchLogMetricFilter(stack, `${w}-rows-f`, {
        name: `bench-prod-${w}-rows-rejected`,
        logGroupName: group.name,
        pattern: '{ $.event = "rows_rejected" && $.count > 0 }',
        metricTransformation: { name: "RowsRejected", namespace: `AI_Monitoring/${w}`, value: "$.count", unit: "Count", dimensions: { Table: "$.table" } },
      });
      alarms.push(
        new CloudwatchMetricAlarm(stack, `${w}-rows-a`, {
          alarmName: `bench-prod-${w}-rows-rejected`,
          namespace: `AI_Monitoring/${w}`,
          metricName: "RowsRejected",
          dimensions: { Table: "training_examples" },
          statistic: "Sum",
          comparisonOperator: "GreaterThanThreshold",
          threshold: 1000,
          period: 300,
          evaluationPeriods: 1,
          alarmActions: [topic.arn],
          dependsOn: [rows],
        }),
      );
    }
    new CloudwatchCompositeAlarm(stack, `${w}-health`, {
      alarmName: `bench-prod-${w}-health`,
      alarmRule: alarms.map((a) => `ALARM("${a.alarmName}")`).join(" OR "),
    });
    new CloudwatchQueryDefinition(stack, `${w}-top-errors`, {
      name: `bench/prod/${w}/top-errors`,
      logGroupNames: [group.name],
      queryString: "filter @message like /ERROR/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    });
    // The same widget band per workload as the app's dashboard: title, graphs, alarm status, logs.
    const band = [
      { type: "text", x: 0, y: 0, width: 24, height: 2, properties: { markdown: `## ${w}` } },
      ...alarms.map((a, g) => ({ type: "metric", x: g * 6, y: 2, width: 6, height: 6, properties: { title: a.alarmName, region: "us-east-1", period: 300, stat: "Sum", metrics: [[`AI_Monitoring/${w}`, "ErrorOccurrences"]] } })),
      { type: "alarm", x: 0, y: 8, width: 12, height: 6, properties: { alarms: alarms.map((a) => `arn:aws:cloudwatch:us-east-1:222222222222:alarm:${a.alarmName}`) } },
      { type: "log", x: 12, y: 8, width: 12, height: 6, properties: { region: "us-east-1", query: `SOURCE '/bench/prod/${w}' | filter @message like /ERROR/` } },
    ];
    if (widgets[widgets.length - 1].length + band.length > 500) widgets.push([]);
    widgets[widgets.length - 1].push(...band);
    new TerraformOutput(stack, `${w}-name`, { value: group.name });
    new TerraformOutput(stack, `${w}-arn`, { value: group.arn });
    new TerraformOutput(stack, `${w}-streams`, { value: [stream.name] });
    new TerraformOutput(stack, `${w}-alarms`, { value: alarms.map((a) => a.alarmName) });
  }
  widgets.forEach((page, p) => new CloudwatchDashboard(stack, `dashboard-${p}`, { dashboardName: `bench-prod-${p}`, dashboardBody: JSON.stringify({ widgets: page }) }));
  return app;
}

if (require.main === module) {
  const [workloads, outdir] = process.argv.slice(2);
  baselineApp(Number(workloads), outdir).synth();
}
