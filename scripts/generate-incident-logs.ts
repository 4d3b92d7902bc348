/**
 * Generates the recorded logs of a vLLM incident, for backtesting (docs/backtesting.md): three
 * hours of an OpenAI-compatible vLLM server's output (uvicorn access lines, engine stats lines and
 * one `vllm-requests` JSON object per request, the formats of the llm-inference catalogue), with
 *
 * - an OOM storm from 00:40 to 00:52: CUDA out-of-memory tracebacks, the engine dying twice,
 *   requests answered 500;
 * - a latency spike from 01:50 to 02:10: time to first token and end-to-end latency up tenfold,
 *   generation throughput down, and requests refused with 503 while the queue is full (vLLM's
 *   queue limit and SGLang's --max-queued-requests answer 503, never 429: src/signals/serving/uvicorn.ts).
 *
 * Deterministic (seeded), streamed to the output, in the JSON `aws logs filter-log-events` prints
 * (default) or as the log archive's gzip subscription records (`--format archive`).
 *
 *   npx tsx scripts/generate-incident-logs.ts [--out FILE] [--format aws-logs|archive]
 *     [--start 2026-11-24T00:00:00Z] [--log-group /acme-ai/prod/chat-inference] [--seed 7]
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import { parseArgs } from "node:util";
import { prng } from "../bench/prng";

export interface IncidentOptions {
  /** Start of the three hours (UTC). */
  readonly start: number;
  readonly seed: number;
}

export interface GeneratedEvent {
  readonly timestamp: number;
  readonly message: string;
}

export const INCIDENT_DEFAULTS: IncidentOptions = { start: Date.parse("2026-11-24T00:00:00Z"), seed: 7 };
export const DEFAULT_LOG_GROUP = "/acme-ai/prod/chat-inference";

const MINUTE = 60_000;
const HOURS = 3;
const MODELS = ["meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct"];
const OOM_STORM = { from: 40, to: 52 }; // minutes after start
const LATENCY_SPIKE = { from: 110, to: 130 };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** vLLM's own timestamp: `MM-DD HH:MM:SS`. */
const vllmTime = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** The incident's events in time order, generated lazily (about 150,000 for three hours). */
export function* incidentEvents(options: IncidentOptions = INCIDENT_DEFAULTS): Generator<GeneratedEvent> {
  const rand = prng(options.seed);
  let requestId = 0;
  for (let m = 0; m < HOURS * 60; m++) {
    const minuteStart = options.start + m * MINUTE;
    const storm = m >= OOM_STORM.from && m < OOM_STORM.to;
    const spike = m >= LATENCY_SPIKE.from && m < LATENCY_SPIKE.to;
    const events: GeneratedEvent[] = [];
    const at = (ms: number, message: string) => events.push({ timestamp: minuteStart + ms, message });

    // Engine stats every 10 s.
    for (let s = 0; s < 60; s += 10) {
      const generation = (spike ? 18 : storm ? 40 : 150) * (0.8 + rand() * 0.4);
      at(
        s * 1000 + 17,
        `(APIServer pid=1) INFO ${vllmTime(minuteStart + s * 1000)} [loggers.py:271] Engine 000: Avg prompt throughput: ${(800 + rand() * 300).toFixed(1)} tokens/s, ` +
          `Avg generation throughput: ${generation.toFixed(1)} tokens/s, Running: ${Math.floor(4 + rand() * 8)} reqs, Waiting: ${spike ? Math.floor(30 + rand() * 20) : Math.floor(rand() * 3)} reqs, ` +
          `GPU KV cache usage: ${(spike ? 95 + rand() * 4 : 30 + rand() * 30).toFixed(1)}%, Prefix cache hit rate: ${(20 + rand() * 20).toFixed(1)}%`
      );
    }
    // About 6 requests a second: an access line, and for the served ones a request span.
    const requests = 330 + Math.floor(rand() * 60);
    for (let r = 0; r < requests; r++) {
      const ms = Math.floor(rand() * 60_000);
      const id = `chatcmpl-${(requestId++).toString(16)}`;
      const status = storm && rand() < 0.3 ? 500 : spike && rand() < 0.12 ? 503 : 200;
      const reason = status === 200 ? "OK" : status === 500 ? "Internal Server Error" : "Service Unavailable";
      at(ms, `(APIServer pid=1) INFO:     10.0.${Math.floor(rand() * 8)}.${Math.floor(rand() * 250)}:${40000 + Math.floor(rand() * 20000)} - "POST /v1/chat/completions HTTP/1.1" ${status} ${reason}`);
      if (status !== 200) continue;
      const ttft = (spike ? 1.6 + rand() * 1.2 : 0.08 + rand() * 0.1) * (1 + rand() * 0.3);
      const completion = Math.floor(80 + rand() * 600);
      const e2e = ttft + completion * (spike ? 0.06 : 0.012) * (0.8 + rand() * 0.4);
      at(
        ms + 1,
        JSON.stringify({
          "gen_ai.request.id": id,
          "gen_ai.response.model": MODELS[rand() < 0.7 ? 0 : 1],
          "gen_ai.usage.prompt_tokens": Math.floor(100 + rand() * 2000),
          "gen_ai.usage.completion_tokens": completion,
          "gen_ai.latency.time_in_queue": Number((spike ? 1.2 + rand() : rand() * 0.01).toFixed(4)),
          "gen_ai.latency.time_to_first_token": Number(ttft.toFixed(4)),
          "gen_ai.latency.e2e": Number(e2e.toFixed(4)),
        })
      );
    }
    if (storm) {
      const ooms = 2 + Math.floor(rand() * 4);
      for (let i = 0; i < ooms; i++) {
        at(
          Math.floor(rand() * 60_000),
          `(EngineCore_DP0 pid=284) ERROR ${vllmTime(minuteStart)} [core.py:712] torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${(1 + rand() * 3).toFixed(2)} GiB. ` +
            `GPU 0 has a total capacity of 79.19 GiB of which ${(rand() * 0.5).toFixed(2)} GiB is free.`
        );
      }
      if (m === OOM_STORM.from + 4 || m === OOM_STORM.from + 9) {
        at(30_500, `(APIServer pid=1) ERROR ${vllmTime(minuteStart + 30_500)} [async_llm.py:420] vllm.v1.engine.exceptions.EngineDeadError: EngineCore encountered an issue. See stack trace (above) for the root cause.`);
      }
    }
    events.sort((a, b) => a.timestamp - b.timestamp);
    yield* events;
  }
}

