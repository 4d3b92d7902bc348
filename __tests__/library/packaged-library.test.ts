import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * SLOW (a minute or two: npm pack, npm install of the tarball and its dependencies, tsc). The package as
 * a consumer gets it: `npm pack` of this repository, installed alone into a new cdktf TypeScript app in a
 * temporary directory outside the repository (its dependencies and peers from the npm registry, through
 * the local npm cache when it has them), type-checked by the app's own TypeScript against the published
 * .d.ts, and run on plain node: monitoring described in code (AiMonitoringStack), the config-driven app
 * on a YAML file, and the `ai-logs` command.
 */

const ROOT = join(__dirname, "..", "..");
const SLOW = 600_000;
const packDir = mkdtempSync(join(tmpdir(), "ai-logs-pack-"));
const app = mkdtempSync(join(tmpdir(), "ai-logs-consumer-"));
afterAll(() => {
  rmSync(packDir, { recursive: true, force: true });
  rmSync(app, { recursive: true, force: true });
});

/** npm's settings that reach the registry; the rest of npm_* (set when tests run under `npm test`) describe this repository. */
const NPM_SETTINGS = ["npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig", "npm_config_cafile", "npm_config_registry", "npm_config_proxy", "npm_config_https_proxy", "npm_config_noproxy"];
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_") || NPM_SETTINGS.includes(k.toLowerCase())));

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: { ...env, CDKTF_OUTDIR: "" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function succeed(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

type Block = Record<string, unknown>;
type TerraformJson = { resource: Record<string, Record<string, Block>> };
const stackFile = (outdir: string, stack: string) => join(app, outdir, "stacks", stack, "cdk.tf.json");

const ENVIRONMENT = {
  name: "prod",
  accountId: "222222222222",
  region: "us-east-1",
  stateBucket: "acme-ai-tfstate-prod",
  notifications: { critical: { emails: ["oncall@example.com"] } },
};

/** The consumer's code, as its author would write it. */
const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "acme-monitoring", version: "1.0.0", private: true }),
  "tsconfig.json": JSON.stringify({
    // skipLibCheck off, so the published declarations are checked too (zod's need esModuleInterop).
    compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node", strict: true, esModuleInterop: true, rootDir: ".", outDir: "dist", types: ["node"], skipLibCheck: false },
    include: ["*.ts"],
  }),
  // (a) Monitoring in code, no YAML.
  "monitoring.ts": `import { App } from "cdktf";
import { AiMonitoringStack } from "ai-logs-cloudwatch";

const app = new App({ outdir: process.argv[2] });
new AiMonitoringStack(app, "monitoring-prod", {
  project: "acme-ai",
  environment: ${JSON.stringify(ENVIRONMENT)},
  workloads: [{ name: "chat-vllm", kind: "llm-inference", logGroup: { retentionDays: 90 } }],
});
app.synth();
`,
  // (b) The config-driven app on a YAML file; invalid config is a message, not a stack trace.
  "from-config.ts": `import { ConfigError, synthesize } from "ai-logs-cloudwatch";

try {
  const { stacks } = synthesize({ configFile: process.argv[2], outdir: process.argv[3] });
  console.log(stacks.join(" "));
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
`,
  // The published types are real: each of these must be a type error (an unused @ts-expect-error is one).
  "typed-props.ts": `import type { AiMonitoringWorkload } from "ai-logs-cloudwatch";

// @ts-expect-error 730 is not a retention CloudWatch Logs accepts
export const retention: AiMonitoringWorkload = { name: "a", kind: "generic", logGroup: { retentionDays: 730 } };
// @ts-expect-error no such field
export const typo: AiMonitoringWorkload = { name: "b", kind: "generic", retention: 30 };
`,
  "platform.yaml": `project: acme-ai
environments:
  - name: prod
    accountId: "222222222222"
    region: us-east-1
    stateBucket: acme-ai-tfstate-prod
    notifications: { critical: { emails: [oncall@example.com] } }
workloads:
  - name: chat-vllm
    kind: llm-inference
    logGroup: { retentionDays: 90 }
`,
  "bad.yaml": `project: acme-ai
environments: [{ name: prod, accountId: "222222222222", region: us-east-1, stateBucket: acme-ai-tfstate-prod, notifications: { critical: { emails: [oncall@example.com] } } }]
workloads: [{ name: chat-vllm, kind: llm-inferense }]
`,
};

