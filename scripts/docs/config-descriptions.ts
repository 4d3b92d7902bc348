/**
 * Descriptions of the config keys whose schema has none (`.describe()` in src/config gives the
 * rest), keyed by their reference path. The docs test fails on a key described nowhere and on an
 * entry here whose key no longer exists. Moving an entry into the schema's `.describe()` is welcome.
 */

const presetAlarm = (what: string) => `${what}. @default the preset's (see the kind's runbook page)`;
const customAlarm = (what: string, dflt: string) => `${what}. @default ${dflt}`;

export const FALLBACK_DESCRIPTIONS: Readonly<Record<string, string>> = {
  bootstrap: "How the state-bucket bootstrap stacks keep their own state (docs/deploying.md)",
  environments: "The accounts and regions to monitor: one environment is one account and one region",
  workloads: "The AI workloads to monitor; each gets a log group and the signals of its kind",
  "environments[].name": "Unique environment name (prod, staging, ...); part of every resource name",
  "environments[].accountId": "AWS account id, 12 digits, quoted in YAML; the provider refuses credentials of any other account",
  "environments[].region": "AWS region, e.g. us-east-1",
  "workloads[].name": "Unique workload name; part of its log group, metric namespace and resource names",
  "workloads[].logGroup": "The workload's log group",
  "workloads[].customSignals": "Your own filter + metric + alarm on the workload's log group",
  "workloads[].signals.<id>.threshold": presetAlarm("Threshold of a fixed comparison"),
  "workloads[].signals.<id>.evaluationPeriods": presetAlarm("Periods the alarm evaluates"),
  "workloads[].signals.<id>.datapointsToAlarm": presetAlarm("Breaching datapoints among them that make it ALARM (at most evaluationPeriods)"),
  "workloads[].signals.<id>.treatMissingData": presetAlarm("What a period without datapoints counts as"),
  "workloads[].signals.<id>.severity": presetAlarm("Which notification topic the alarm goes to"),
  "workloads[].customSignals[].name": "Signal name, unique in the workload; part of the filter and alarm names",
  "workloads[].customSignals[].metric": "The metric the filter publishes",
  "workloads[].customSignals[].alarm": "The alarm on that metric. @default no alarm",
  "workloads[].customSignals[].runbook": "One line for the on-call engineer, in the alarm description. @default 'Custom signal <name> on <workload>.'",
  "workloads[].customSignals[].metric.name": "Metric name, published to the workload's namespace",
  "workloads[].customSignals[].metric.unit": "Unit of the published values. @default None",
  "workloads[].customSignals[].metric.defaultValue": "Published for every event the pattern does not match (not with dimensions). @default none: quiet logs publish nothing",
  "workloads[].customSignals[].metric.dimensions": "Dimension name to '$.field' or '$name' of the pattern (JSON or space-delimited patterns, at most 3)",
  "workloads[].customSignals[].alarm.threshold": "Threshold of the comparison",
  "workloads[].customSignals[].alarm.evaluationPeriods": customAlarm("Periods the alarm evaluates", "1"),
  "workloads[].customSignals[].alarm.datapointsToAlarm": customAlarm("Breaching datapoints among them that make it ALARM", "evaluationPeriods"),
  "workloads[].customSignals[].alarm.treatMissingData": customAlarm("What a period without datapoints counts as", "notBreaching"),
  "workloads[].customSignals[].alarm.severity": customAlarm("Which notification topic the alarm goes to", "warning"),
  "workloads[].subscriptions[].destinationArn": "Kinesis stream, Firehose stream, Lambda function or CloudWatch Logs destination to deliver to",
  "archive.region": "Archive region, when it is not an environment's",
  "archive.lifecycle": "How long archived objects stay in which storage class",
  "archive.buffering": "Firehose buffering before an object is written",
  "archive.lifecycle.transitions[].days": "Object age in days",
  "archive.lifecycle.transitions[].storageClass": "Storage class objects move to at that age",
  "archive.buffering.sizeMiB": "MiB buffered before an object is written",
  "archive.buffering.intervalSeconds": "Seconds buffered before an object is written",
};
