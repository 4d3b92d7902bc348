/**
 * `ai-logs backtest` end to end (in-process, and once as a real process for standard input): every
 * input format, the JSON interface, the picture, and bad input: exit 2, a message naming the file
 * or option, no stack trace, no output file.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";
import type { BacktestReport } from "../../src/backtest";
import { filter, LOG_GROUP, minute, stack, writeSynthDir } from "./support";

const work = mkdtempSync(join(tmpdir(), "ai-logs-backtest-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One stack: OOM lines counted per minute, alarm above 0; a composite over it; a pattern written with Terraform's `$${` escape. */
const synth = writeSynthDir(work, {
  "monitoring-test": stack({
    aws_cloudwatch_log_metric_filter: {
      ...filter("oom", '"CUDA out of memory"', { name: "Oom", value: "1" }),
      ...filter("literal", '{ $.template = "$${user}" && $.directive = "%%{if}" }', { name: "Literal", value: "1" }),
    },
    aws_cloudwatch_metric_alarm: {
      oom: {
        alarm_name: "test-oom",
        namespace: "Test",
        metric_name: "Oom",
        statistic: "Sum",
        comparison_operator: "GreaterThanThreshold",
        threshold: 0,
        period: 60,
        evaluation_periods: 1,
        treat_missing_data: "notBreaching",
        alarm_actions: ["${aws_sns_topic.alerts.arn}"],
      },
      literal: {
        alarm_name: "test-literal",
        namespace: "Test",
        metric_name: "Literal",
        statistic: "Sum",
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        period: 60,
        evaluation_periods: 1,
        treat_missing_data: "notBreaching",
      },
      bedrock: {
        alarm_name: "test-bedrock-latency",
        namespace: "AWS/Bedrock",
        metric_name: "InvocationLatency",
        statistic: "Average",
        comparison_operator: "GreaterThanThreshold",
        threshold: 1000,
        period: 300,
        evaluation_periods: 1,
      },
    },
    aws_cloudwatch_composite_alarm: {
      health: { alarm_name: "test-health", alarm_rule: 'ALARM("${aws_cloudwatch_metric_alarm.oom.alarm_name}") OR ALARM("${aws_cloudwatch_metric_alarm.bedrock.alarm_name}")' },
    },
  }),
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readFile: (p) => readFileSync(resolve(work, p), "utf8"), cwd: work };
  const code = await main(["node", "ai-logs", "backtest", "--synth", synth, ...args], io);
  return { code, stdout, stderr };
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(work, name), content);
  return name;
}

const OOM = "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB";
const cliEvents = [
  { logStreamName: "s", timestamp: minute(2, 5), message: OOM, ingestionTime: minute(2, 6), eventId: "1" },
  { logStreamName: "s", timestamp: minute(2, 9), message: "INFO ok", ingestionTime: minute(2, 10), eventId: "2" },
  { logStreamName: "s", timestamp: minute(9), message: "INFO ok", ingestionTime: minute(9, 1), eventId: "3" },
];
const record = (logGroup: string, events: { timestamp: number; message: string }[]) =>
  JSON.stringify({ messageType: "DATA_MESSAGE", owner: "222222222222", logGroup, logStream: "s", subscriptionFilters: ["archive"], logEvents: events.map((e, i) => ({ id: String(i), ...e })) });

const json = (r: Run): BacktestReport => JSON.parse(r.stdout) as BacktestReport;
const alarm = (r: Run, name: string) => json(r).alarms.find((a) => a.alarmName === name)!;

