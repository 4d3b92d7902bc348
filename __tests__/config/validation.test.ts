import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigFile, parseConfigText } from "../../src/config/load";
import type { Config } from "../../src/config/schema";
import { minimalConfig, mutated, problemsOf } from "../support/configs";
import { MANAGED_DATA_IDENTIFIERS } from "../../src/aws/monitoring-limits";

describe("config validation", () => {
  it("accepts the minimal config", () => {
    expect(problemsOf(minimalConfig())).toEqual([]);
  });

  // Each row: what is wrong, the mutation, and the exact line the user sees.
  const cases: [string, (c: Config) => void, string][] = [
    ["missing project", (c) => delete (c as Partial<Config>).project, "platform.yaml: project: required string is missing"],
    ["project with capitals", (c) => (c.project = "Acme"), "platform.yaml: project: project name must be 1-40 characters of lowercase letters, digits and '-', starting with a letter (found \"Acme\")"],
    ["unknown top-level key", (c) => ((c as Record<string, unknown>).workload = []), "platform.yaml: workload: unknown key 'workload'; valid keys here: project, metricNamespace, defaults, bootstrap, environments, workloads, tags, archive, stacks"],
    ["no environments", (c) => (c.environments = []), "platform.yaml: environments: Too small: expected array to have >=1 items"],
    ["account id as number", (c) => ((c.environments[0] as Record<string, unknown>).accountId = 123456789012), "platform.yaml: environments[0].accountId: expected string, found number 123456789012"],
    ["account id too short", (c) => (c.environments[0].accountId = "12345"), "platform.yaml: environments[0].accountId: must be a 12-digit AWS account id (quote it in YAML) (found \"12345\")"],
    ["bad region", (c) => (c.environments[0].region = "europe"), "platform.yaml: environments[0].region: must be an AWS region such as us-east-1 (found \"europe\")"],
    ["bad state bucket", (c) => (c.environments[0].stateBucket = "My_Bucket"), "platform.yaml: environments[0].stateBucket: must be an S3 bucket name: 3-63 of a-z 0-9 . - (found \"My_Bucket\")"],
    ["typo in environment key", (c) => ((c.environments[0] as Record<string, unknown>).statebucket = "x"), "platform.yaml: environments[0].statebucket: unknown key 'statebucket'; valid keys here: name, accountId, region, stateBucket, notifications, allowDestroy, tags, archive"],
    ["duplicate environment", (c) => c.environments.push(structuredClone(c.environments[0])), "platform.yaml: environments[1].name: duplicate environment name 'dev' (also at environments[0])"],
    ["notification target empty", (c) => (c.environments[0].notifications.critical = {}), "platform.yaml: environments[0].notifications.critical: needs at least one of emails, httpsEndpoints or existingTopicArn"],
    ["topic arn and emails", (c) => (c.environments[0].notifications.critical = { emails: ["a@b.co"], existingTopicArn: "arn:aws:sns:eu-west-1:123456789012:alerts" }), "platform.yaml: environments[0].notifications.critical: give either existingTopicArn or subscriptions (emails / httpsEndpoints), not both"],
    ["http endpoint", (c) => (c.environments[0].notifications.critical = { httpsEndpoints: ["http://hooks.example.com"] }), "platform.yaml: environments[0].notifications.critical.httpsEndpoints[0]: must be an https:// URL (found \"http://hooks.example.com\")"],
    ["bad e-mail", (c) => (c.environments[0].notifications.critical = { emails: ["oncall"] }), "platform.yaml: environments[0].notifications.critical.emails[0]: must be an e-mail address (found \"oncall\")"],
    ["unknown kind", (c) => (c.workloads[0].kind = "llm"), "platform.yaml: workloads[0].kind: found \"llm\"; valid: generic, llm-inference, llm-app, bedrock, sagemaker-endpoint, training-job, gpu-host"],
    ["retention 730", (c) => (c.workloads[0].logGroup = { retentionDays: 730 as never }), "platform.yaml: workloads[0].logGroup.retentionDays: found number 730; valid: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"],
    ["log group class", (c) => (c.workloads[0].logGroup = { class: "COLD" as never }), "platform.yaml: workloads[0].logGroup.class: found \"COLD\"; valid: STANDARD, INFREQUENT_ACCESS"],
    ["log group name with space", (c) => (c.workloads[0].logGroup = { name: "/a b" }), "platform.yaml: workloads[0].logGroup.name: must be 1-512 characters of A-Z a-z 0-9 _ - / . # (found \"/a b\")"],
    ["duplicate workload", (c) => c.workloads.push({ name: "chat-api", kind: "generic" }), "platform.yaml: workloads[1].name: duplicate workload name 'chat-api' (also at workloads[0])"],
    ["workload in unknown env", (c) => (c.workloads[0].environments = ["prod"]), "platform.yaml: workloads[0].environments[0]: unknown environment 'prod'; valid: dev"],
    ["unknown signal", (c) => (c.workloads[0].signals = { erors: { threshold: 1 } }), "platform.yaml: workloads[0].signals.erors: unknown signal 'erors' for kind 'generic'; valid: errors, heartbeat"],
    ["typo in signal override", (c) => (c.workloads[0].signals = { errors: { treshold: 1 } as never }), "platform.yaml: workloads[0].signals.errors.treshold: unknown key 'treshold'; valid keys here: statistic, comparison, threshold, period, evaluationPeriods, datapointsToAlarm, treatMissingData, severity, unit, dimensions, bandWidth, enabled, alarmEnabled"],
    ["bad statistic", (c) => (c.workloads[0].signals = { errors: { statistic: "avg" as never } }), "platform.yaml: workloads[0].signals.errors.statistic: must be one of SampleCount, Average, Sum, Minimum, Maximum, or a percentile p0-p100 such as p90 or p99.9 (found \"avg\")"],
    ["percentile over 100", (c) => (c.workloads[0].signals = { errors: { statistic: "p101" } }), "platform.yaml: workloads[0].signals.errors.statistic: must be one of SampleCount, Average, Sum, Minimum, Maximum, or a percentile p0-p100 such as p90 or p99.9 (found \"p101\")"],
    ["threshold as string", (c) => (c.workloads[0].signals = { errors: { threshold: "ten" as never } }), "platform.yaml: workloads[0].signals.errors.threshold: expected number, found \"ten\""],
    ["bad comparison", (c) => (c.workloads[0].signals = { errors: { comparison: ">" as never } }), "platform.yaml: workloads[0].signals.errors.comparison: found \">\"; valid: GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold, LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, GreaterThanUpperThreshold"],
    ["custom metric name with colon", (c) => (c.workloads[0].customSignals = [{ name: "x", pattern: "X", metric: { name: "a:b" } }]), "platform.yaml: workloads[0].customSignals[0].metric.name: must be 1-255 characters without ':', '*' or '$' (found \"a:b\")"],
  ];

  // AI workload kinds: their settings sections, field names, formats, alarms and protections.
  const kind = (c: Config, k: string, extra: Partial<Config["workloads"][number]> = {}) => (c.workloads[0] = { name: "chat-api", kind: k, ...extra });
  const owner = (envs: string[]) => ({ invocationLogging: { ownerEnvironments: envs } });
  const secondEnv = (c: Config) => c.environments.push({ ...structuredClone(c.environments[0]), name: "prod", stateBucket: "acme-tfstate-prod" });
  cases.push(
    ["bedrock section on another kind", (c) => (c.workloads[0].bedrock = owner([])), "platform.yaml: workloads[0].bedrock: 'bedrock' applies only to workloads of kind bedrock"],
    ["bedrock kind without its section", (c) => kind(c, "bedrock"), "platform.yaml: workloads[0].bedrock: workloads of kind bedrock need a 'bedrock' section"],
    ["sagemaker log group renamed", (c) => kind(c, "sagemaker-endpoint", { sagemaker: { endpointName: "reranker" }, logGroup: { name: "/x" } }), "platform.yaml: workloads[0].logGroup.name: kind sagemaker-endpoint writes to /aws/sagemaker/Endpoints/{endpointName}, a name the service chooses; remove logGroup.name"],
    ["bad endpoint name", (c) => kind(c, "sagemaker-endpoint", { sagemaker: { endpointName: "re_ranker" } }), "platform.yaml: workloads[0].sagemaker.endpointName: must be a SageMaker endpoint name: 1-63 letters, digits and '-', starting and ending alphanumeric (found \"re_ranker\")"],
    ["unknown log format", (c) => kind(c, "llm-inference", { logFormats: ["lmdeploy"] }), "platform.yaml: workloads[0].logFormats[0]: unknown log format 'lmdeploy' for kind 'llm-inference'; valid: vllm, tgi, sglang, triton, ollama, llama-cpp, ray-serve, vllm-requests"],
    ["log formats on a one-format kind", (c) => (c.workloads[0].logFormats = ["text"]), "platform.yaml: workloads[0].logFormats[0]: kind 'generic' has a single log format; remove logFormats"],
    ["unknown field name", (c) => kind(c, "llm-app", { fields: { tokens: "usage.tokens" } }), "platform.yaml: workloads[0].fields.tokens: unknown field 'tokens' for kind 'llm-app'; valid: model, operation, inputTokens, outputTokens, duration, finishReasons, errorType"],
    ["fields on a kind without them", (c) => (c.workloads[0].fields = { model: "model" }), "platform.yaml: workloads[0].fields.model: kind 'generic' has no renamable fields; remove fields"],
    ["field name with a quote", (c) => kind(c, "llm-app", { fields: { model: "model'name" } }), "platform.yaml: workloads[0].fields.model: must be a JSON key as logged (dots allowed) or a $. path of names and ['dotted.key'] steps (found \"model'name\")"],
    ["dimensions on a ratio alarm", (c) => kind(c, "llm-app", { signals: { "error-rate": { dimensions: { Model: "gpt-4o" } } } }), "platform.yaml: workloads[0].signals.error-rate.dimensions: 'error-rate' is an alarm without a filter of its own (its metric and statistic are fixed); 'dimensions' does not apply, use 'enabled: false' to drop it"],
    ["unknown alarm of a kind", (c) => kind(c, "bedrock", { bedrock: owner([]), signals: { throttling: {} } }), "platform.yaml: workloads[0].signals.throttling: unknown signal 'throttling' for kind 'bedrock'; valid: invocations, invocation-errors, input-tokens, output-tokens, cache-read-tokens, cache-write-tokens, latency, guardrail-interventions, error-rate, heartbeat, log-delivery-failures, throttles, server-errors, invocation-latency"],
    ["custom signal named like a preset", (c) => (c.workloads[0].customSignals = [{ name: "errors", pattern: "ERROR", metric: { name: "E" } }]), "platform.yaml: workloads[0].customSignals[0].name: custom signal name 'errors' is taken by the kind's presets; choose another name"],
    ["custom signal named like a breakdown", (c) => kind(c, "llm-app", { customSignals: [{ name: "latency-by-model", pattern: "X", metric: { name: "X" } }] }), "platform.yaml: workloads[0].customSignals[0].name: custom signal name 'latency-by-model' is taken by the kind's presets; choose another name"],
    ["custom signal named health", (c) => (c.workloads[0].customSignals = [{ name: "health", pattern: "X", metric: { name: "X" } }]), "platform.yaml: workloads[0].customSignals[0].name: custom signal name 'health' is taken by the kind's health alarm; choose another name"],
    ["reserved workload name", (c) => (c.workloads[0].name = "data-protection-audit"), "platform.yaml: workloads[0].name: workload name 'data-protection-audit' is reserved (the data protection audit log group uses it)"],
    ["band width of zero", (c) => (c.workloads[0].signals = { errors: { bandWidth: 0 } }), "platform.yaml: workloads[0].signals.errors.bandWidth: band width must be a positive number of standard deviations (found number 0)"],
    ["unknown managed identifier", (c) => (c.workloads[0].dataProtection = { managedIdentifiers: ["Email" as never] }), `platform.yaml: workloads[0].dataProtection.managedIdentifiers[0]: found "Email"; valid: ${MANAGED_DATA_IDENTIFIERS.join(", ")}`],
    ["custom identifier named like a managed one", (c) => (c.workloads[0].dataProtection = { customIdentifiers: [{ name: "EmailAddress", regex: "x" }] }), "platform.yaml: workloads[0].dataProtection.customIdentifiers[0].name: must not be the name of a managed data identifier (found \"EmailAddress\")"],
    ["custom identifier regex with a parenthesis", (c) => (c.workloads[0].dataProtection = { customIdentifiers: [{ name: "EmployeeId", regex: "EMP-(\\d+)" }] }), "platform.yaml: workloads[0].dataProtection.customIdentifiers[0].regex: must be 1-200 characters of letters, digits, spaces, _ # = @ / ; , - and the regex characters ^ $ ? [ ] { } | \\ * + . (found \"EMP-(\\\\d+)\")"],
    ["eleven custom identifiers", (c) => (c.workloads[0].dataProtection = { customIdentifiers: Array.from({ length: 11 }, (_, i) => ({ name: `Id${i}`, regex: `ID${i}-\\d+` })) }), "platform.yaml: workloads[0].dataProtection.customIdentifiers: at most 10 custom data identifiers per policy"],
    ["anomaly visibility of 5 days", (c) => (c.workloads[0].logAnomalyDetection = { enabled: true, anomalyVisibilityDays: 5 }), "platform.yaml: workloads[0].logAnomalyDetection.anomalyVisibilityDays: Too small: expected number to be >=7 (found number 5)"],
    ["Bedrock logging owned by an unknown environment", (c) => kind(c, "bedrock", { bedrock: owner(["qa"]) }), "platform.yaml: workloads[0].bedrock.invocationLogging.ownerEnvironments[0]: unknown environment 'qa'; valid: dev"],
    ["Bedrock logging owned where the workload is not", (c) => { secondEnv(c); kind(c, "bedrock", { environments: ["dev"], bedrock: owner(["prod"]) }); }, "platform.yaml: workloads[0].bedrock.invocationLogging.ownerEnvironments[0]: workload 'chat-api' is not deployed to environment 'prod' (its environments: dev)"],
    ["gpuHost section on another kind", (c) => (c.workloads[0].gpuHost = { clusterName: "p5-train" }), "platform.yaml: workloads[0].gpuHost: 'gpuHost' applies only to workloads of kind gpu-host"],
    ["GPU cluster name with a trailing space", (c) => kind(c, "gpu-host", { gpuHost: { clusterName: "p5-train " } }), "platform.yaml: workloads[0].gpuHost.clusterName: must not start or end with whitespace (found \"p5-train \")"],
    ["unknown gpu-host log format", (c) => kind(c, "gpu-host", { logFormats: ["dcgm-exporter"] }), "platform.yaml: workloads[0].logFormats[0]: unknown log format 'dcgm-exporter' for kind 'gpu-host'; valid: messages, syslog, dmesg, journald, container-insights, fabricmanager, dcgm"],
    ["dimensions on a GPU metric alarm", (c) => kind(c, "gpu-host", { signals: { "gpu-temperature": { dimensions: { host: "ip-10-0-0-1" } } } }), "platform.yaml: workloads[0].signals.gpu-temperature.dimensions: 'gpu-temperature' is an alarm without a filter of its own (its metric and statistic are fixed); 'dimensions' does not apply, use 'enabled: false' to drop it"],
    ["two owners of one account's Bedrock logging", (c) => { kind(c, "bedrock", { bedrock: owner(["dev"]) }); c.workloads.push({ name: "batch", kind: "bedrock", bedrock: owner(["dev"]) }); }, "platform.yaml: workloads[1].bedrock.invocationLogging.ownerEnvironments[0]: account 123456789012 in eu-west-1 already has its Bedrock invocation logging owned by workload 'chat-api' in environment 'dev'; only one configuration exists per account and region"],
  );

  it.each(cases)("rejects %s", (_what, mutate, expected) => {
    expect(problemsOf(mutated(mutate))).toContain(expected);
  });

  it("reports every problem at once, not just the first", () => {
    const problems = problemsOf(mutated((c) => {
      c.project = "Bad";
      c.environments[0].region = "nowhere";
    }));
    expect(problems).toHaveLength(2);
  });
});

