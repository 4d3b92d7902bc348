/**
 * Backtest throughput and memory: a realistic AI log mix (the vLLM incident generator's lines for
 * chat-inference, the signal catalogue's sample lines for the other workloads, weighted) through all
 * the metric filters and alarms of the example's `monitoring-prod` stack.
 *
 * - Floor: the filter-pattern evaluator alone, `evaluate()` of every filter of the event's log group
 *   over events held in memory (no input parsing, no metrics, no alarms).
 * - Backtest: the whole pipeline, `backtest()` reading the archive's record format (JSON lines of
 *   CloudWatch Logs subscription records) from its standard input, with per-minute metrics, every
 *   alarm evaluated and the report built. For throughput, the records of 1 M events are rendered in
 *   memory before the clock starts, so the bench's own generator is not timed. For memory, records
 *   are generated on the fly inside the measured process (no file is stored) at 1 M and 10 M events
 *   spread over the same 7 days, and the child reports its peak RSS. One child process per run.
 *
 * Medians of BENCH_BACKTEST_RUNS runs (default 3) at 1 M events; one run at each of
 * BENCH_BACKTEST_SIZES (default 1000000,10000000) for memory. Run alone: npx tsx bench/backtest.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { backtest, loadModel } from "../src/backtest";
import { compileFilterPattern } from "../src/patterns";
import { catalogueFor } from "../src/signals";
import { synthesize } from "../src/synth";
import { incidentEvents } from "../scripts/generate-incident-logs";
import { prng } from "./prng";

const STACK = "monitoring-prod";
const WINDOW_DAYS = 7;
const START = Date.parse("2026-11-24T00:00:00Z");
const TSX = join(__dirname, "..", "node_modules", "tsx", "dist", "cli.mjs");

/** Share of events per workload (by log group tag `workload`); the rest of the log groups get none. */
const WEIGHTS: Record<string, number> = {
  "chat-inference": 0.5,
  "support-assistant": 0.15,
  "bedrock-invocations": 0.1,
  reranker: 0.1,
  "llama-finetune": 0.08,
  "feature-pipeline": 0.04,
  "ai-monitoring": 0.03,
};

interface Pool {
  readonly logGroup: string;
  readonly weight: number;
  readonly lines: readonly string[];
}

/** The log lines each workload of the stack writes: its catalogue's sample lines (and the incident generator's for vLLM). */
function pools(synthDir: string): Pool[] {
  const stack = JSON.parse(readFileSync(join(synthDir, "stacks", STACK, "cdk.tf.json"), "utf8")) as {
    resource: { aws_cloudwatch_log_group: Record<string, { name: string; tags?: Record<string, string> }> };
  };
  const result: Pool[] = [];
  for (const group of Object.values(stack.resource.aws_cloudwatch_log_group)) {
    const workload = group.tags?.workload;
    const kind = group.tags?.["workload-kind"];
    if (!workload || !kind || !WEIGHTS[workload]) continue;
    const lines = catalogueFor(kind).signals.flatMap((s) => [...(s.samples?.matching ?? []).map((m) => m.line), ...(s.samples?.nonMatching ?? [])]);
    if (kind === "llm-inference") {
      let n = 0;
      for (const e of incidentEvents()) {
        if (n++ >= 20_000) break;
        lines.push(e.message);
      }
    }
    result.push({ logGroup: group.name, weight: WEIGHTS[workload], lines });
  }
  return result;
}

interface BenchEvent {
  readonly logGroup: string;
  readonly timestamp: number;
  readonly message: string;
}

/** `count` events spread evenly over the window, drawn from the pools by weight. */
function* mix(pools: readonly Pool[], count: number, seed = 11): Generator<BenchEvent> {
  const rand = prng(seed);
  const total = pools.reduce((a, p) => a + p.weight, 0);
  const step = (WINDOW_DAYS * 86_400_000) / count;
  for (let i = 0; i < count; i++) {
    let r = rand() * total;
    let pool = pools[0];
    for (const p of pools) {
      r -= p.weight;
      if (r < 0) {
        pool = p;
        break;
      }
    }
    yield { logGroup: pool.logGroup, timestamp: Math.floor(START + i * step), message: pool.lines[Math.floor(rand() * pool.lines.length)] };
  }
}

