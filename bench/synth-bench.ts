import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface ChildResult {
  ms: number;
  maxRssMb: number;
  resourcesPerStack: Record<string, number>;
}
interface Sample extends ChildResult {
  wallMs: number;
}

const TSX = join(__dirname, "..", "node_modules", "tsx", "dist", "cli.mjs");

function runOnce(mode: "app" | "baseline", workloads: number, workdir: string): Sample {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [TSX, join(__dirname, "synth-child.ts"), mode, String(workloads), workdir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${mode} synth of ${workloads} workloads failed:\n${child.stderr}`);
  return { ...(JSON.parse(child.stdout.trim().split("\n").pop()!) as ChildResult), wallMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

export interface SynthBenchRow {
  workloads: number;
  resources: number;
  baselineResources: number;
  appWallMs: number;
  baselineWallMs: number;
  appRssMb: number;
  baselineRssMb: number;
}

/** Synth wall time (whole process, median of `runs`) and peak RSS, ours vs the hand-written baseline. */
export function runSynthBench(sizes = [1, 10, 100, 1000], runs = 5): { rows: SynthBenchRow[]; markdown: string } {
  const workdir = mkdtempSync(join(tmpdir(), "ai-logs-bench-"));
  const rows: SynthBenchRow[] = [];
  try {
    for (const workloads of sizes) {
      const app: Sample[] = [];
      const base: Sample[] = [];
      // Interleave, so load on this shared machine hits both sides alike.
      for (let i = 0; i < runs; i++) {
        app.push(runOnce("app", workloads, workdir));
        base.push(runOnce("baseline", workloads, workdir));
      }
      rows.push({
        workloads,
        resources: total(app[0].resourcesPerStack),
        baselineResources: total(base[0].resourcesPerStack),
        appWallMs: median(app.map((s) => s.wallMs)),
        baselineWallMs: median(base.map((s) => s.wallMs)),
        appRssMb: median(app.map((s) => s.maxRssMb)),
        baselineRssMb: median(base.map((s) => s.maxRssMb)),
      });
    }
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
  const lines = [
    `Synth: whole-process wall time and peak RSS, median of ${runs} runs each, ours vs the hand-written baseline (bench/baseline-app.ts).`,
    "",
    "| workloads | resources (ours / baseline) | wall ms ours | wall ms baseline | time ratio | peak MB ours | peak MB baseline | memory ratio |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.workloads} | ${r.resources} / ${r.baselineResources} | ${r.appWallMs.toFixed(0)} | ${r.baselineWallMs.toFixed(0)} | ${(r.appWallMs / r.baselineWallMs).toFixed(2)}x | ${r.appRssMb.toFixed(0)} | ${r.baselineRssMb.toFixed(0)} | ${(r.appRssMb / r.baselineRssMb).toFixed(2)}x |`,
    ),
  ];
  return { rows, markdown: lines.join("\n") };
}