describe("config files", () => {
  const dir = mkdtempSync(join(tmpdir(), "ai-logs-config-"));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("reads YAML and JSON", () => {
    const json = write("c.json", JSON.stringify(minimalConfig()));
    expect(loadConfigFile(json).project).toBe("acme");
    const yaml = "project: acme\nenvironments:\n  - name: dev\n    accountId: '123456789012'\n    region: eu-west-1\n    stateBucket: acme-tfstate\n    notifications: { critical: { emails: [a@example.com] } }\nworkloads: []\n";
    expect(parseConfigText(yaml, "c.yaml").environments[0].accountId).toBe("123456789012");
  });

  it("names the file when it cannot be read", () => {
    expect(() => loadConfigFile(join(dir, "missing.yaml"))).toThrow(`${join(dir, "missing.yaml")}: cannot read the config file (ENOENT)`);
  });

  it("rejects malformed YAML with the file name", () => {
    const file = write("bad.yaml", "project: [unclosed\n");
    expect(() => loadConfigFile(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: not valid YAML: `));
  });

  it("rejects duplicate YAML keys (a silent override otherwise)", () => {
    const file = write("dup.yaml", "project: a\nproject: b\n");
    expect(() => loadConfigFile(file)).toThrow(/not valid YAML: Map keys must be unique/);
  });

  it("rejects malformed JSON with the file name", () => {
    const file = write("bad.json", "{");
    expect(() => loadConfigFile(file)).toThrow(/bad\.json: not valid JSON/);
  });

  it("accepts YAML merge keys (<<), which share settings between entries", () => {
    const yaml = [
      "project: acme",
      "environments:",
      "  - &dev { name: dev, accountId: '123456789012', region: eu-west-1, stateBucket: acme-tfstate-dev, notifications: { critical: { emails: [a@example.com] } } }",
      "  - { <<: *dev, name: prod, stateBucket: acme-tfstate-prod }",
      "workloads: []",
    ].join("\n");
    const [dev, prod] = parseConfigText(yaml, "c.yaml").environments;
    expect(prod).toEqual({ ...dev, name: "prod", stateBucket: "acme-tfstate-prod" });
  });

  it("reads at most 10 MiB, so a wrong path such as /dev/zero fails fast instead of hanging", () => {
    expect(() => loadConfigFile("/dev/zero")).toThrow("/dev/zero: the config file is larger than 10 MiB; is this the right file?");
    const big = write("big.yaml", `project: acme\n# ${"x".repeat(10 * 1024 * 1024)}\n`);
    expect(() => loadConfigFile(big)).toThrow(/larger than 10 MiB/);
  });
});
