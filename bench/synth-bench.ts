import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { stringify } from "yaml";
import { generateConfig } from "./generate-config";
import { PLAIN_CDKTF_APP, terraformOf, writePlainInput } from "./plain-cdktf";
import { resourcesPerStack } from "./resource-count";

/**
 * Whole-process synth, start-up included, against its floor: a plain cdktf program that emits the same
 * Terraform JSON (bench/plain-cdktf-app.js; checked equal before anything is timed). Ours runs as
 * `npm run synth` does now (`node scripts/synth.js`: the compiled app, dist/ fresh) and as it ran before
 * (`tsx main.ts`). The three run interleaved, so load on this shared machine hits them alike; medians.
 */

const ROOT = join(__dirname, "..");
const USAGE_PRELOAD = join(__dirname, "process-usage.js");
const { buildIfStale } = require("../scripts/build.js") as { buildIfStale(): boolean };

const VARIANTS = ["plain", "plainLean", "compiled", "tsx"] as const;
type Variant = (typeof VARIANTS)[number];

interface Measure {
  wallMs: number;
  /** CPU time of every process of the run (tsx starts two). */
  cpuMs: number;
  /** Peak resident memory of its largest process. */
  maxRssMb: number;
}

export interface SynthBenchRow {
  /** `example` (config/example.yaml) or a generated config's workload count. */
  config: string;
  resources: number;
  plain: Measure;
  /** The plain program with what our app turns off turned off too (--lean). */
  plainLean: Measure;
  compiled: Measure;
  tsx: Measure;
}

function argsOf(variant: Variant, configFile: string, plainInput: string, outdir: string): string[] {
  if (variant === "plain") return [PLAIN_CDKTF_APP, plainInput, outdir];
  if (variant === "plainLean") return [PLAIN_CDKTF_APP, plainInput, outdir, "--lean"];
  if (variant === "compiled") return [join(ROOT, "scripts", "synth.js"), "--config", configFile];
  return [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "main.ts"), "--config", configFile];
}

function runOnce(args: string[], outdir: string, usageFile: string): Measure {
  rmSync(usageFile, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, AI_LOGS_BENCH_USAGE: usageFile, NODE_OPTIONS: `--require ${USAGE_PRELOAD}` };
  delete env.AI_LOGS_CONFIG;
  delete env.AI_LOGS_DEBUG; // it keeps cdktf's token creation stacks
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`synth failed (${args.join(" ")}):\n${child.stderr}`);
  const processes = readFileSync(usageFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { cpuMs: number; maxRssMb: number });
  return { wallMs, cpuMs: processes.reduce((sum, p) => sum + p.cpuMs, 0), maxRssMb: Math.max(...processes.map((p) => p.maxRssMb)) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medianOf = (ms: Measure[]): Measure => ({ wallMs: median(ms.map((m) => m.wallMs)), cpuMs: median(ms.map((m) => m.cpuMs)), maxRssMb: median(ms.map((m) => m.maxRssMb)) });
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The example and generated configs of `sizes` workloads, each median of `runs` interleaved runs. */
export function runSynthBench(sizes = [1, 10, 100, 1000], runs = 5): { rows: SynthBenchRow[]; markdown: string } {
  buildIfStale(); // the compiled app must be current; building is not what is measured
  const work = mkdtempSync(join(tmpdir(), "ai-logs-bench-"));
  const usageFile = join(work, "usage.jsonl");
  const rows: SynthBenchRow[] = [];
  try {
    const inputs = [{ config: "example", file: join(ROOT, "config", "example.yaml") }];
    for (const workloads of sizes) {
      const file = join(work, `config-${workloads}.yaml`);
      writeFileSync(file, stringify(generateConfig(workloads)));
      inputs.push({ config: String(workloads), file });
    }
    for (const { config, file } of inputs) {
      const outdir = (variant: Variant) => join(work, `${config}-${variant}.out`);
      const plainInput = join(work, `${config}-plain-input.json`);
      // One untimed run each (file cache, and the plain program's input from our output), then the check.
      runOnce(argsOf("compiled", file, plainInput, outdir("compiled")), outdir("compiled"), usageFile);
      writePlainInput(outdir("compiled"), plainInput);
      for (const variant of ["plain", "plainLean", "tsx"] as const) runOnce(argsOf(variant, file, plainInput, outdir(variant)), outdir(variant), usageFile);
      for (const variant of ["plain", "plainLean", "tsx"] as const) {
        if (!isDeepStrictEqual(terraformOf(outdir(variant)), terraformOf(outdir("compiled")))) throw new Error(`${variant}: its Terraform JSON for config ${config} differs from the compiled app's`);
      }
      const samples: Record<Variant, Measure[]> = { plain: [], plainLean: [], compiled: [], tsx: [] };
      for (let i = 0; i < runs; i++) {
        for (const variant of VARIANTS) samples[variant].push(runOnce(argsOf(variant, file, plainInput, outdir(variant)), outdir(variant), usageFile));
      }
      rows.push({
        config,
        resources: total(resourcesPerStack(outdir("compiled"))),
        plain: medianOf(samples.plain),
        plainLean: medianOf(samples.plainLean),
        compiled: medianOf(samples.compiled),
        tsx: medianOf(samples.tsx),
      });
    }
  } finally {
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
  return { rows, markdown: synthTable(rows, runs) };
}

function synthTable(rows: readonly SynthBenchRow[], runs: number): string {
  const ms = (m: Measure) => m.wallMs.toFixed(0);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  return [
    `Synth: whole process, median of ${runs} interleaved runs each. Plain cdktf: bench/plain-cdktf-app.js emitting the same Terraform JSON, as cdktf comes and (lean) with what our app turns off turned off; compiled: \`node scripts/synth.js\` (\`npm run synth\`, cdktf.json, CI); tsx: \`tsx main.ts\` (\`npm run synth:dev\`). Ratios are to plain cdktf; CPU counts every process of a run; memory is peak RSS.`,
    "",
    "| config | resources | plain cdktf ms | lean ms | compiled ms | ratio | ratio to lean | tsx ms | ratio | CPU ratio compiled / tsx | peak MB plain / compiled |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.config} | ${r.resources} | ${ms(r.plain)} | ${ms(r.plainLean)} | ${ms(r.compiled)} | ${ratio(r.compiled.wallMs, r.plain.wallMs)} | ${ratio(r.compiled.wallMs, r.plainLean.wallMs)} | ${ms(r.tsx)} | ${ratio(r.tsx.wallMs, r.plain.wallMs)} | ${ratio(r.compiled.cpuMs, r.plain.cpuMs)} / ${ratio(r.tsx.cpuMs, r.plain.cpuMs)} | ${r.plain.maxRssMb.toFixed(0)} / ${r.compiled.maxRssMb.toFixed(0)} |`,
    ),
  ].join("\n");
}
