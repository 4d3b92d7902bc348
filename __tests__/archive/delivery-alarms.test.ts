import { runChecks } from "../../src/checks";
import { validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { resourcesOfType, synthConfigFile } from "../support/synth";
import { problemsOf } from "../support/configs";
import { archiveConfig, PROD, STAGING, withArchive } from "./fixtures";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

/** The aggregation path watching itself (issue 14): the archive's Firehose alarms, environments' delivery alarms. */

const model = (mutate: Parameters<typeof withArchive>[0] = () => undefined) => buildModel(validateConfig(withArchive(mutate), "t.yaml"), "t.yaml");

describe("the archive's own alarms", () => {
  it("watch delivery to S3, freshness and whether anything arrives, notifying the archive environment's topics by severity", () => {
    const archive = model((c) => (c.environments[0].notifications.warning = { emails: ["platform@example.com"] })).archive!;
    expect(archive.deliveryAlarms.map((d) => [d.address, d.alarm.metric.namespace, d.alarm.metric.name, d.alarm.statistic, d.alarm.comparison, d.alarm.threshold, d.alarm.treatMissingData, d.alarm.severity])).toEqual([
      ["archive_delivery_to_s3", "AWS/Firehose", "DeliveryToS3.Success", "Minimum", "LessThanThreshold", 1, "notBreaching", "critical"],
      ["archive_data_freshness", "AWS/Firehose", "DeliveryToS3.DataFreshness", "Maximum", "GreaterThanThreshold", 900, "notBreaching", "critical"],
      // Silence is what this one is for: no datapoint breaches.
      ["archive_nothing_arriving", "AWS/Firehose", "IncomingRecords", "Sum", "LessThanThreshold", 1, "breaching", "warning"],
    ]);
    for (const d of archive.deliveryAlarms) expect(d.alarm.metric.dimensions).toEqual({ DeliveryStreamName: "acme-log-archive" });
    expect(archive.alarmTopicArns).toEqual({ critical: `arn:aws:sns:us-east-1:${PROD}:acme-prod-alerts-critical`, warning: `arn:aws:sns:us-east-1:${PROD}:acme-prod-alerts-warning` });
    expect(archive.deliveryAlarms[0].alarm.description).toMatch(/Runbook: docs\/runbooks\/archive-delivery\.md#archive-delivery-to-s3$/);
  });

  it("call data stale after three buffer intervals (at least 15 minutes)", () => {
    const freshness = (seconds: number) => model((c) => (c.archive!.buffering = { intervalSeconds: seconds })).archive!.deliveryAlarms.find((d) => d.id === "archive-data-freshness")!.alarm.threshold;
    expect([freshness(60), freshness(600)]).toEqual([900, 1800]);
  });

  it("use archive.alarmTopics when the archive has an account of its own, and require it then", () => {
    const standalone = (alarmTopics?: { critical: string; warning?: string }) =>
      withArchive((c) => (c.archive = { accountId: "333333333333", region: "us-east-1", stateBucket: "acme-archive-tfstate", bucketName: "acme-log-archive", sources: { accounts: [PROD, STAGING] }, alarmTopics }));
    expect(problemsOf(standalone())).toEqual([
      "platform.yaml: archive.alarmTopics: an archive outside the environments needs alarmTopics.critical: the SNS topic its delivery alarms notify (a silent archive is an incident nobody hears)",
    ]);
    const topic = "arn:aws:sns:us-east-1:333333333333:archive-oncall";
    expect(buildModel(validateConfig(standalone({ critical: topic }), "t.yaml"), "t.yaml").archive!.alarmTopicArns).toEqual({ critical: topic, warning: topic });
    const elsewhere = "arn:aws:sns:eu-west-1:333333333333:archive-oncall";
    expect(runChecks(buildModel(validateConfig(standalone({ critical: elsewhere }), "t.yaml"), "t.yaml")).map((p) => `${p.code} ${p.path}`)).toEqual(["AIL046 archive.alarmTopics.critical"]);
    expect(problemsOf(withArchive((c) => (c.archive!.alarmTopics = { critical: topic })))).toEqual(["platform.yaml: archive.alarmTopics: the archive's alarms notify the alert topics of environment 'prod'; remove alarmTopics"]);
  });

  it("report an archive environment's existing topic in another region once, at the environment's notifications", () => {
    // A notifications object of its own: the fixture shares one between its environments.
    const m = model((c) => (c.environments[0].notifications = { critical: { existingTopicArn: "arn:aws:sns:eu-west-1:222222222222:oncall" } }));
    expect(runChecks(m).filter((p) => p.code === "AIL046").map((p) => p.path)).toEqual(["environments[0].notifications.critical.existingTopicArn"]);
  });
});

describe("an environment's delivery alarms", () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `w${i}`, kind: "generic" as const, environments: ["prod"] }));

  it("sum DeliveryErrors and DeliveryThrottling of five delivering log groups per alarm (10 metrics, metric math's limit)", () => {
    const prod = model((c) => (c.workloads = names(7))).environments[0];
    expect(prod.deliveryAlarms.map((d) => [d.address, d.alarm.name, d.alarm.sumOf!.length])).toEqual([
      ["archive_subscription_delivery_1", "acme-prod-archive-subscription-delivery-1", 10],
      ["archive_subscription_delivery_2", "acme-prod-archive-subscription-delivery-2", 4],
    ]);
    expect(prod.deliveryAlarms[1].alarm.sumOf!.map((m) => `${m.namespace} ${m.name} ${m.dimensions.LogGroupName}`)).toEqual([
      "AWS/Logs DeliveryErrors /acme/prod/w5",
      "AWS/Logs DeliveryThrottling /acme/prod/w5",
      "AWS/Logs DeliveryErrors /acme/prod/w6",
      "AWS/Logs DeliveryThrottling /acme/prod/w6",
    ]);
    expect(prod.deliveryAlarms[0].alarm).toMatchObject({ statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 0, severity: "warning", topicIds: ["warning"] });
  });

  it("leave out log groups that send nothing to the archive, and environments that deliver nothing", () => {
    const prod = model((c) => {
      c.workloads = names(2);
      c.workloads[1].archive = { enabled: false };
    }).environments[0];
    expect(prod.deliveryAlarms.flatMap((d) => d.alarm.sumOf!.map((m) => m.dimensions.LogGroupName))).toEqual(["/acme/prod/w0", "/acme/prod/w0"]);
    expect(model((c) => (c.environments[1].archive = { enabled: false })).environments[1].deliveryAlarms).toEqual([]);
    expect(buildModel(validateConfig({ ...archiveConfig(), archive: undefined }, "t.yaml"), "t.yaml").environments[0].deliveryAlarms).toEqual([]);
  });

  it("synthesize as SUM(METRICS()) metric math in the environment's default stack, notifying its warning topic", () => {
    const dir = mkdtempSync(join(tmpdir(), "ai-logs-delivery-"));
    const file = join(dir, "c.yaml");
    writeFileSync(file, stringify(archiveConfig()));
    const stacks = synthConfigFile(file).stacks;
    const alarm = resourcesOfType(stacks["monitoring-prod"], "aws_cloudwatch_metric_alarm").archive_subscription_delivery_1 as Record<string, unknown>;
    const queries = alarm.metric_query as { id: string; expression?: string; return_data: boolean; metric?: { metric_name: string; stat: string } }[];
    expect(queries.map((q) => [q.id, q.expression ?? `${q.metric!.metric_name} ${q.metric!.stat}`, q.return_data])).toEqual([
      ["m0", "DeliveryErrors Sum", false],
      ["m1", "DeliveryThrottling Sum", false],
      ["m2", "DeliveryErrors Sum", false],
      ["m3", "DeliveryThrottling Sum", false],
      ["total", "SUM(METRICS())", true],
    ]);
    expect(alarm.alarm_actions).toEqual(["${aws_sns_topic.alerts_critical.arn}"]);
    expect(resourcesOfType(stacks["monitoring-prod-search"], "aws_cloudwatch_metric_alarm").archive_subscription_delivery_1).toBeUndefined();
    expect(Object.keys(resourcesOfType(stacks["log-archive"], "aws_cloudwatch_metric_alarm")).sort()).toEqual(["archive_data_freshness", "archive_delivery_to_s3", "archive_nothing_arriving"]);
  });
});