describe("ai-logs backtest: inputs", () => {
  test("aws logs filter-log-events output (pretty JSON as the AWS CLI prints it), with --log-group", async () => {
    const r = await run("--log-group", LOG_GROUP, "--format", "json", file("events.json", JSON.stringify({ events: cliEvents, searchedLogStreams: [] }, null, 4)));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const oom = alarm(r, "test-oom");
    expect(json(r).formatVersion).toBe(1);
    expect(oom).toMatchObject({ stack: "monitoring-test", simulated: true, transitionsToAlarm: 1, pages: 1 });
    // In ALARM from the evaluation at 10:03 (minute 10:02 holds the OOM) until the range 10:03-10:06 holds nothing.
    expect(oom.alarmIntervals).toEqual([{ start: "2026-11-24T10:03:00.000Z", end: "2026-11-24T10:06:00.000Z" }]);
    expect(oom.datapoints).toEqual([{ timestamp: "2026-11-24T10:02:00.000Z", value: 1 }]);
    expect(alarm(r, "test-health")).toMatchObject({ simulated: true, transitionsToAlarm: 1, alarmIntervals: [{ start: "2026-11-24T10:03:00.000Z", end: "2026-11-24T10:06:00.000Z" }] });
    expect(alarm(r, "test-bedrock-latency")).toMatchObject({ simulated: false, transitionsToAlarm: null, alarmIntervals: null, datapoints: [] });
    expect(alarm(r, "test-bedrock-latency").reason).toMatch(/service metric: no log-derived data/);
  });

  test("get-log-events output, and an alarm still in ALARM at the end of the window has end null", async () => {
    const events = [{ timestamp: minute(0), message: "INFO start" }, { timestamp: minute(4, 30), message: OOM }];
    const r = await run("--log-group", LOG_GROUP, "--format", "json", file("get.json", JSON.stringify({ events, nextForwardToken: "f/1", nextBackwardToken: "b/1" })));
    expect(alarm(r, "test-oom").alarmIntervals).toEqual([{ start: "2026-11-24T10:05:00.000Z", end: null }]);
  });

  test("the archive's gzip objects: records name their log group; groups no stack monitors are counted, not used", async () => {
    const body = [record(LOG_GROUP, [{ timestamp: minute(1), message: OOM }]), record("/aws/lambda/other", [{ timestamp: minute(1), message: OOM }]), JSON.stringify({ messageType: "CONTROL_MESSAGE", logGroup: "", logEvents: [] })].join("\n") + "\n";
    const r = await run("--format", "json", file("archive.gz", gzipSync(body)));
    expect(r.code).toBe(0);
    expect(json(r).inputs).toMatchObject({ events: 1, skippedLogGroups: { "/aws/lambda/other": 1 } });
    expect(alarm(r, "test-oom").transitionsToAlarm).toBe(1);
  });

  test("archive records concatenated without newlines, in two gzip members", async () => {
    const body = Buffer.concat([gzipSync(record(LOG_GROUP, [{ timestamp: minute(1), message: OOM }])), gzipSync(record(LOG_GROUP, [{ timestamp: minute(7), message: OOM }]))]);
    const r = await run("--format", "json", file("concatenated.gz", body));
    expect(r.stderr).toBe("");
    expect(alarm(r, "test-oom").transitionsToAlarm).toBe(2);
  });

  test("JSON lines with --timestamp-field (a nested field, ISO 8601); Terraform's $${ and %%{ escapes are read as literal ${ and %{", async () => {
    const lines = [
      { meta: { at: "2026-11-24T10:01:10Z" }, template: "${user}", directive: "%{if}" },
      { meta: { at: "2026-11-24T10:03:00Z" }, template: "$${user}", directive: "%{if}" },
    ].map((o) => JSON.stringify(o));
    const r = await run("--log-group", LOG_GROUP, "--timestamp-field", "meta.at", "--format", "json", file("app.jsonl", lines.join("\n")));
    expect(alarm(r, "test-literal").datapoints).toEqual([{ timestamp: "2026-11-24T10:01:00.000Z", value: 1 }]);
  });

  test("text lines with a leading timestamp; continuation lines belong to the event before", async () => {
    const text = ["2026-11-24 10:01:02,123 ERROR worker crashed", "Traceback (most recent call last):", `  ${OOM}`, "2026-11-24 10:05:00,000 INFO ok"].join("\n");
    const iso = await run("--log-group", LOG_GROUP, "--timestamp-format", "iso8601", "--format", "json", file("app.log", text));
    expect(alarm(iso, "test-oom").datapoints).toEqual([{ timestamp: "2026-11-24T10:01:00.000Z", value: 1 }]);
    const strftime = await run("--log-group", LOG_GROUP, "--timestamp-format", "%Y-%m-%d %H:%M:%S,%f", "--format", "json", "app.log");
    expect(alarm(strftime, "test-oom").datapoints).toEqual(alarm(iso, "test-oom").datapoints);
  });

  test("--from/--to set the window and drop events outside it", async () => {
    const r = await run("--log-group", LOG_GROUP, "--from", "2026-11-24T10:05:00Z", "--to", "2026-11-24T11:00:00Z", "--format", "json", "events.json");
    expect(json(r).window).toEqual({ start: "2026-11-24T10:05:00.000Z", end: "2026-11-24T11:00:00.000Z", days: 0.0382 });
    expect(json(r).inputs).toMatchObject({ events: 1, outsideWindow: 2 });
    expect(alarm(r, "test-oom").transitionsToAlarm).toBe(0);
  });

  test("Markdown names the alarms that fired, when, and why others are not simulated", async () => {
    const r = await run("--log-group", LOG_GROUP, "events.json");
    expect(r.stdout).toMatch(/\*\*2 of 4 alarms would have fired\*\*/);
    expect(r.stdout).toMatch(/\| test-oom \| monitoring-test \| 1 \| 2026-11-24T10:03:00.000Z \|/);
    expect(r.stdout).toMatch(/\| test-bedrock-latency \| monitoring-test \| AWS\/Bedrock InvocationLatency is a service metric/);
  });

  test("--plot draws SVG and PNG with the alarms' names; --suggest adds thresholds", async () => {
    const svg = await run("--log-group", LOG_GROUP, "--plot", "alarms.svg", "--suggest", "--format", "json", "events.json");
    expect(svg.code).toBe(0);
    expect(readFileSync(join(work, "alarms.svg"), "utf8")).toMatch(/^<svg[\s\S]*test-oom \(1 × ALARM\)[\s\S]*<\/svg>$/);
    expect(alarm(svg, "test-oom").suggestions).toEqual([
      { fires: 0, threshold: 1, wouldFire: 0 },
      { fires: 1, threshold: 0, wouldFire: 1 },
      { fires: 5, threshold: 0, wouldFire: 1 },
    ]);
    const png = await run("--log-group", LOG_GROUP, "--plot", "alarms.png", "events.json");
    expect(png.code).toBe(0);
    expect(readFileSync(join(work, "alarms.png")).subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("ai-logs backtest: bad input exits 2 with a message naming the file or option", () => {
  const bad: [string, () => string[], RegExp][] = [
    ["unknown format (bzip2)", () => [file("events.bz2", Buffer.from("BZh91AY&SY..."))], /^error: events\.bz2: unknown format: bzip2-compressed data/],
    ["unknown format (a JSON array)", () => ["--log-group", LOG_GROUP, file("array.json", "[1, 2]")], /^error: array\.json: unknown format: a JSON array/],
    ["unknown format (binary)", () => [file("blob.bin", Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]))], /^error: blob\.bin: unknown format: binary data/],
    ["truncated gzip", () => [file("cut.gz", gzipSync(record(LOG_GROUP, [{ timestamp: minute(1), message: OOM }])).subarray(0, 30))], /^error: cut\.gz: unreadable gzip data \(truncated: unexpected end of file\)/],
    ["unreadable file", () => ["missing.json"], /^error: missing\.json: cannot read: no such file/],
    ["truncated JSON", () => ["--log-group", LOG_GROUP, file("cut.json", JSON.stringify({ events: cliEvents }).slice(0, 120))], /^error: cut\.json: truncated JSON/],
    ["an AWS CLI event without a timestamp", () => ["--log-group", LOG_GROUP, file("nots.json", JSON.stringify({ events: [{ message: "x" }] }))], /^error: nots\.json: event 1 has no timestamp/],
    ["JSON lines without --timestamp-field", () => ["--log-group", LOG_GROUP, file("plain.jsonl", '{"a":1}\n')], /^error: plain\.jsonl: JSON lines without a timestamp .*--timestamp-field/],
    ["a JSON line without its timestamp field", () => ["--log-group", LOG_GROUP, "--timestamp-field", "ts", file("nots.jsonl", '{"ts":"2026-11-24T10:00:00Z"}\n{"a":1}\n')], /^error: nots\.jsonl: line 2 has no timestamp in field 'ts'/],
    ["text lines without --timestamp-format", () => ["--log-group", LOG_GROUP, file("plain.log", "ERROR boom\n")], /^error: plain\.log: text lines without timestamps .*--timestamp-format/],
    ["text lines that do not start with the timestamp", () => ["--log-group", LOG_GROUP, "--timestamp-format", "iso8601", "plain.log"], /^error: plain\.log: line 1 does not start with a timestamp in format 'iso8601'/],
    ["an unknown --timestamp-format", () => ["--log-group", LOG_GROUP, "--timestamp-format", "%Q", "plain.log"], /^error: --timestamp-format: unknown timestamp format directive '%Q'/],
    ["a --log-group no stack has", () => ["--log-group", "/nope", "events.json"], /^error: --log-group: no stack has log group '\/nope'; log groups in the stacks: \/acme\/test\/app/],
    ["events of log groups no stack has", () => [file("other.jsonl.gz", gzipSync(record("/aws/lambda/other", [{ timestamp: minute(1), message: "x" }])))], /^error: other\.jsonl\.gz: log group '\/aws\/lambda\/other' is in no stack; log groups in the stacks: \/acme\/test\/app/],
    ["events without a log group and no --log-group", () => ["events.json"], /^error: events\.json: its events name no log group: give it with --log-group/],
    ["a bad --from", () => ["--log-group", LOG_GROUP, "--from", "yesterday", "events.json"], /^error: --from: 'yesterday' is not an ISO 8601 date or time/],
    ["--to before --from", () => ["--log-group", LOG_GROUP, "--from", "2026-11-24T11:00:00Z", "--to", "2026-11-24T10:00:00Z", "events.json"], /^error: --to: .* is not after --from/],
    ["an unknown --stack", () => ["--stack", "nope", "events.json"], /^error: --stack: no stack 'nope' in .*; its stacks: monitoring-test/],
    ["a --plot that is neither SVG nor PNG", () => ["--log-group", LOG_GROUP, "--plot", "alarms.pdf", "events.json"], /^error: --plot: 'alarms\.pdf' must end in \.svg or \.png/],
    ["an empty events file", () => [file("empty.json", "")], /^error: empty\.json: is empty: no log events/],
    ["no events file at all", () => ["--log-group", LOG_GROUP], /^error: EVENTS: give at least one events file \(or - for standard input\)/],
  ];
  beforeAll(() => file("events.json", JSON.stringify({ events: cliEvents })));

  test.each(bad)("%s", async (_what, args, message) => {
    const r = await run(...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("a --synth directory without stacks", async () => {
    const empty = writeSynthDir(work, {});
    let stderr = "";
    const io: CliIo = { stdout: () => undefined, stderr: (t) => void (stderr += t), readFile: () => "", cwd: work };
    expect(await main(["node", "ai-logs", "backtest", "--synth", empty, "events.json"], io)).toBe(2);
    expect(stderr).toMatch(/^error: --synth: .*cdktf\.out holds no stacks \(synthesize first: npm run synth\)/);
    expect(await main(["node", "ai-logs", "backtest", "--synth", join(work, "nowhere"), "events.json"], io)).toBe(2);
    expect(stderr).toMatch(/error: --synth: directory .*nowhere does not exist/);
  });

  test("a failed run leaves no picture behind", async () => {
    rmSync(join(work, "never.svg"), { force: true });
    await run("--log-group", LOG_GROUP, "--plot", "never.svg", "cut.json");
    expect(existsSync(join(work, "never.svg"))).toBe(false);
  });
});

describe("ai-logs backtest as a process", () => {
  test("reads events from standard input (-), gzip included", async () => {
    const bin = join(__dirname, "..", "..", "bin", "ai-logs.js");
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      const child = execFile(process.execPath, [bin, "backtest", "--synth", synth, "--format", "json", "-"], { cwd: work }, (error, stdout, stderr) =>
        done({ code: error ? Number(error.code) : 0, stdout, stderr })
      );
      child.stdin!.end(gzipSync(record(LOG_GROUP, [{ timestamp: minute(1), message: OOM }])));
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).alarms.find((a: { alarmName: string }) => a.alarmName === "test-oom").transitionsToAlarm).toBe(1);
  });
});
