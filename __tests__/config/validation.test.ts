import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../src/config/errors";
import { loadConfigFile, parseConfigText, validateConfig } from "../../src/config/load";
import type { Config } from "../../src/config/schema";
import { minimalConfig, mutated } from "../support/configs";

function problemsOf(config: unknown): string[] {
  try {
    validateConfig(config, "platform.yaml");
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split("\n");
    throw e;
  }
  return [];
}

describe("config validation", () => {
  it("accepts the minimal config", () => {
    expect(problemsOf(minimalConfig())).toEqual([]);
  });

  // Each row: what is wrong, the mutation, and the exact line the user sees.
  const cases: [string, (c: Config) => void, string][] = [
    ["missing project", (c) => delete (c as Partial<Config>).project, "platform.yaml: project: required string is missing"],
    ["project with capitals", (c) => (c.project = "Acme"), "platform.yaml: project: project name must be 1-40 characters of lowercase letters, digits and '-', starting with a letter (found \"Acme\")"],
    ["unknown top-level key", (c) => ((c as Record<string, unknown>).workload = []), "platform.yaml: workload: unknown key 'workload'; valid keys here: project, metricNamespace, defaults, bootstrap, environments, workloads, tags"],
    ["no environments", (c) => (c.environments = []), "platform.yaml: environments: Too small: expected array to have >=1 items"],
    ["account id as number", (c) => ((c.environments[0] as Record<string, unknown>).accountId = 123456789012), "platform.yaml: environments[0].accountId: expected string, found number 123456789012"],
    ["account id too short", (c) => (c.environments[0].accountId = "12345"), "platform.yaml: environments[0].accountId: must be a 12-digit AWS account id (quote it in YAML) (found \"12345\")"],
    ["bad region", (c) => (c.environments[0].region = "europe"), "platform.yaml: environments[0].region: must be an AWS region such as us-east-1 (found \"europe\")"],
    ["bad state bucket", (c) => (c.environments[0].stateBucket = "My_Bucket"), "platform.yaml: environments[0].stateBucket: must be an S3 bucket name: 3-63 of a-z 0-9 . - (found \"My_Bucket\")"],
    ["typo in environment key", (c) => ((c.environments[0] as Record<string, unknown>).statebucket = "x"), "platform.yaml: environments[0].statebucket: unknown key 'statebucket'; valid keys here: name, accountId, region, stateBucket, notifications, allowDestroy, tags"],
    ["duplicate environment", (c) => c.environments.push(structuredClone(c.environments[0])), "platform.yaml: environments[1].name: duplicate environment name 'dev' (also at environments[0])"],
    ["notification target empty", (c) => (c.environments[0].notifications.critical = {}), "platform.yaml: environments[0].notifications.critical: needs at least one of emails, httpsEndpoints or existingTopicArn"],
    ["topic arn and emails", (c) => (c.environments[0].notifications.critical = { emails: ["a@b.co"], existingTopicArn: "arn:aws:sns:eu-west-1:123456789012:alerts" }), "platform.yaml: environments[0].notifications.critical: give either existingTopicArn or subscriptions (emails / httpsEndpoints), not both"],
    ["http endpoint", (c) => (c.environments[0].notifications.critical = { httpsEndpoints: ["http://hooks.example.com"] }), "platform.yaml: environments[0].notifications.critical.httpsEndpoints[0]: must be an https:// URL (found \"http://hooks.example.com\")"],
    ["bad e-mail", (c) => (c.environments[0].notifications.critical = { emails: ["oncall"] }), "platform.yaml: environments[0].notifications.critical.emails[0]: must be an e-mail address (found \"oncall\")"],
    ["unknown kind", (c) => (c.workloads[0].kind = "llm"), "platform.yaml: workloads[0].kind: found \"llm\"; valid: generic"],
    ["retention 730", (c) => (c.workloads[0].logGroup = { retentionDays: 730 as never }), "platform.yaml: workloads[0].logGroup.retentionDays: found number 730; valid: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"],
    ["log group class", (c) => (c.workloads[0].logGroup = { class: "COLD" as never }), "platform.yaml: workloads[0].logGroup.class: found \"COLD\"; valid: STANDARD, INFREQUENT_ACCESS"],
    ["log group name with space", (c) => (c.workloads[0].logGroup = { name: "/a b" }), "platform.yaml: workloads[0].logGroup.name: must be 1-512 characters of A-Z a-z 0-9 _ - / . # (found \"/a b\")"],
    ["duplicate workload", (c) => c.workloads.push({ name: "chat-api", kind: "generic" }), "platform.yaml: workloads[1].name: duplicate workload name 'chat-api' (also at workloads[0])"],
    ["workload in unknown env", (c) => (c.workloads[0].environments = ["prod"]), "platform.yaml: workloads[0].environments[0]: unknown environment 'prod'; valid: dev"],
    ["unknown signal", (c) => (c.workloads[0].signals = { erors: { threshold: 1 } }), "platform.yaml: workloads[0].signals.erors: unknown signal 'erors' for kind 'generic'; valid: errors"],
    ["typo in signal override", (c) => (c.workloads[0].signals = { errors: { treshold: 1 } as never }), "platform.yaml: workloads[0].signals.errors.treshold: unknown key 'treshold'; valid keys here: statistic, comparison, threshold, period, evaluationPeriods, datapointsToAlarm, treatMissingData, severity, unit, dimensions, enabled, alarmEnabled"],
    ["threshold as string", (c) => (c.workloads[0].signals = { errors: { threshold: "ten" as never } }), "platform.yaml: workloads[0].signals.errors.threshold: expected number, found \"ten\""],
    ["bad comparison", (c) => (c.workloads[0].signals = { errors: { comparison: ">" as never } }), "platform.yaml: workloads[0].signals.errors.comparison: found \">\"; valid: GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold"],
    ["custom metric name with colon", (c) => (c.workloads[0].customSignals = [{ name: "x", pattern: "X", metric: { name: "a:b" } }]), "platform.yaml: workloads[0].customSignals[0].metric.name: must be 1-255 characters without ':', '*' or '$' (found \"a:b\")"],
  ];

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
});
