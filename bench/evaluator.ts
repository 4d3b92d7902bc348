/**
 * Filter-pattern evaluator throughput, beside the natural floor measured in the same run:
 * `String.prototype.includes` for terms, JavaScript's RegExp for the same regex, `JSON.parse`
 * alone for JSON, and `split(' ')` for space-delimited lines. 100,000 generated AI log lines per
 * kind (vLLM-style text, JSON lines with `gen_ai.*` fields, access-log-style lines); medians of
 * several runs. Run directly with `npx tsx bench/evaluator.ts`; BENCH_EVAL_RUNS sets the runs.
 */
import { compileFilterPattern, parseFilterPattern } from "../src/patterns";
import { prng } from "./prng";

const EVENTS = 100_000;
const MODELS = ["meta-llama/Llama-3.1-8B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3", "Qwen/Qwen2.5-72B-Instruct"];
const GEN_AI_MODELS = ["gpt-4o", "claude-sonnet-4", "llama-3.1-70b", "mistral-large"];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function time(rand: () => number): string {
  const s = Math.floor(rand() * 86_400);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** vLLM-style server lines: metrics, request logs, warnings and the odd CUDA OOM. */
export function vllmLines(count: number, seed = 1): string[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const t = time(rand);
    const r = rand();
    if (r < 0.02)
      return `ERROR 11-24 ${t} [engine.py:1123] RuntimeError: CUDA out of memory. Tried to allocate ${(rand() * 4).toFixed(
        2
      )} GiB (GPU 0; 79.15 GiB total capacity)`;
    if (r < 0.05)
      return `WARNING 11-24 ${t} [scheduler.py:1089] Sequence group ${i} is preempted by PreemptionMode.RECOMPUTE mode because there is not enough KV cache space.`;
    if (r < 0.55) {
      return (
        `INFO 11-24 ${t} [metrics.py:455] Avg prompt throughput: ${(rand() * 2000).toFixed(1)} tokens/s, ` +
        `Avg generation throughput: ${(rand() * 300).toFixed(1)} tokens/s, Running: ${Math.floor(rand() * 64)} reqs, ` +
        `Swapped: 0 reqs, Pending: ${Math.floor(rand() * 8)} reqs, GPU KV cache usage: ${(rand() * 100).toFixed(
          1
        )}%, CPU KV cache usage: 0.0%.`
      );
    }
    return (
      `INFO 11-24 ${t} [logger.py:39] Received request chatcmpl-${i.toString(16)}: model: ${pick(rand, MODELS)}, ` +
      `params: SamplingParams(n=1, temperature=0.7, top_p=0.95, max_tokens=${Math.floor(rand() * 4096)}), lora_request: None.`
    );
  });
}

/** JSON lines with OpenTelemetry `gen_ai.*` attributes (dotted keys, as exporters write them). */
export function genAiJsonLines(count: number, seed = 2): string[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      timestamp: `2026-11-24T${time(rand)}.${String(i % 1000).padStart(3, "0")}Z`,
      level: rand() < 0.03 ? "ERROR" : "INFO",
      service: "inference-gateway",
      "gen_ai.system": "openai",
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": pick(rand, GEN_AI_MODELS),
      "gen_ai.usage.input_tokens": Math.floor(rand() * 8000),
      "gen_ai.usage.output_tokens": Math.floor(rand() * 1500),
      latency_ms: Math.floor(rand() * 4000),
      trace_id: (i * 2654435761).toString(16).padStart(32, "0"),
    })
  );
}

/** Access-log lines of an OpenAI-compatible gateway: ip, ident, user, [time], "request", status, bytes, latency, model. */
export function accessLogLines(count: number, seed = 3): string[] {
  const rand = prng(seed);
  const paths = ["/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/health"];
  return Array.from({ length: count }, (_, i) => {
    const status = rand() < 0.04 ? pick(rand, [500, 502, 503]) : rand() < 0.05 ? 429 : 200;
    return (
      `10.0.${i % 256}.${Math.floor(rand() * 256)} - tenant${Math.floor(rand() * 50)} [24/Nov/2026:${time(rand)} +0000] ` +
      `"POST ${pick(rand, paths)} HTTP/1.1" ${status} ${Math.floor(rand() * 20000)} ${Math.floor(rand() * 5000)} ${pick(
        rand,
        GEN_AI_MODELS
      )}`
    );
  });
}

export interface BenchCase {
  readonly kind: string;
  readonly pattern: string;
  readonly lines: readonly string[];
  readonly floorName: string;
  readonly floor: (line: string) => unknown;
}