/** Writes the events as `aws logs filter-log-events` output: one JSON document, 4-space indented as the AWS CLI prints it. */
export async function writeAwsLogsJson(events: Iterable<GeneratedEvent>, out: Writable, logStreamName = "vllm-0"): Promise<void> {
  await write(out, '{\n    "events": [');
  let i = 0;
  for (const e of events) {
    const record = { logStreamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.timestamp + 850, eventId: String(37000000000000000000n + BigInt(i)) };
    await write(out, `${i++ === 0 ? "" : ","}\n        ${JSON.stringify(record, null, 4).replace(/\n/g, "\n        ")}`);
  }
  await write(out, '\n    ],\n    "searchedLogStreams": []\n}\n');
}

/** Writes the events as the archive writes them: CloudWatch Logs subscription records, one per line, per minute of events. */
export async function writeArchiveRecords(events: Iterable<GeneratedEvent>, out: Writable, logGroup: string, logStream = "vllm-0"): Promise<void> {
  let batch: GeneratedEvent[] = [];
  let id = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const record = {
      messageType: "DATA_MESSAGE",
      owner: "222222222222",
      logGroup,
      logStream,
      subscriptionFilters: ["acme-ai-prod-archive"],
      logEvents: batch.map((e) => ({ id: String(id++), timestamp: e.timestamp, message: e.message })),
    };
    await write(out, `${JSON.stringify(record)}\n`);
    batch = [];
  };
  for (const e of events) {
    if (batch.length > 0 && Math.floor(e.timestamp / MINUTE) !== Math.floor(batch[0].timestamp / MINUTE)) await flush();
    batch.push(e);
  }
  await flush();
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      format: { type: "string", default: "aws-logs" },
      start: { type: "string" },
      "log-group": { type: "string", default: DEFAULT_LOG_GROUP },
      seed: { type: "string" },
    },
  });
  const start = values.start === undefined ? INCIDENT_DEFAULTS.start : Date.parse(values.start);
  if (Number.isNaN(start)) throw new Error(`--start: '${values.start}' is not an ISO 8601 time`);
  if (values.format !== "aws-logs" && values.format !== "archive") throw new Error(`--format: '${values.format}' is not aws-logs or archive`);
  const events = incidentEvents({ start, seed: values.seed === undefined ? INCIDENT_DEFAULTS.seed : Number(values.seed) });
  const file = values.out === undefined ? process.stdout : createWriteStream(values.out);
  if (values.format === "archive") {
    const gzip = createGzip();
    gzip.pipe(file);
    await writeArchiveRecords(events, gzip, values["log-group"]!);
    gzip.end();
    await once(gzip, "end");
  } else {
    await writeAwsLogsJson(events, file);
  }
  if (file !== process.stdout) {
    file.end();
    await once(file, "finish");
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`generate-incident-logs: ${(e as Error).message}\n`);
    process.exitCode = 2;
  });
}