/** The events as the archive writes them: one subscription record per 50 events of a log group, one record per line. */
function archiveStream(events: Iterable<BenchEvent>): Readable {
  const escaped = new Map<string, string>();
  const quote = (s: string) => {
    let q = escaped.get(s);
    if (q === undefined) escaped.set(s, (q = JSON.stringify(s)));
    return q;
  };
  function* records(): Generator<string> {
    const open = new Map<string, string[]>();
    let id = 0;
    const close = (group: string, parts: string[]) =>
      `{"messageType":"DATA_MESSAGE","owner":"222222222222","logGroup":${quote(group)},"logStream":"bench","subscriptionFilters":["archive"],"logEvents":[${parts.join(",")}]}\n`;
    let chunk: string[] = [];
    for (const e of events) {
      const parts = open.get(e.logGroup) ?? [];
      parts.push(`{"id":"${id++}","timestamp":${e.timestamp},"message":${quote(e.message)}}`);
      open.set(e.logGroup, parts);
      if (parts.length === 50) {
        chunk.push(close(e.logGroup, parts));
        open.set(e.logGroup, []);
        if (chunk.length === 20) {
          yield chunk.join("");
          chunk = [];
        }
      }
    }
    for (const [group, parts] of open) if (parts.length > 0) chunk.push(close(group, parts));
    if (chunk.length > 0) yield chunk.join("");
  }
  return Readable.from(records());
}

interface ChildResult {
  readonly events: number;
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly alarms: number;
}

/** The measured process. `throughput`: input rendered in memory first, then timed; `memory`: generated while read. */
async function child(mode: "throughput" | "memory", synthDir: string, count: number): Promise<void> {
  const p = pools(synthDir);
  const chunks: string[] = [];
  if (mode === "throughput") for await (const chunk of archiveStream(mix(p, count))) chunks.push(chunk as string);
  const stdin = mode === "throughput" ? Readable.from(chunks) : archiveStream(mix(p, count));
  const start = process.hrtime.bigint();
  const report = await backtest({ synth: synthDir, stack: STACK, inputs: ["-"], stdin });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const result: ChildResult = { events: report.inputs.events, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, alarms: report.alarms.length };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(mode: "throughput" | "memory", synthDir: string, count: number): ChildResult {
  const r = spawnSync(process.execPath, [TSX, __filename, "--child", mode, synthDir, String(count)], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`backtest bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as ChildResult;
}

/** Events per second of the evaluator alone: every filter of the event's log group, `evaluate()`. */
function evaluatorFloor(synthDir: string, runs: number): number {
  const model = loadModel(synthDir, STACK, process.cwd());
  const byGroup = new Map<string, ((m: string) => unknown)[]>();
  for (const f of model.filters) {
    const matcher = compileFilterPattern(f.ast);
    byGroup.set(f.logGroupName, [...(byGroup.get(f.logGroupName) ?? []), (m: string) => matcher.evaluate(m)]);
  }
  const events = [...mix(pools(synthDir), 200_000)];
  const pass = (): number => {
    let hits = 0;
    for (const e of events) for (const evaluate of byGroup.get(e.logGroup) ?? []) if ((evaluate(e.message) as { matched: boolean }).matched) hits++;
    return hits;
  };
  pass();
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    pass();
    seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return events.length / median(seconds);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Runs the benchmark and returns a Markdown section. */
export async function runBacktestBench(): Promise<string> {
  const runs = Number(process.env.BENCH_BACKTEST_RUNS ?? 3);
  const sizes = (process.env.BENCH_BACKTEST_SIZES ?? "1000000,10000000").split(",").map(Number);
  const work = mkdtempSync(join(tmpdir(), "ai-logs-backtest-bench-"));
  try {
    const synthDir = join(work, "cdktf.out");
    synthesize({ configFile: join(__dirname, "..", "config", "example.yaml"), outdir: synthDir });
    const filters = loadModel(synthDir, STACK, process.cwd()).filters.length;
    const floor = evaluatorFloor(synthDir, 5);
    const oneMillion = Array.from({ length: runs }, () => runChild("throughput", synthDir, 1_000_000));
    const pipeline = median(oneMillion.map((r) => r.events / r.seconds));
    const memory = sizes.map((size) => ({ size, result: runChild("memory", synthDir, size) }));
    return [
      `Stack ${STACK} of config/example.yaml: ${filters} metric filters, ${oneMillion[0].alarms} alarms; events spread over ${WINDOW_DAYS} days.`,
      "",
      "| Measure | Events/s (median) | vs. evaluator |",
      "|---|---:|---:|",
      `| Evaluator alone (floor): every filter of the event's log group, events in memory | ${fmt(floor)} | 1.00 |`,
      `| Backtest: archive records from stdin -> filters -> per-minute metrics -> all alarms -> report (${runs} runs of 1 M) | ${fmt(pipeline)} | ${(pipeline / floor).toFixed(2)} |`,
      "",
      "Memory, records generated while the backtest reads them (wall time includes the generator):",
      "",
      "| Events | Wall time | Peak RSS |",
      "|---:|---:|---:|",
      ...memory.map(({ size, result }) => `| ${fmt(size)} | ${result.seconds.toFixed(1)} s | ${fmt(result.maxRssMb)} MB |`),
    ].join("\n");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const task =
    args[0] === "--child"
      ? child(args[1] as "throughput" | "memory", args[2], Number(args[3]))
      : runBacktestBench().then((md) => void process.stdout.write(`${md}\n`));
  task.catch((e) => {
    process.stderr.write(`backtest bench failed: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
