import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { minimalConfig, mutated } from "../support/configs";

const root = join(__dirname, "..", "..");

/** Runs the real app entry point as `npm run synth:dev -- ARGS` does (`npm run synth` runs it compiled: compiled-synth.test.ts); `env` replaces AI_LOGS_CONFIG / CDKTF_OUTDIR. */
function runMain(args: string[], env: Record<string, string | undefined>) {
  const base = { ...process.env };
  delete base.AI_LOGS_CONFIG;
  delete base.CDKTF_OUTDIR;
  for (const [k, v] of Object.entries(env)) if (v !== undefined) base[k] = v;
  return spawnSync(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "main.ts"), ...args], { cwd: root, env: base, encoding: "utf8" });
}

function runSynth(configFile: string, outdir: string) {
  return runMain([], { AI_LOGS_CONFIG: configFile, CDKTF_OUTDIR: outdir });
}

function withoutConfigEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.AI_LOGS_CONFIG;
  return env;
}

function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(d, entry.name), "utf8");
    }
  };
  walk(dir, "");
  return files;
}

describe("main.ts (the synth entry point)", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-main-"));

  it("writes a manifest and stacks for a valid config", () => {
    const config = join(work, "ok.yaml");
    writeFileSync(config, stringify(minimalConfig()));
    const outdir = join(work, "out-ok");
    const run = runSynth(config, outdir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["monitoring-dev", "state-acme-tfstate-dev"]);
  }, 60_000);

  it("prints only the problems, exits non-zero and leaves the previous output untouched", () => {
    const outdir = join(work, "out-bad");
    mkdirSync(join(outdir, "stacks", "previous"), { recursive: true });
    writeFileSync(join(outdir, "manifest.json"), '{"previous":true}');
    const before = snapshotDir(outdir);
    const config = join(work, "bad.yaml");
    writeFileSync(config, stringify(mutated((c) => (c.workloads[0].signals = { errors: { period: 90 } }))));

    const run = runSynth(config, outdir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toBe(
      `ai-logs: synth failed, nothing was written:\n${config}: workloads[0].signals.errors.period: AIL011 environment 'dev', workload 'chat-api', signal 'errors': alarm period 90 s is invalid; use 10, 20, 30 or a multiple of 60\n`,
    );
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    expect(snapshotDir(outdir)).toEqual(before);
    expect(readdirSync(work).filter((f) => f.includes("staging"))).toEqual([]);
  }, 60_000);

  it("gives the same cdktf.out through the cdktf CLI (`npx cdktf synth`) as `npm run synth`", () => {
    const viaCli = join(work, "via-cli");
    const cli = spawnSync(process.execPath, [join(root, "node_modules/cdktf-cli/bundle/bin/cdktf"), "synth", "--output", viaCli], {
      cwd: root,
      env: { ...withoutConfigEnv(), CHECKPOINT_DISABLE: "1", CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1" },
      encoding: "utf8",
    });
    expect(cli.status).toBe(0);
    const viaApp = join(work, "via-app");
    expect(runSynth(join(root, "config", "example.yaml"), viaApp).status).toBe(0);
    expect(snapshotDir(viaCli)).toEqual(snapshotDir(viaApp));
  }, 120_000);

  describe("its command line: --config FILE and --help, nothing else", () => {
    const previous = () => {
      const outdir = join(work, `out-${Math.random().toString(36).slice(2)}`);
      mkdirSync(join(outdir, "stacks", "previous"), { recursive: true });
      writeFileSync(join(outdir, "manifest.json"), '{"previous":true}');
      return { outdir, before: snapshotDir(outdir) };
    };

    it("--config FILE synthesizes that file (and wins over AI_LOGS_CONFIG)", () => {
      const config = join(work, "flag.yaml");
      writeFileSync(config, stringify(minimalConfig()));
      const outdir = join(work, "out-flag");
      const run = runMain(["--config", config], { CDKTF_OUTDIR: outdir, AI_LOGS_CONFIG: join(root, "config", "example.yaml") });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["monitoring-dev", "state-acme-tfstate-dev"]);
    }, 60_000);

    it.each([
      [["--help"], 0, /^Usage: npm run synth -- \[options\]/, ""],
      [["--bogus"], 1, /^$/, "ai-logs: synth: unknown option '--bogus'\n"],
      [["x.yaml"], 1, /^$/, "ai-logs: synth: unexpected argument 'x.yaml'; to synthesize a config file, use --config x.yaml\n"],
      [["--config"], 1, /^$/, "ai-logs: synth: option '--config <file>' argument missing\n"],
    ])("%j exits %i and writes nothing", (args, status, stdout, stderr) => {
      const { outdir, before } = previous();
      const run = runMain(args, { CDKTF_OUTDIR: outdir });
      expect(run.status).toBe(status);
      expect(run.stdout).toMatch(stdout);
      expect(run.stderr).toBe(stderr);
      expect(snapshotDir(outdir)).toEqual(before);
    }, 60_000);

    it("refuses an AI_LOGS_CONFIG that is set but empty, instead of synthesizing the example", () => {
      const { outdir, before } = previous();
      const run = runMain([], { CDKTF_OUTDIR: outdir, AI_LOGS_CONFIG: "" });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe("ai-logs: synth: AI_LOGS_CONFIG is set but empty; name a config file, or unset it to synthesize config/example.yaml\n");
      expect(snapshotDir(outdir)).toEqual(before);
    }, 60_000);

    it("fails fast on /dev/zero (a size cap, not a hang)", () => {
      const { outdir, before } = previous();
      const run = runMain(["--config", "/dev/zero"], { CDKTF_OUTDIR: outdir });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe("ai-logs: synth failed, nothing was written:\n/dev/zero: the config file is larger than 10 MiB; is this the right file?\n");
      expect(snapshotDir(outdir)).toEqual(before);
    }, 60_000);
  });
});
