import { stringify } from "yaml";
import type { Config } from "../../src/config/schema";
import { minimalConfig } from "../support/configs";
import type { BadInput } from "./harness";

/**
 * The hand-written part of the bad-input corpus: mistakes a person makes that a type-by-type walk of
 * the schema does not produce (collisions, inconsistent alarms, broken files). Each names the config
 * path the message must point at. The generated part is in generated.ts.
 */

// Config as plain data: bad input is by definition not a `Config`.
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function bad(name: string, mutate: (c: Doc) => void, path: string, says?: RegExp): BadInput {
  const content = structuredClone(minimalConfig()) as Config as Doc;
  mutate(content);
  return { name, content, path, says };
}

/** The minimal config as YAML text with `extra` appended (for what a document object cannot hold). */
const yamlWith = (extra: string) => `${stringify(minimalConfig())}${extra}`;
/** A mapping with an own `__proto__` key, as YAML and JSON readers produce it (an object literal cannot). */
const withProtoKey = (value: unknown) => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`) as Doc;

const custom = (extra: Doc = {}): Doc => ({ name: "tokens", pattern: "{ $.model = * }", metric: { name: "Tokens", value: "$.tokens", dimensions: { Model: "$.model" } }, ...extra });
const env2 = (c: Doc, extra: Doc = {}) => c.environments.push({ ...structuredClone(c.environments[0]), name: "prod", stateBucket: "acme-tfstate-prod", ...extra });

export const TABLE_CASES: readonly BadInput[] = [
  // Files that cannot be read or parsed.
  { name: "an empty file", content: "", path: "", says: /expected mapping, found null/ },
  { name: "a list instead of a mapping", content: "- project: acme\n", path: "", says: /expected mapping, found a list/ },
  { name: "YAML syntax error", content: "project: [acme\n", path: "", says: /not valid YAML/ },
  { name: "a duplicate YAML key", content: "project: a\nproject: b\n", path: "", says: /Map keys must be unique/ },
  { name: "two YAML documents", content: "project: a\n---\nproject: b\n", path: "", says: /multiple documents/ },
  { name: "a CloudFormation tag", content: "project: !Ref Project\n", path: "", says: /Unresolved tag: !Ref/ },
  { name: "a YAML alias bomb", content: `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [${"*a,".repeat(9)}*a]\nc: &c [${"*b,".repeat(9)}*b]\nd: [${"*c,".repeat(9)}*c]\n`, path: "", says: /resource exhaustion/ },
  { name: "nesting too deep to parse", content: `a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, path: "", says: /not valid YAML/ },
  { name: "binary garbage", content: new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]), path: "", says: /control character U\+0000/ },
  { name: "JSON syntax error", fileName: "config.json", content: '{"project": "acme",', path: "", says: /not valid JSON/ },
  { name: "a duplicate JSON key", fileName: "config.json", content: '{"project": "a", "project": "b"}', path: "", says: /not valid JSON: Map keys must be unique/ },
  { name: "JSON with a comment", fileName: "config.json", content: '{"project": "acme" // no\n}', path: "", says: /not valid JSON/ },
  { name: "an unquoted account id (a YAML number)", content: "project: acme\nenvironments:\n  - name: dev\n    accountId: 123456789012\n    region: eu-west-1\n    stateBucket: acme-tfstate\n    notifications: { critical: { emails: [a@example.com] } }\nworkloads: []\n", path: "environments[0].accountId", says: /expected string, found number 123456789012/ },
  { name: "an account id that lost its leading zero", content: "project: acme\nenvironments:\n  - name: dev\n    accountId: 012345678901\n    region: eu-west-1\n    stateBucket: acme-tfstate\n    notifications: { critical: { emails: [a@example.com] } }\nworkloads: []\n", path: "environments[0].accountId" },

  // Names: duplicates and collisions once joined into addresses, stack names and AWS names.
  bad("duplicate workload names", (c) => c.workloads.push({ name: "chat-api", kind: "generic", metricNamespace: "Other" }), "workloads[1].name", /duplicate workload name 'chat-api'/),
  bad("duplicate environment names", (c) => env2(c, { name: "dev" }), "environments[1].name", /duplicate environment name 'dev'/),
  bad("workload and signal names that join into one Terraform address", (c) => {
    c.workloads = [
      { name: "chat", kind: "generic", metricNamespace: "A", customSignals: [{ name: "api-errors", pattern: "FATAL", metric: { name: "Fatal" } }] },
      { name: "chat-api", kind: "generic", metricNamespace: "B" },
    ];
  }, "workloads[1].signals.errors", /AIL030 .*Terraform address chat_api_errors/),
  bad("a custom signal named like a preset", (c) => (c.workloads[0].customSignals = [{ name: "errors", pattern: "FATAL", metric: { name: "Fatal" } }]), "workloads[0].customSignals[0].name", /'errors'/),
  bad("two custom signals with one name", (c) => (c.workloads[0].customSignals = [{ name: "x", pattern: "A", metric: { name: "A" } }, { name: "x", pattern: "B", metric: { name: "B" } }]), "workloads[0].customSignals[1]", /AIL030/),
  bad("stream names that become one address", (c) => (c.workloads[0].logGroup = { streams: ["train.log", "train-log"] }), "workloads[0].logGroup.streams[1]", /AIL030 .*aws_cloudwatch_log_stream\.chat_api_stream_train_log/),
  bad("e-mail addresses differing only in case", (c) => (c.environments[0].notifications.critical = { emails: ["Oncall@example.com", "oncall@example.com"] }), "environments[0].notifications.critical.emails", /AIL030/),
  bad("endpoints that become one subscription address", (c) => (c.environments[0].notifications.critical = { httpsEndpoints: ["https://hooks.example.com/a-b", "https://hooks.example.com/a.b"] }), "environments[0].notifications.critical.httpsEndpoints", /AIL030/),
  bad("state buckets that give one bootstrap stack name", (c) => { c.environments[0].stateBucket = "acme.tf-state"; env2(c, { stateBucket: "acme-tf.state" }); }, "environments[1].stateBucket", /AIL030 .*state-acme-tf-state/),
  bad("two workloads with one log group name", (c) => c.workloads.push({ name: "other", kind: "generic", metricNamespace: "Other", logGroup: { name: "/acme/dev/chat-api" } }), "workloads[1].logGroup.name", /AIL024/),
  bad("alarm names that collide across environments of one account", (c) => {
    c.environments.unshift({ ...structuredClone(c.environments[0]), name: "dev-chat", stateBucket: "acme-tfstate-dev-chat" });
    c.workloads[0].environments = ["dev"];
    c.workloads.push({ name: "api", kind: "generic", environments: ["dev-chat"] });
  }, "workloads[0].signals.errors", /AIL031/),
  bad("two workloads publishing one metric", (c) => { c.workloads[0].metricNamespace = "Shared"; c.workloads.push({ name: "other", kind: "generic", metricNamespace: "Shared" }); }, "workloads[1].signals.errors", /AIL020/),
  bad("a workload in an unknown environment", (c) => (c.workloads[0].environments = ["prod"]), "workloads[0].environments[0]", /unknown environment 'prod'; valid: dev/),
  bad("a project name with capitals", (c) => (c.project = "Acme"), "project"),
  bad("a slug ending in '-'", (c) => (c.workloads[0].name = "chat-"), "workloads[0].name", /must not end with '-'/),
  bad("a slug with '--'", (c) => (c.environments[0].name = "dev--eu"), "environments[0].name", /must not end with '-' or contain '--'/),

  // Patterns that do not parse, and limits of patterns.
  ...[
    ["an unquoted wildcard term", "ERR*", /Invalid character/],
    ["an unclosed JSON pattern", "{ $.level = ", /must end with '}'/],
    ["a JSON pattern without a selector", "{ level = ERROR }", /.+/],
    ["an unclosed space-delimited pattern", "[ip, user", /.+/],
    ["an unclosed regex", "%ERROR", /.+/],
    ["three regexes", "%a% %b% %c%", /.+/],
    ["a JSON pattern with a bad operator", "{ $.latency >> 5 }", /.+/],
  ].map(([what, pattern, says]) => bad(`a pattern that does not parse: ${what}`, (c) => (c.workloads[0].customSignals = [{ name: "x", pattern, metric: { name: "X" } }]), "workloads[0].customSignals[0].pattern", says as RegExp)),
  bad("a pattern over 1024 characters", (c) => (c.workloads[0].customSignals = [{ name: "x", pattern: "A".repeat(1025), metric: { name: "X" } }]), "workloads[0].customSignals[0].pattern"),

  // Metrics and alarms inconsistent with their filters.
  bad("an alarm on dimensions the filter does not publish", (c) => (c.workloads[0].customSignals = [custom({ alarm: { threshold: 1, dimensions: { Region: "eu" } } })]), "workloads[0].customSignals[0].alarm.dimensions", /AIL016/),
  bad("an alarm without the filter's dimension", (c) => (c.workloads[0].customSignals = [custom({ alarm: { threshold: 1 } })]), "workloads[0].customSignals[0].alarm.dimensions", /AIL016 .*exactly: Model/),
  bad("the seed's LogGroupName alarm dimension", (c) => (c.workloads[0].signals = { errors: { dimensions: { LogGroupName: "/acme/dev/chat-api" } } }), "workloads[0].signals.errors.dimensions", /AIL016 .*could never fire/),
  bad("an alarm unit the filter does not publish", (c) => (c.workloads[0].signals = { errors: { unit: "Seconds" } }), "workloads[0].signals.errors.unit", /AIL017/),
  bad("a custom alarm unit the filter does not publish", (c) => (c.workloads[0].customSignals = [custom({ metric: { name: "T", unit: "Count", value: "$.t", dimensions: { Model: "$.model" } }, alarm: { threshold: 1, unit: "Bytes", dimensions: { Model: "m" } } })]), "workloads[0].customSignals[0].alarm.unit", /AIL017/),
  bad("missing data breaching on a filter without a default", (c) => (c.workloads[0].signals = { errors: { treatMissingData: "breaching" } }), "workloads[0].signals.errors.treatMissingData", /AIL022/),
  bad("dimensions on a term pattern", (c) => (c.workloads[0].customSignals = [custom({ pattern: "ERROR", metric: { name: "T", value: "1", dimensions: { Model: "$.model" } } })]), "workloads[0].customSignals[0].metric.dimensions", /AIL006/),
  bad("a default value with dimensions", (c) => (c.workloads[0].customSignals = [custom({ metric: { name: "T", value: "$.t", defaultValue: 0, dimensions: { Model: "$.model" } } })]), "workloads[0].customSignals[0].metric.defaultValue", /AIL007/),
  bad("four dimensions", (c) => (c.workloads[0].customSignals = [custom({ metric: { name: "T", value: "$.t", dimensions: { A: "$.a", B: "$.b", C: "$.c", D: "$.d" } } })]), "workloads[0].customSignals[0].metric.dimensions", /AIL005/),
  bad("a metric value that is not a number or a field", (c) => (c.workloads[0].customSignals = [{ name: "lat", pattern: "{ $.latency > 0 }", metric: { name: "Latency", value: "latency" } }]), "workloads[0].customSignals[0].metric.value", /AIL032/),
  bad("a wildcard metric value", (c) => (c.workloads[0].customSignals = [{ name: "lat", pattern: "{ $.latency > 0 }", metric: { name: "Latency", value: "$.latency[*]" } }]), "workloads[0].customSignals[0].metric.value", /AIL032/),
  bad("a namespace under AWS/", (c) => (c.workloads[0].metricNamespace = "AWS/Chat"), "workloads[0].signals.errors", /AIL003/),
  bad("an alarm period of 90 s", (c) => (c.workloads[0].signals = { errors: { period: 90 } }), "workloads[0].signals.errors.period", /AIL011/),
  bad("a custom alarm period of 45 s", (c) => (c.workloads[0].customSignals = [{ name: "x", pattern: "X", metric: { name: "X" }, alarm: { threshold: 1, period: 45 } }]), "workloads[0].customSignals[0].alarm.period", /AIL011/),
  bad("an evaluation window over a day", (c) => (c.workloads[0].signals = { errors: { period: 600, evaluationPeriods: 145 } }), "workloads[0].signals.errors.evaluationPeriods", /AIL012/),
  bad("more datapoints than evaluation periods", (c) => (c.workloads[0].signals = { errors: { evaluationPeriods: 2, datapointsToAlarm: 3 } }), "workloads[0].signals.errors.datapointsToAlarm", /AIL013/),
  bad("metric filters on an INFREQUENT_ACCESS log group", (c) => (c.workloads[0].logGroup = { class: "INFREQUENT_ACCESS" }), "workloads[0].logGroup.class", /AIL023/),
  bad("a log group name under aws/", (c) => (c.workloads[0].logGroup = { name: "aws/chat" }), "workloads[0].logGroup.name", /AIL002/),
  bad("101 metric filters on a log group", (c) => (c.workloads[0].customSignals = Array.from({ length: 100 }, (_, i) => ({ name: `s${i}`, pattern: `E${i}`, metric: { name: `M${i}` } }))), "workloads[0]", /AIL008/),
  bad("an unknown preset signal", (c) => (c.workloads[0].signals = { erors: { threshold: 1 } }), "workloads[0].signals.erors", /unknown signal 'erors'/),

  // Values out of range that the type walk would not think of.
  bad("retention 730 days", (c) => (c.defaults = { retentionDays: 730 }), "defaults.retentionDays", /730.*valid: 0, 1, 3, 5/),
  bad("a threshold too large for a number", (c) => (c.workloads[0].signals = { errors: { threshold: 1e400 } }), "workloads[0].signals.errors.threshold"),
  bad("an existing topic and subscriptions", (c) => (c.environments[0].notifications.critical = { emails: ["a@b.co"], existingTopicArn: "arn:aws:sns:eu-west-1:123456789012:alerts" }), "environments[0].notifications.critical", /not both/),
  bad("a notification target with nothing in it", (c) => (c.environments[0].notifications.critical = {}), "environments[0].notifications.critical", /needs at least one of/),
  bad("an http:// webhook", (c) => (c.environments[0].notifications.critical = { httpsEndpoints: ["http://hooks.example.com"] }), "environments[0].notifications.critical.httpsEndpoints[0]", /https:\/\//),
  bad("an empty tag key", (c) => (c.tags = { "": "x" }), 'tags[""]'),

  // Edges of input any field may hit (src/config/raw-document.ts, src/config/load.ts).
  bad("a workload without a kind", (c) => delete c.workloads[0].kind, "workloads[0].kind", /required value is missing; valid: generic, llm-inference/),
  { name: "a __proto__ key among tags (YAML)", content: yamlWith("tags:\n  __proto__: {team: x}\n"), path: "tags.__proto__", says: /'__proto__' is not allowed as a key/ },
  bad("a __proto__ key among signals", (c) => (c.workloads[0].signals = withProtoKey({ threshold: 1 })), "workloads[0].signals.__proto__", /'__proto__' is not allowed as a key/),
  { name: "a __proto__ key in JSON", fileName: "config.json", content: JSON.stringify(minimalConfig()).replace(/}$/, ', "tags": {"__proto__": {"a": "b"}}}'), path: "tags.__proto__", says: /not allowed as a key/ },
  { name: "a number too large to represent (1e309)", content: yamlWith("defaults:\n  anomalyBandWidth: 1e309\n"), path: "defaults.anomalyBandWidth", says: /finite number between -2\^360 and 2\^360.*too large to represent/ },
  bad("a threshold beyond CloudWatch's range", (c) => (c.workloads[0].signals = { errors: { threshold: 2 ** 361 } }), "workloads[0].signals.errors.threshold", /between -2\^360 and 2\^360/),
  { name: "a YAML error shows the line it is on", content: "project: acme\nworkloads: [\nenvironments: x: y\n", path: "", says: /at line 3, column 1: "environments: x: y"/ },
  bad("a carriage return in a runbook", (c) => (c.workloads[0].customSignals = [{ name: "x", pattern: "X", metric: { name: "X" }, runbook: "restart\rnow" }]), "workloads[0].customSignals[0].runbook", /control character U\+000D/),
  bad("cdktf's token marker in a value", (c) => (c.tags = { team: "${TfToken[TOKEN.1]}" }), "tags.team", /TfToken/),
  bad("an unpaired surrogate", (c) => (c.tags = { team: "x\ud800" }), "tags.team", /valid Unicode/),
  // Configs that would plan but fail at apply (src/checks/apply-time-rules.ts).
  bad("the archive bucket named like a state bucket", (c) => (c.archive = { environment: "dev", bucketName: "acme-tfstate-dev" }), "archive.bucketName", /AIL045/),
  bad("an existing topic in another region", (c) => (c.environments[0].notifications.critical = { existingTopicArn: "arn:aws:sns:us-east-1:123456789012:alerts" }), "environments[0].notifications.critical.existingTopicArn", /AIL046/),
  bad("a log group key in another region", (c) => (c.workloads[0].logGroup = { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }), "workloads[0].logGroup.kmsKeyArn", /AIL047 .*regional/),
  bad("a log group key of another account", (c) => (c.workloads[0].logGroup = { kmsKeyArn: "arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab" }), "workloads[0].logGroup.kmsKeyArn", /AIL047 .*account 999999999999/),
  bad("a tag key under aws:", (c) => (c.tags = { "aws:owner": "ml" }), 'tags["aws:owner"]', /AIL048/),
  bad("a tag value that reads a file (template injection)", (c) => (c.workloads[0].tags = { owner: '${file("/etc/passwd")}' }), "workloads[0].tags.owner", /AIL048/),
  bad("an environment tag that references the key (a cycle)", (c) => (c.environments[0].tags = { environment: "${aws_kms_key.monitoring_key.arn}" }), "environments[0].tags.environment", /AIL048/),
  bad("movedFrom a group that never existed", (c) => { c.workloads[0].group = "chat"; c.workloads[0].movedFrom = "serach"; }, "workloads[0].movedFrom", /AIL049 .*stacks\.retiredGroups/),
  bad("a workload deployed to no environment", (c) => (c.workloads[0].environments = []), "workloads[0].environments", /deployed to no environment/),
  bad("a tag value over 256 characters", (c) => (c.tags = { team: "x".repeat(257) }), "tags.team"),
];
