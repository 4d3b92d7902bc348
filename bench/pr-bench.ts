// Pull requests at fleet scale: the 1000-workload fleet (bench/fleet-bench.ts), a pull request that
// shortens the retention of one workload of one group, and Atlantis' `plan` of it played offline
// (bench/atlantis-runner.ts: the hooks and workflow steps as Atlantis runs them, real terraform plans)
// in the two modes of docs/reviewing.md:
// - static: the committed atlantis.yaml (`npm run atlantis`), every project synthesizes and plans;
// - pull request: the server-side hooks, synth of base and head once, plans of changed stacks only.
// Counts the stacks planned and the syntheses, and sums the CPU time (user + system) of every hook and
// step. Run alone: tsx bench/pr-bench.ts   (BENCH_PR_RUNS repetitions, medians; BENCH_FLEET_WORKLOADS, BENCH_FLEET_GROUPS)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { SYNTH_COMMAND } from "../src/atlantis/commands";
import { serverSideRepoConfig } from "../src/atlantis/server-side";
import { staticAtlantisYamlFor } from "../src/atlantis/static-config";
import { terraformAvailability } from "../src/terraform/offline-plan";
import { createPullRequestRepo, runAtlantisCommand, serverSideRepo, synthOutputs, type CommandRun, type StepRun } from "./atlantis-runner";
import { fleetConfig } from "./fleet-bench";

const CONFIG = "config/fleet.yaml";

/** Where the CPU goes: synthesis (static: each project's synth step; pull request: the pre-workflow hook, which synthesizes base and head and compares them), terraform init/plan/show, the review (static: each project's; pull request: the post-workflow hook), and the rest (env and install steps). */
const CATEGORIES = ["synth", "terraform", "review", "other"] as const;
type Category = (typeof CATEGORIES)[number];

function category(step: StepRun): Category {
  if (step.where === "pre hook") return "synth";
  if (step.where === "post hook") return "review";
  if (step.command.startsWith("node bin/ai-logs.js review")) return "review";
  if (step.command.includes("terraform ")) return "terraform"; // the static plan step's fallback synth runs only when the plan fails
  if (step.command.includes(SYNTH_COMMAND)) return "synth";
  return "other";
}

interface ModeRun {
  readonly planned: number;
  readonly plansOk: boolean;
  readonly synthRuns: number;
  readonly cpuMs: number;
  readonly cpuByCategory: Record<Category, number>;
  readonly wallMs: number;
  readonly projects: readonly string[];
}

/** The fleet's config before and after the pull request: one workload of one group keeps its logs 14 days instead of 30. */
export function fleetPullRequest(workloads: number, groups: number): { base: string; head: string; group: string } {
  const config = fleetConfig(workloads, groups);
  const changed = config.workloads[Math.min(3, workloads - 1)];
  const head = {
    ...config,
    workloads: config.workloads.map((w) => (w === changed ? { ...w, logGroup: { ...w.logGroup, retentionDays: 14 } } : w)),
  };
  return { base: stringify(config), head: stringify(head), group: changed.group ?? "default" };
}

function runMode(mode: "static" | "pull-request", base: string, head: string, staticYaml: string): ModeRun {
  const work = mkdtempSync(join(tmpdir(), `ai-logs-pr-bench-${mode}-`));
  try {
    const files: Record<string, string> = { [CONFIG]: base, "atlantis.yaml": staticYaml };
    const repo = createPullRequestRepo(work, files, { [CONFIG]: head });
    const server = mode === "static" ? serverSideRepo() : serverSideRepo(serverSideRepoConfig("github.com/acme/ai-logs-cloudwatch"));
    const start = process.hrtime.bigint();
    const run: CommandRun = runAtlantisCommand({ repo, server, serverEnv: { AI_LOGS_CONFIG: CONFIG, GH_TOKEN: undefined, GITHUB_TOKEN: undefined }, work }, "plan");
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const failed = run.steps.filter((s) => s.status !== 0);
    if (failed.length > 0) throw new Error(`${mode}: ${failed[0].where} failed:\n${failed[0].stderr.slice(-2000)}`);
    const cpuByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, run.steps.filter((s) => category(s) === c).reduce((n, s) => n + s.cpuMs, 0)])) as Record<Category, number>;
    return {
      planned: run.projects.length,
      plansOk: run.projects.every((p) => p.ok),
      synthRuns: synthOutputs(repo.checkout).length,
      cpuMs: run.cpuMs,
      cpuByCategory,
      wallMs,
      projects: run.projects.map((p) => p.name),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The pull-request benchmark as Markdown. */
export function runPrBench(
  workloads = Number(process.env.BENCH_FLEET_WORKLOADS ?? 1000),
  groups = Number(process.env.BENCH_FLEET_GROUPS ?? 20),
  runs = Number(process.env.BENCH_PR_RUNS ?? 3),
): string {
  const availability = terraformAvailability();
  if (!availability.available) return `Pull-request bench skipped: ${availability.reason}.`;
  const { base, head, group } = fleetPullRequest(workloads, groups);
  // The committed atlantis.yaml of static mode, generated as `npm run atlantis` would (not measured).
  const work = mkdtempSync(join(tmpdir(), "ai-logs-pr-bench-config-"));
  let staticYaml: string;
  try {
    mkdirSync(join(work, "config"));
    writeFileSync(join(work, CONFIG), base);
    staticYaml = staticAtlantisYamlFor(work, CONFIG);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const results = { static: [] as ModeRun[], "pull-request": [] as ModeRun[] };
  for (let i = 0; i < runs; i++) {
    for (const mode of ["static", "pull-request"] as const) results[mode].push(runMode(mode, base, head, staticYaml));
  }
  const row = (label: string, r: ModeRun[]) =>
    `| ${label} | ${r[0].planned} | ${r[0].synthRuns} | ${seconds(median(r.map((x) => x.cpuMs)))} | ${CATEGORIES.map((c) => seconds(median(r.map((x) => x.cpuByCategory[c])))).join(" | ")} | ${seconds(median(r.map((x) => x.wallMs)))} |`;
  const ratio = median(results.static.map((x) => x.cpuMs)) / median(results["pull-request"].map((x) => x.cpuMs));
  const after = results["pull-request"][0];
  return [
    `Pull request: one workload of group \`${group}\` keeps its logs 14 days instead of 30, in the fleet of ${workloads} workloads in ${groups} groups. Atlantis' \`plan\` of it played offline (bench/atlantis-runner.ts: hooks and workflow steps with Atlantis' variables, offline terraform ${availability.version}, empty state), median of ${runs} runs per mode. CPU is user + system time of every hook and step and the processes they wait for; wall time is with the projects run one after the other.`,
    "",
    "| mode | stacks planned | synth runs | CPU s | of which synth | terraform | review | other | wall s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    row("static atlantis.yaml (before)", results.static),
    row("pull-request hooks (after)", results["pull-request"]),
    "",
    `Planned after: ${after.projects.join(", ")} (plans ${after.plansOk ? "succeeded" : "FAILED"}). CPU before / after: ${ratio.toFixed(1)}x. Synth of the pull-request mode is its pre-workflow hook (base and head, and the comparison); its review is the post-workflow hook (one review of the whole pull request).`,
  ].join("\n");
}

if (require.main === module) {
  process.stdout.write(`${runPrBench()}\n`);
}