describe("the packaged library, installed from its tarball into a cdktf app outside the repository (slow)", () => {
  let tarball = "";

  beforeAll(() => {
    succeed("npm", ["pack", "--pack-destination", packDir, "--silent"], ROOT); // prepack builds dist/ when stale
    [tarball] = readdirSync(packDir).filter((f) => f.endsWith(".tgz")).map((f) => join(packDir, f));
    for (const [file, text] of Object.entries(FILES)) writeFileSync(join(app, file), text);
    // The tarball alone; its dependencies and peer dependencies come with it. TypeScript and Node's
    // types are the app's own toolchain, as `cdktf init` sets them up.
    succeed("npm", ["install", "--prefix", app, "--no-audit", "--no-fund", "--prefer-offline", tarball, "typescript@5.9.3", "@types/node@20.19.43"], app);
    succeed(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", app], app);
  }, SLOW);

  it("holds the compiled library, its declarations, the command and the config schema, and nothing else", () => {
    const entries = succeed("tar", ["-tzf", tarball], packDir).trim().split("\n");
    expect(entries).toEqual(expect.arrayContaining(["package/package.json", "package/README.md", "package/bin/ai-logs.js", "package/config/schema.json", "package/dist/src/index.js", "package/dist/src/index.d.ts"]));
    const unexpected = entries.filter((e) => !/^package\/(package\.json|README\.md|bin\/ai-logs\.js|config\/schema\.json|dist\/src\/.+\.(js|d\.ts))$/.test(e));
    expect(unexpected).toEqual([]);
  });

  it("brings cdktf, constructs and the AWS provider as peer dependencies, and no tsx", () => {
    for (const peer of ["cdktf", "constructs", "@cdktf/provider-aws"]) expect(existsSync(join(app, "node_modules", peer, "package.json"))).toBe(true);
    expect(existsSync(join(app, "node_modules", "tsx"))).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(join(app, "package.json"), "utf8")).dependencies).sort()).toEqual(["@types/node", "ai-logs-cloudwatch", "typescript"]);
  });

  it("adds monitoring for a workload in code: its log group, metric filters and the alarms on what they publish", () => {
    succeed(process.execPath, ["dist/monitoring.js", "code.out"], app);
    const stack = JSON.parse(readFileSync(stackFile("code.out", "monitoring-prod"), "utf8")) as TerraformJson;
    expect(stack.resource.aws_cloudwatch_log_group.chat_vllm).toMatchObject({ name: "/acme-ai/prod/chat-vllm", retention_in_days: 90 });
    const filters = Object.values(stack.resource.aws_cloudwatch_log_metric_filter);
    expect(filters.length).toBeGreaterThan(2);
    for (const filter of filters) {
      expect(filter.log_group_name).toBe("${aws_cloudwatch_log_group.chat_vllm.name}");
      expect(filter.name).toMatch(/^acme-ai-prod-chat-vllm-/);
    }
    const published = new Set(filters.map((f) => f.metric_transformation as { namespace: string; name: string }).map((m) => `${m.namespace} ${m.name}`));
    const alarms = Object.values(stack.resource.aws_cloudwatch_metric_alarm).filter((a) => a.namespace === "AI_Monitoring/chat-vllm");
    expect(alarms.length).toBeGreaterThan(2);
    for (const alarm of alarms) {
      expect(alarm.alarm_name).toMatch(/^acme-ai-prod-chat-vllm-/);
      expect(published).toContain(`${alarm.namespace} ${alarm.metric_name}`);
    }
  });

  it("runs the config-driven app on a YAML file: the same stack, and its state bucket's", () => {
    expect(succeed(process.execPath, ["dist/from-config.js", "platform.yaml", "config.out"], app).trim()).toBe("state-acme-ai-tfstate-prod monitoring-prod");
    if (!existsSync(stackFile("code.out", "monitoring-prod"))) succeed(process.execPath, ["dist/monitoring.js", "code.out"], app);
    expect(readFileSync(stackFile("config.out", "monitoring-prod"), "utf8")).toBe(readFileSync(stackFile("code.out", "monitoring-prod"), "utf8"));
  });

  it("reports an invalid config by file and field, and writes nothing", () => {
    const result = run(process.execPath, ["dist/from-config.js", "bad.yaml", "bad.out"], app);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^bad\.yaml: workloads\[0\]\.kind: found "llm-inferense"; valid: .*llm-inference/);
    expect(existsSync(join(app, "bad.out"))).toBe(false);
  });

  it("runs the ai-logs command on plain node", () => {
    const out = succeed(process.execPath, [join(app, "node_modules", ".bin", "ai-logs"), "test-metric-filter", "--filter-pattern", "ERROR", "--log-event-messages", "[ERROR] boom", "ok"], app);
    expect(JSON.parse(out)).toEqual({ matches: [{ eventNumber: 1, eventMessage: "[ERROR] boom", extractedValues: {} }] });
  });
});
