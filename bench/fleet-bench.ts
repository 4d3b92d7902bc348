// Fleet scale: 1000 workloads split into stack groups, delivering to the central archive. Measures
// the synth (wall time and peak memory, in a child process of its own), the resources of every stack,
// and the offline `terraform init / validate / plan` of the largest stack.
// Run alone: tsx bench/fleet-bench.ts   (BENCH_FLEET_WORKLOADS, BENCH_FLEET_GROUPS override the size;
// BENCH_FLEET_MAX_RESOURCES raises stacks.maxResources, e.g. to measure one monolithic stack)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { DEFAULT_MAX_RESOURCES_PER_STACK } from "../src/config/archive-schema";
import type { Config } from "../src/config/schema";
import { offlineStackJson, offlineTerraformEnv, terraform, terraformAvailability } from "../src/terraform/offline-plan";
import { generateConfig } from "./generate-config";
import { resourcesPerStack } from "./resource-count";

const TSX = join(__dirname, "..", "node_modules", "tsx", "dist", "cli.mjs");

/** The synth bench's workload mix, with every workload in one of `groups` teams and an archive (same account, plus one source account). */
export function fleetConfig(workloads: number, groups: number): Config {
  const base = generateConfig(workloads);
  return {
    ...base,
    workloads: base.workloads.map((w, i) => ({ ...w, group: `team-${String(i % groups).padStart(2, "0")}` })),
    archive: { environment: "prod", bucketName: "bench-log-archive", sources: { accounts: ["111111111111"] } },
    stacks: { maxResources: Number(process.env.BENCH_FLEET_MAX_RESOURCES ?? DEFAULT_MAX_RESOURCES_PER_STACK) },
  };
}

interface ChildResult {
  synthMs: number;
  maxRssMb: number;
  resourcesPerStack: Record<string, number>;
}

/** One measured synth in this process (the child): prints a JSON line. */
async function child(workdir: string, workloads: number, groups: number): Promise<void> {
  const configFile = join(workdir, "fleet.yaml");
  writeFileSync(configFile, stringify(fleetConfig(workloads, groups)));
  const outdir = join(workdir, "cdktf.out");
  const { synthesize } = await import("../src/synth");
  const start = process.hrtime.bigint();
  synthesize({ configFile, outdir });
  const synthMs = Number(process.hrtime.bigint() - start) / 1e6;
  const result: ChildResult = { synthMs, maxRssMb: process.resourceUsage().maxRSS / 1024, resourcesPerStack: resourcesPerStack(outdir) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function timed<T>(f: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = f();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

/** init, validate and plan of one synthesized stack, offline; milliseconds of each. */
function planTimes(stackFile: string, dir: string): { initMs: number; validateMs: number; planMs: number; planned: number } {
  const work = join(dir, "stack");
  mkdirSync(work, { recursive: true });
  const env = offlineTerraformEnv(dir);
  writeFileSync(join(work, "cdk.tf.json"), JSON.stringify(offlineStackJson(JSON.parse(readFileSync(stackFile, "utf8")))));
  const [, initMs] = timed(() => terraform(work, ["init", "-input=false", "-no-color"], env));
  const [, validateMs] = timed(() => terraform(work, ["validate", "-no-color"], env));
  const [, planMs] = timed(() => terraform(work, ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"], env));
  const show = JSON.parse(terraform(work, ["show", "-json", "tfplan"], env)) as { resource_changes?: unknown[] };
  return { initMs, validateMs, planMs, planned: show.resource_changes?.length ?? 0 };
}

/** Stacks grouped by resource count, largest first. */
function byCount(counts: [string, number][]): [number, string[]][] {
  const groups = new Map<number, string[]>();
  for (const [name, n] of counts) groups.set(n, [...(groups.get(n) ?? []), name]);
  return [...groups.entries()].sort(([a], [b]) => b - a);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The fleet benchmark as Markdown. */
export async function runFleetBench(workloads = Number(process.env.BENCH_FLEET_WORKLOADS ?? 1000), groups = Number(process.env.BENCH_FLEET_GROUPS ?? 20)): Promise<string> {
  const workdir = mkdtempSync(join(tmpdir(), "ai-logs-fleet-"));
  try {
    const run = spawnSync(process.execPath, [TSX, __filename, "--child", workdir, String(workloads), String(groups)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`fleet synth failed:\n${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split("\n").pop()!) as ChildResult;
    const counts = Object.entries(r.resourcesPerStack).sort(([, a], [, b]) => b - a);
    const monitoring = counts.filter(([name]) => name.startsWith("monitoring-")).map(([, n]) => n);
    const [largest, largestCount] = counts[0];
    const total = counts.reduce((n, [, c]) => n + c, 0);

    const lines = [
      `Fleet: ${workloads} workloads in ${groups} groups (+ the default group's shared topics), one environment, archive in the same account. Synth in a process of its own.`,
      "",
      "| stacks | resources (all stacks) | synth ms (config to cdktf.out) | peak MB |",
      "|---:|---:|---:|---:|",
      `| ${counts.length} | ${total} | ${r.synthMs.toFixed(0)} | ${r.maxRssMb.toFixed(0)} |`,
      "",
      `Resources per monitoring stack: min ${Math.min(...monitoring)}, median ${median(monitoring)}, max ${Math.max(...monitoring)} (budget ${process.env.BENCH_FLEET_MAX_RESOURCES ?? DEFAULT_MAX_RESOURCES_PER_STACK}, stacks.maxResources).`,
      "",
      "| resources | stacks |",
      "|---:|---|",
      ...byCount(counts).map(([n, names]) => `| ${n} | ${names.length > 3 ? `${names.length} stacks: ${names.slice(0, 2).join(", ")}, ...` : names.join(", ")} |`),
      "",
    ];
    const availability = terraformAvailability();
    if (!availability.available) {
      lines.push(`Terraform plan of the largest stack: skipped (${availability.reason}).`);
    } else {
      const t = planTimes(join(workdir, "cdktf.out", "stacks", largest, "cdk.tf.json"), join(workdir, "plan"));
      lines.push(
        `Offline terraform ${availability.version} on the largest stack, ${largest} (${largestCount} resources, ${t.planned} planned changes):`,
        "",
        "| init ms | validate ms | plan ms |",
        "|---:|---:|---:|",
        `| ${t.initMs.toFixed(0)} | ${t.validateMs.toFixed(0)} | ${t.planMs.toFixed(0)} |`,
      );
    }
    return lines.join("\n");
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [flag, workdir, workloads, groups] = process.argv.slice(2);
  const done = flag === "--child" ? child(workdir, Number(workloads), Number(groups)) : runFleetBench().then((md) => void process.stdout.write(`${md}\n`));
  done.catch((e) => {
    process.stderr.write(`fleet bench failed: ${(e as Error).stack}\n`);
    process.exitCode = 1;
  });
}
