import { RULES, runChecks } from "../../src/checks";
import type { Config } from "../../src/config/schema";
import { buildModel } from "../../src/model/build-model";
import type { MonitoringModel } from "../../src/model/types";
import { mutated } from "../support/configs";

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

/** Builds the model of a config, optionally breaks the model itself (for rules the schema already guards). */
function findings(mutateConfig: (c: Config) => void, mutateModel?: (m: Mutable<MonitoringModel>) => void) {
  const model = buildModel(mutated(mutateConfig), "platform.yaml") as Mutable<MonitoringModel>;
  mutateModel?.(model);
  return runChecks(model as MonitoringModel);
}

const none = () => undefined;
const customSignal = (extra: Partial<NonNullable<Config["workloads"][number]["customSignals"]>[number]> = {}) => ({
  name: "tokens",
  pattern: '{ $.model = * }',
  metric: { name: "Tokens", unit: "Count" as const, value: "$.tokens", dimensions: { Model: "$.model" } },
  alarm: { threshold: 1000, dimensions: { Model: "gpt" } },
  ...extra,
});
const withArchive = (c: Config) => (c.archive = { environment: "dev", bucketName: "acme-log-archive" });
const teamStream = { name: "team-stream", destinationArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/team", roleArn: "arn:aws:iam::123456789012:role/cwl-to-kinesis" };
const firstWorkload = (m: Mutable<MonitoringModel>) => m.environments[0].workloads[0];
const firstAlarm = (m: Mutable<MonitoringModel>) => firstWorkload(m).signals[0].alarm!;

// One row per rule: a config (or model) that breaks exactly that rule, and what the message must say.
const cases: [string, (c: Config) => void, ((m: Mutable<MonitoringModel>) => void) | undefined, RegExp][] = [
  ["AIL001", none, (m) => (firstWorkload(m).logGroup.retentionDays = 730), /workload 'chat-api': retention 730 days is not accepted.*valid: 0, 1, 3/],
  ["AIL002", (c) => (c.workloads[0].logGroup = { name: "aws/chat" }), undefined, /workload 'chat-api': log group name 'aws\/chat' uses the prefix aws\//],
  ["AIL003", (c) => (c.workloads[0].metricNamespace = "AWS/Chat"), undefined, /signal 'errors': namespace 'AWS\/Chat' starts with AWS\//],
  ["AIL004", none, (m) => { firstWorkload(m).signals[0].filter.metric.name = "a*b"; firstAlarm(m).metric.name = "a*b"; }, /signal 'errors': metric name 'a\*b' must be 1-255 characters/],
  ["AIL005", (c) => (c.workloads[0].customSignals = [customSignal({ metric: { name: "T", value: "$.t", dimensions: { A: "$.a", B: "$.b", C: "$.c", D: "$.d" } }, alarm: undefined })]), undefined, /signal 'tokens': 4 dimensions \(A, B, C, D\); a metric filter allows at most 3/],
  ["AIL006", (c) => (c.workloads[0].customSignals = [customSignal({ pattern: "ERROR", metric: { name: "Tokens", unit: "Count", value: "1", dimensions: { Model: "$.model" } } })]), undefined, /signal 'tokens': metric dimensions need a JSON .* 'ERROR' is a terms pattern/],
  ["AIL007", (c) => (c.workloads[0].customSignals = [customSignal({ metric: { name: "T", value: "$.t", defaultValue: 0, dimensions: { Model: "$.model" } } })]), undefined, /signal 'tokens': a metric filter with dimensions cannot have a default value/],
  ["AIL008", (c) => (c.workloads[0].customSignals = Array.from({ length: 100 }, (_, i) => ({ name: `s${i}`, pattern: `E${i}`, metric: { name: `M${i}` } }))), undefined, /workload 'chat-api': 101 metric filters on log group '\/acme\/dev\/chat-api'; CloudWatch Logs allows at most 100/],
  // 5 custom regexes + the generic kind's own `errors` regex.
  ["AIL010", (c) => (c.workloads[0].customSignals = Array.from({ length: 5 }, (_, i) => ({ name: `r${i}`, pattern: `%E${i}[0-9]%`, metric: { name: `R${i}` } }))), undefined, /workload 'chat-api': 6 filters with regular expressions .* at most 5/],
  ["AIL011", (c) => (c.workloads[0].signals = { errors: { period: 90 } }), undefined, /signal 'errors': alarm period 90 s is invalid; use 10, 20, 30 or a multiple of 60/],
  ["AIL012", (c) => (c.workloads[0].signals = { errors: { period: 600, evaluationPeriods: 145 } }), undefined, /signal 'errors': period 600 s x evaluationPeriods 145 = 87000 s exceeds the 86400 s/],
  ["AIL013", (c) => (c.workloads[0].signals = { errors: { evaluationPeriods: 2, datapointsToAlarm: 3 } }), undefined, /signal 'errors': datapointsToAlarm 3 exceeds evaluationPeriods 2/],
  ["AIL014", none, (m) => (firstAlarm(m).name = "x".repeat(256)), /signal 'errors': alarm name 'x{40}\.\.\.' has 256 characters; at most 255/],
  ["AIL015", none, (m) => (firstAlarm(m).topicIds = ["a", "b", "c", "d", "e", "f"]), /signal 'errors': 6 actions on the ALARM state; CloudWatch allows at most 5/],
  ["AIL016", (c) => (c.workloads[0].signals = { errors: { dimensions: { LogGroupName: "/acme/dev/chat-api" } } }), undefined, /signal 'errors': the alarm watches dimensions \{LogGroupName\} but the filter publishes \{none\}.*could never fire/],
  ["AIL017", (c) => (c.workloads[0].signals = { errors: { unit: "Seconds" } }), undefined, /signal 'errors': the alarm asks for unit Seconds but the filter publishes Count/],
  ["AIL018", (c) => (c.workloads[0].signals = { errors: { comparison: "GreaterThanUpperThreshold" } }), undefined, /signal 'errors': comparison GreaterThanUpperThreshold compares with an anomaly-detection band, but the alarm has no ANOMALY_DETECTION_BAND threshold metric: set bandWidth/],
  ["AIL019", (c) => (c.workloads[0].customSignals = [{ name: "bad", pattern: "ERR*", metric: { name: "Bad" } }]), undefined, /signal 'bad': invalid filter pattern 'ERR\*': Invalid character\(s\) in term '\*'/],
  ["AIL020", (c) => { c.workloads.push({ name: "other", kind: "generic" }); c.workloads[0].metricNamespace = "Shared"; c.workloads[1].metricNamespace = "Shared"; }, undefined, /workload 'other', signal 'errors': metric Shared\/ErrorOccurrences is also published by workload 'chat-api'/],
  ["AIL022", (c) => (c.workloads[0].signals = { errors: { treatMissingData: "breaching" } }), undefined, /signal 'errors': treatMissingData 'breaching': a filter without a default value publishes nothing/],
  ["AIL023", (c) => (c.workloads[0].logGroup = { class: "INFREQUENT_ACCESS" }), undefined, /workload 'chat-api': log group class INFREQUENT_ACCESS does not support metric filters/],
  ["AIL024", (c) => { c.workloads.push({ name: "other", kind: "generic", metricNamespace: "Other", logGroup: { name: "/acme/dev/chat-api" } }); }, undefined, /workload 'other': log group name '\/acme\/dev\/chat-api' is also used by workload 'chat-api'/],
  ["AIL032", (c) => (c.workloads[0].customSignals = [{ name: "latency", pattern: "{ $.latency > 0 }", metric: { name: "Latency", value: "latency" } }]), undefined, /signal 'latency': metric value 'latency': /],
  ["AIL030", (c) => (c.workloads[0].logGroup = { streams: ["a.b", "a-b"] }), undefined, /workload 'chat-api': log stream 'a-b' would share the Terraform address aws_cloudwatch_log_stream\.chat_api_stream_a_b with stream 'a\.b'/],
  ["AIL031", (c) => { c.environments.unshift({ ...c.environments[0], name: "dev-chat", stateBucket: "acme-tfstate-dev-chat" }); c.workloads[0].environments = ["dev"]; c.workloads.push({ name: "api", kind: "generic", environments: ["dev-chat"] }); }, undefined, /workload 'chat-api', signal 'errors': alarm name 'acme-dev-chat-api-errors' is also the name of the alarm of signal 'errors' of workload 'api' in environment 'dev-chat'/],
  ["AIL040", (c) => { withArchive(c); c.workloads[0].subscriptions = [teamStream, { name: "scanner", destinationArn: "arn:aws:lambda:eu-west-1:123456789012:function:scan" }]; }, undefined, /workload 'chat-api': log group '\/acme\/dev\/chat-api' would have 3 subscription filters \('acme-log-archive', 'acme-team-stream', 'acme-scanner'\); CloudWatch Logs allows at most 2/],
  ["AIL041", (c) => (c.workloads[0].subscriptions = [{ name: "central", destinationArn: "arn:aws:logs:us-east-1:999999999999:destination:central" }]), undefined, /workload 'chat-api': subscription 'acme-central': log groups in eu-west-1 cannot subscribe to arn:aws:logs:us-east-1:999999999999:destination:central in us-east-1/],
  ["AIL042", (c) => (c.archive = { accountId: "999999999999", region: "eu-west-1", stateBucket: "acme-archive-tfstate", bucketName: "acme-log-archive", alarmTopics: { critical: "arn:aws:sns:eu-west-1:999999999999:archive-oncall" } }), undefined, /workload 'chat-api': its archive subscription: account 123456789012 is not allowed to deliver to the archive's destination in account 999999999999 \(archive.sources allows no account\)/],
  ["AIL043", (c) => { c.stacks = { maxResources: 10 }; c.workloads.push({ name: "rag", kind: "generic" }); }, undefined, /^environment 'dev': stack monitoring-dev \(group 'default', 2 workloads\) holds \d+ Terraform resources; the budget is 10 \(stacks\.maxResources\)/],
  ["AIL044", (c) => { c.environments.unshift({ ...c.environments[0], name: "dev-chat", stateBucket: "acme-tfstate-dev-chat" }); c.workloads[0].environments = ["dev"]; c.workloads[0].group = "chat"; }, undefined, /^environment 'dev': the stack of group 'chat' of environment 'dev' would be named monitoring-dev-chat, like group 'default' of environment 'dev-chat'/],
  ["AIL045", (c) => (c.archive = { environment: "dev", bucketName: "acme-tfstate-dev" }), undefined, /^environment 'dev': the archive bucket 'acme-tfstate-dev' is also this environment's state bucket; two stacks would create the same bucket/],
  ["AIL046", (c) => (c.environments[0].notifications.critical = { existingTopicArn: "arn:aws:sns:us-east-1:123456789012:alerts" }), undefined, /^environment 'dev': topic arn:aws:sns:us-east-1:123456789012:alerts is in us-east-1, the environment in eu-west-1; CloudWatch alarms notify SNS topics of their own region only/],
  ["AIL047", (c) => (c.workloads[0].logGroup = { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }), undefined, /^environment 'dev', workload 'chat-api': KMS key .* is in us-east-1, the log group in eu-west-1; KMS keys are regional/],
  ["AIL048", (c) => (c.workloads[0].tags = { "aws:team": "ml" }), undefined, /^environment 'dev', workload 'chat-api': tag key 'aws:team' starts with 'aws:', which AWS reserves for its own tags/],
  ["AIL049", (c) => { c.workloads[0].group = "chat"; c.workloads[0].movedFrom = "serach"; }, undefined, /^environment 'dev', workload 'chat-api': movedFrom 'serach' is no group of this environment \(groups: chat, default\); a misspelt group would create a stray stack monitoring-dev-serach/],
  ["AIL050", (c) => (c.workloads[0].customSignals = [{ name: "drift", pattern: "DRIFT", metric: { name: "Drift", value: "-1" }, alarm: { threshold: 1, statistic: "p90" } }]), undefined, /^environment 'dev', workload 'chat-api', signal 'drift': statistic p90 is a percentile, but metric Drift publishes the value -1; CloudWatch offers no percentiles/],
  [
    "AIL051",
    (c) => {
      c.workloads[0] = { name: "chat-api", kind: "bedrock", bedrock: { invocationLogging: { ownerEnvironments: ["dev"], textDataDelivery: false } } };
      c.workloads[0].customSignals = [{ name: "stops", pattern: '{ $.output.outputBodyJson.stopReason = "max_tokens" }', metric: { name: "Stops", value: "1" } }];
    },
    undefined,
    /^environment 'dev', workload 'chat-api', signal 'stops': reads output\.outputBodyJson\.stopReason, which is never logged because bedrock\.invocationLogging\.textDataDelivery is false/,
  ],
];

describe("synth-time rules", () => {
  it("the minimal config passes every rule", () => {
    expect(findings(none)).toEqual([]);
  });

  it.each(cases)("%s rejects an input that breaks it", (code, mutateConfig, mutateModel, message) => {
    const found = findings(mutateConfig, mutateModel);
    expect(found.map((f) => f.code)).toEqual([code]);
    expect(found[0].message).toMatch(message);
    expect(found[0].file).toBe("platform.yaml");
    // Every finding names its environment (and its workload, when it is about one).
    expect(found[0].message).toMatch(/^environment 'dev'[,:] /);
  });

  it("every rule has a test row, and codes are unique", () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(cases.map(([c]) => c).sort()).toEqual([...codes].sort());
  });

  it("an alarm on a dimensioned filter passes when it names exactly the filter's dimensions", () => {
    expect(findings((c) => (c.workloads[0].customSignals = [customSignal()]))).toEqual([]);
  });

  describe("AIL018 on every kind of alarm", () => {
    const codes = (mutate: (c: Config) => void) => findings(mutate).map((f) => `${f.code} ${f.path}: ${f.message}`);
    const app = (c: Config) => (c.workloads[0] = { name: "chat-api", kind: "llm-app" });

    it("accepts a fixed comparison switched to a band with a width, and the presets' own band alarms", () => {
      expect(codes((c) => (c.workloads[0].signals = { errors: { comparison: "GreaterThanUpperThreshold", bandWidth: 3 } }))).toEqual([]);
      expect(codes(app)).toEqual([]);
    });

    it("rejects a band width on a fixed comparison", () => {
      expect(codes((c) => (c.workloads[0].signals = { errors: { bandWidth: 2 } }))).toEqual([
        "AIL018 workloads[0].signals.errors.bandWidth: environment 'dev', workload 'chat-api', signal 'errors': comparison GreaterThanThreshold compares with a fixed threshold, so bandWidth 2 (an ANOMALY_DETECTION_BAND threshold metric) cannot apply: remove bandWidth, or use LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold or GreaterThanUpperThreshold",
      ]);
    });

    it("rejects a threshold on a band comparison", () => {
      expect(codes((c) => { app(c); c.workloads[0].signals = { latency: { threshold: 5 } }; })).toEqual([
        "AIL018 workloads[0].signals.latency.threshold: environment 'dev', workload 'chat-api', signal 'latency': comparison GreaterThanUpperThreshold compares with a band of 2 standard deviations; threshold 5 would be ignored: remove it",
      ]);
    });

    it("rejects an anomaly preset switched to a fixed comparison without a threshold", () => {
      expect(codes((c) => { app(c); c.workloads[0].signals = { latency: { comparison: "GreaterThanThreshold" } }; })).toEqual([
        "AIL018 workloads[0].signals.latency.threshold: environment 'dev', workload 'chat-api', signal 'latency': comparison GreaterThanThreshold needs a threshold (the preset's default alarm is an anomaly band): set threshold",
      ]);
      expect(codes((c) => { app(c); c.workloads[0].signals = { latency: { comparison: "GreaterThanThreshold", threshold: 5 } }; })).toEqual([]);
    });
  });

  describe("AIL016 on ratio alarms", () => {
    const app = (c: Config) => (c.workloads[0] = { name: "chat-api", kind: "llm-app" });
    const ratio = (m: Mutable<MonitoringModel>) => firstWorkload(m).alarms.find((a) => a.id === "error-rate")!;

    it("passes for the generated error rate, which reads two undimensioned filters", () => {
      expect(findings(app)).toEqual([]);
    });

    it("reports a ratio reading a metric no filter publishes", () => {
      const found = findings(app, (m) => (ratio(m).alarm.ratio!.denominator.name = "Calls"));
      expect(found.map((f) => [f.code, f.path])).toEqual([["AIL016", "workloads[0].signals.error-rate"]]);
      expect(found[0].message).toMatch(/signal 'error-rate': the alarm reads AI_Monitoring\/chat-api\/Calls but no filter of this workload publishes it/);
    });

    it("reports a ratio watching a dimension set the filter does not publish", () => {
      const found = findings(app, (m) => (ratio(m).alarm.metric.dimensions = { Model: "gpt-4o" }));
      expect(found.map((f) => f.code)).toEqual(["AIL016"]);
      expect(found[0].message).toMatch(/the alarm watches dimensions \{Model\} but the filter publishes \{none\}/);
    });
  });

  describe("what configs that plan but fail at apply must also catch", () => {
    const found = (mutate: (c: Config) => void) => findings(mutate).map((f) => `${f.code} ${f.path}: ${f.message}`);
    const otherAccountKey = "arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    it("AIL047: a key of another account", () => {
      expect(found((c) => (c.workloads[0].logGroup = { kmsKeyArn: otherAccountKey }))).toEqual([
        `AIL047 workloads[0].logGroup.kmsKeyArn: environment 'dev', workload 'chat-api': KMS key ${otherAccountKey} belongs to account 999999999999, the log group to 123456789012; associating it fails at apply. Use a key of account 123456789012, or leave kmsKeyArn out to use the environment's key`,
      ]);
    });

    it("AIL048: characters AWS rejects in keys and values, at every level, and more than 50 tags", () => {
      expect(found((c) => (c.tags = { "cost center!": "ok", owner: '${file("/etc/passwd")}' }))).toEqual([
        `AIL048 tags["cost center!"]: tag key 'cost center!' has characters AWS does not accept in tags; use letters, digits, spaces and _ . : / = + - @`,
        `AIL048 tags.owner: tag value ${JSON.stringify('${file("/etc/passwd")}')} has characters AWS does not accept in tags; use letters, digits, spaces and _ . : / = + - @`,
      ]);
      expect(found((c) => (c.environments[0].tags = { environment: "${aws_kms_key.monitoring_key.arn}" }))).toEqual([
        `AIL048 environments[0].tags.environment: environment 'dev': tag value ${JSON.stringify("${aws_kms_key.monitoring_key.arn}")} has characters AWS does not accept in tags; use letters, digits, spaces and _ . : / = + - @`,
      ]);
      // project, managed-by (project level) + environment + workload, workload-kind + 46 of its own = 51;
      // a key set at two levels counts once (the resource carries one tag of that key).
      const many = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`t${i}`, "x"]));
      expect(found((c) => (c.workloads[0].tags = { ...many, environment: "again" }))).toEqual([
        "AIL048 workloads[0].tags: environment 'dev', workload 'chat-api': resources here would carry 51 tags (the project's, the environment's and the workload's, with the ones the product adds); AWS allows at most 50 per resource",
      ]);
    });

    it("AIL048 accepts what AWS accepts: Unicode letters, spaces and the listed punctuation, empty values", () => {
      expect(found((c) => (c.tags = { "Équipe ML": "données/2026 = a+b@c:d_e.f-g", empty: "" }))).toEqual([]);
    });

    it("AIL049: a move out of the default group, an existing group or a retired one passes", () => {
      expect(found((c) => { c.workloads[0].group = "chat"; c.workloads[0].movedFrom = "default"; })).toEqual([]);
      expect(found((c) => { c.workloads.push({ name: "rag", kind: "generic", group: "search" }); c.workloads[0].group = "chat"; c.workloads[0].movedFrom = "search"; })).toEqual([]);
      expect(found((c) => { c.workloads[0].group = "chat"; c.workloads[0].movedFrom = "search"; c.stacks = { retiredGroups: ["search"] }; })).toEqual([]);
    });
  });

  it("locates the finding at the config path of the signal", () => {
    const [f] = findings((c) => (c.workloads[0].signals = { errors: { period: 90 } }));
    expect(f.path).toBe("workloads[0].signals.errors.period");
  });
});
