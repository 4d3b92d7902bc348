/**
 * Property: for any events, the backtest's per-period metric values equal the sum of what
 * `ai-logs test-metric-filter` reports for the same events (its metricSummary: every match's
 * value, every non-match's default value), period by period, for filters of every pattern kind.
 */
import fc from "fast-check";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";
import { filter, minute, runBacktest, type Resources } from "./support";

interface FilterCase {
  readonly pattern: string;
  readonly value: string;
  readonly defaultValue?: string;
  readonly dimensions?: Record<string, string>;
  /** The dimension values the alarm watches (filters with dimensions). */
  readonly watch?: Record<string, string>;
}

const CASES: Record<string, FilterCase> = {
  terms: { pattern: '?"CUDA out of memory" ?"CUDA error: out of memory"', value: "1" },
  "terms with default": { pattern: '"POST /v1/"', value: "1", defaultValue: "0" },
  regex: { pattern: "%HTTP/1\\.1\\x22 5[0-9][0-9] %", value: "1" },
  json: { pattern: "{ $.['gen_ai.response.model'] = * && $.['gen_ai.latency.e2e'] = * }", value: "$.['gen_ai.latency.e2e']" },
  "json with dimension": {
    pattern: "{ $.['gen_ai.response.model'] = * && $.tokens > 0 }",
    value: "$.tokens",
    dimensions: { Model: "$.['gen_ai.response.model']" },
    watch: { Model: "llama" },
  },
  space: { pattern: '[ip, user, request = "*completions*", status, bytes, ms]', value: "$ms" },
};

const message = fc.oneof(
  fc.constantFrom(
    "ERROR 11-24 10:20:00 [engine.py:1123] RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB",
    "RuntimeError: CUDA error: out of memory",
    "INFO 11-24 10:00:00 [metrics.py:455] Avg prompt throughput: 10.0 tokens/s",
    "not json at all {"
  ),
  fc.record({ status: fc.constantFrom(200, 429, 500, 503) }).map(({ status }) => `INFO:     10.0.0.1:5000 - "POST /v1/chat/completions HTTP/1.1" ${status} OK`),
  fc
    .record({
      model: fc.constantFrom("llama", "mistral"),
      e2e: fc.oneof(fc.double({ min: 0, max: 30, noNaN: true }), fc.constant("1.5"), fc.constant("slow")),
      tokens: fc.integer({ min: -5, max: 5000 }),
    })
    .map((r) => JSON.stringify({ "gen_ai.response.model": r.model, "gen_ai.latency.e2e": r.e2e, tokens: r.tokens })),
  fc
    .record({ ms: fc.oneof(fc.integer({ min: 0, max: 9000 }).map(String), fc.constant("-")), path: fc.constantFrom("/v1/chat/completions", "/health") })
    .map((r) => `10.0.0.7 alice "POST ${r.path} HTTP/1.1" 200 512 ${r.ms}`)
);

const events = fc.array(fc.record({ minute: fc.integer({ min: 0, max: 4 }), second: fc.integer({ min: 0, max: 59 }), message }), { minLength: 1, maxLength: 80 });

/** metricSummary of `ai-logs test-metric-filter` for up to 50 messages. */
async function testMetricFilterSum(c: FilterCase, messages: string[]): Promise<{ sampleCount: number; sum: number }> {
  let stdout = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, readFile: () => "", cwd: process.cwd() };
  const args = ["test-metric-filter", `--filter-pattern=${c.pattern}`, "--metric-value", c.value, "--log-event-messages", ...messages];
  if (c.defaultValue !== undefined) args.push("--default-value", c.defaultValue);
  if (c.dimensions) args.push("--dimensions", JSON.stringify(c.dimensions));
  expect(await main(["node", "ai-logs", ...args], io)).toBe(0);
  const output = JSON.parse(stdout) as { matches: { dimensions: Record<string, string>; metricValue: number | null }[]; metricSummary: { sampleCount: number; sum: number } };
  if (!c.watch) return output.metricSummary;
  // With dimensions, the alarm reads one series: only the matches with the watched values.
  const watched = output.matches.filter((m) => m.metricValue !== null && Object.entries(c.watch!).every(([k, v]) => m.dimensions[k] === v));
  return { sampleCount: watched.length, sum: watched.reduce((a, m) => a + (m.metricValue ?? 0), 0) };
}

describe("backtest metric values = the sum of test-metric-filter results, per period", () => {
  test.each(Object.entries(CASES))("%s", async (_name, c) => {
    const resources: Resources = {
      aws_cloudwatch_log_metric_filter: filter("f", c.pattern, {
        name: "M",
        value: c.value,
        ...(c.defaultValue !== undefined ? { default_value: c.defaultValue } : {}),
        ...(c.dimensions ? { dimensions: c.dimensions } : {}),
      }),
      aws_cloudwatch_metric_alarm: {
        a: {
          alarm_name: "a",
          namespace: "Test",
          metric_name: "M",
          ...(c.watch ? { dimensions: c.watch } : {}),
          statistic: "Sum",
          comparison_operator: "GreaterThanThreshold",
          threshold: 1e9,
          period: 60,
          evaluation_periods: 1,
        },
      },
    };
    await fc.assert(
      fc.asyncProperty(events, async (generated) => {
        const report = runBacktest(
          resources,
          generated.map((e) => ({ timestamp: minute(e.minute, e.second), message: e.message })),
          { from: "2026-11-24T10:00:00Z", to: "2026-11-24T10:05:00Z" }
        );
        const datapoints = new Map(report.alarms[0].datapoints.map((d) => [d.timestamp, d.value]));
        for (let m = 0; m < 5; m++) {
          const messages = generated.filter((e) => e.minute === m).map((e) => e.message);
          let sampleCount = 0;
          let sum = 0;
          for (let i = 0; i < messages.length; i += 50) {
            const part = await testMetricFilterSum(c, messages.slice(i, i + 50));
            sampleCount += part.sampleCount;
            sum += part.sum;
          }
          const timestamp = new Date(minute(m)).toISOString();
          if (sampleCount === 0) expect(datapoints.has(timestamp)).toBe(false);
          else expect(datapoints.get(timestamp)).toBeCloseTo(sum, 6);
        }
      }),
      { numRuns: 40 }
    );
  });
});