export function cases(): BenchCase[] {
  const text = vllmLines(EVENTS);
  const json = genAiJsonLines(EVENTS);
  const access = accessLogLines(EVENTS);
  const nativeRegex = /GPU KV cache usage: 9[0-9]\.[0-9]/;
  const nativeNoLiteral = /max_tokens=[0-9]{4}\)|[0-9]{3}\.[0-9]{2} GiB/;
  const nativeUnbounded = /max_tokens=[0-9]+\)|[0-9]+\.[0-9]+ GiB/;
  return [
    {
      kind: "terms",
      pattern: 'ERROR "CUDA out of memory"',
      lines: text,
      floorName: "includes() x2",
      floor: (l) => l.includes("ERROR") && l.includes("CUDA out of memory"),
    },
    {
      kind: "regex",
      pattern: "%GPU KV cache usage: 9[0-9]\\.[0-9]%",
      lines: text,
      floorName: "RegExp.test",
      floor: (l) => nativeRegex.test(l),
    },
    {
      // Every line contains a literal of each branch, so the pre-check never decides: bounded
      // backtracking, so it runs on the native fast path (src/patterns/native-regex.ts).
      kind: "regex (bounded)",
      pattern: "%max_tokens=[0-9]{4}\\x29|[0-9]{3}\\.[0-9]{2} GiB%",
      lines: text,
      floorName: "RegExp.test",
      floor: (l) => nativeNoLiteral.test(l),
    },
    {
      // The same with unbounded quantifiers: only the automaton is safe for it.
      kind: "regex (unbounded, automaton)",
      pattern: "%max_tokens=[0-9]+\\x29|[0-9]+\\.[0-9]+ GiB%",
      lines: text,
      floorName: "RegExp.test",
      floor: (l) => nativeUnbounded.test(l),
    },
    {
      kind: "json",
      pattern: `{ $.level = "ERROR" || $.['gen_ai.usage.output_tokens'] > 1000 }`,
      lines: json,
      floorName: "JSON.parse",
      floor: (l) => JSON.parse(l),
    },
    {
      kind: "space",
      pattern: '[ip, ident, user, timestamp, request = "*completions*", status = 5*, bytes, latency_ms > 1000, model]',
      lines: access,
      floorName: "split(' ')",
      floor: (l) => l.split(" "),
    },
  ];
}

type Pass = (lines: readonly string[], fn: (line: string) => unknown) => number;

/**
 * A fresh copy of the timing loop for every measurement: a shared loop would see every callback
 * at one call site, turn megamorphic and slow down whichever case runs later.
 */
function freshPass(): Pass {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function("lines", "fn", "let hits = 0; for (let i = 0; i < lines.length; i++) if (fn(lines[i])) hits++; return hits;") as Pass;
}

/** Events per second of `fn` over `lines`: median of `runs` timed passes after one warm-up. */
function throughput(lines: readonly string[], fn: (line: string) => unknown, runs: number): number {
  const pass = freshPass();
  let sink = pass(lines, fn);
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    sink += pass(lines, fn);
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  if (sink < 0) throw new Error("unreachable"); // keeps the results observable
  seconds.sort((a, b) => a - b);
  return lines.length / seconds[Math.floor(runs / 2)];
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Runs the benchmark and returns a Markdown table. */
export async function runEvaluatorBench(runs = Number(process.env.BENCH_EVAL_RUNS ?? 7)): Promise<string> {
  const rows = cases().map((c) => {
    const matcher = compileFilterPattern(parseFilterPattern(c.pattern));
    const floor = throughput(c.lines, c.floor, runs);
    const evaluate = throughput(c.lines, (l) => matcher.evaluate(l).matched, runs);
    const test = throughput(c.lines, (l) => matcher.test(l), runs);
    const matches = c.lines.filter((l) => matcher.test(l)).length;
    return (
      `| ${c.kind} | \`${c.pattern.replace(/\|/g, "\\|")}\` | ${fmt(matches)} | ${fmt(evaluate)} | ${fmt(test)} | ` +
      `${c.floorName} | ${fmt(floor)} | ${(evaluate / floor).toFixed(2)} |`
    );
  });
  return [
    `### Filter-pattern evaluator (${fmt(EVENTS)} events per kind, median of ${runs} runs, Node ${process.version})`,
    "",
    "| Kind | Pattern | Matches | evaluate() events/s | test() events/s | Floor | Floor events/s | evaluate / floor |",
    "|---|---|---:|---:|---:|---|---:|---:|",
    ...rows,
  ].join("\n");
}

if (require.main === module) {
  runEvaluatorBench().then(
    (table) => process.stdout.write(`${table}\n`),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  );
}
