import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { main } from "../../src/cli/main";
import { CliIo } from "../../src/cli/io";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const workDir = mkdtempSync(join(tmpdir(), "ai-logs-cli-"));

/** Runs `ai-logs <args>` in-process with captured output; files are read from `workDir`. */
async function run(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: (path) => readFileSync(resolve(workDir, path), "utf8"),
    cwd: workDir,
  };
  const code = await main(["node", "ai-logs", ...args], io);
  return { code, stdout, stderr };
}

function writeWorkFile(name: string, content: string): string {
  writeFileSync(join(workDir, name), content);
  return `file://${name}`;
}

describe("ai-logs test-metric-filter", () => {
  test("prints the AWS CLI document, 4-space indented, with 1-based event numbers", async () => {
    const result = await run(
      "test-metric-filter",
      "--filter-pattern",
      "ERROR",
      "--log-event-messages",
      "[ERROR] Unknown error",
      "[INFO] fine"
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [
        "{",
        '    "matches": [',
        "        {",
        '            "eventNumber": 1,',
        '            "eventMessage": "[ERROR] Unknown error",',
        '            "extractedValues": {}',
        "        }",
        "    ]",
        "}",
        "",
      ].join("\n")
    );
  });

  test("no match prints an empty list", async () => {
    const result = await run("test-metric-filter", "--filter-pattern", "FATAL", "--log-event-messages", "INFO ok");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ matches: [] });
  });

  test("space-delimited extraction: the TestMetricFilter documentation example", async () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
    const result = await run(
      "test-metric-filter",
      "--filter-pattern",
      "[..., request=*.html*, status_code=4*,]",
      "--log-event-messages",
      line
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).matches[0].extractedValues).toEqual({
      $1: "127.0.0.1",
      $2: "-",
      $3: "frank",
      $4: "10/Oct/2000:13:25:15 -0700",
      $request: "GET /index.html HTTP/1.0",
      $status_code: "404",
      $7: "1534",
    });
  });

  test("an invalid pattern exits with 255 and the AWS CLI error line", async () => {
    const result = await run("test-metric-filter", "--filter-pattern", "ERR*", "--log-event-messages", "x");
    expect(result.code).toBe(255);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "\nAn error occurred (InvalidParameterException) when calling the TestMetricFilter operation: Invalid character(s) in term '*'\n"
    );
  });

  test("too many messages is a service error too", async () => {
    const result = await run(
      "test-metric-filter",
      "--filter-pattern",
      "",
      "--log-event-messages",
      ...Array.from({ length: 51 }, (_, i) => `m${i}`)
    );
    expect(result.code).toBe(255);
    expect(result.stderr).toContain("InvalidParameterException");
    expect(result.stderr).toContain("'logEventMessages'");
  });

  test("--filter-pattern=-ERROR passes a pattern that starts with a dash", async () => {
    const result = await run("test-metric-filter", "--filter-pattern=-ERROR", "--log-event-messages", "INFO ok", "ERROR no");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).matches.map((m: { eventNumber: number }) => m.eventNumber)).toEqual([1]);
  });

  describe("file:// arguments", () => {
    test("messages from a JSON array file", async () => {
      const file = writeWorkFile("events.json", JSON.stringify(['{"level":"ERROR"}', '{"level":"INFO"}']));
      const result = await run("test-metric-filter", "--filter-pattern", '{ $.level = "ERROR" }', "--log-event-messages", file);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).matches).toEqual([{ eventNumber: 1, eventMessage: '{"level":"ERROR"}', extractedValues: {} }]);
    });

    test("a pattern from a file", async () => {
      const file = writeWorkFile("pattern.txt", '"CUDA out of memory"\n');
      const result = await run("test-metric-filter", "--filter-pattern", file, "--log-event-messages", "RuntimeError: CUDA out of memory");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).matches).toHaveLength(1);
    });

    test.each([
      ["a missing file", () => "file://does-not-exist.json", /--log-event-messages: cannot read file 'does-not-exist.json'/],
      ["a file that is not JSON", () => writeWorkFile("bad.json", "not json"), /--log-event-messages: file:\/\/bad.json is not valid JSON/],
      ["a JSON file that is not an array", () => writeWorkFile("object.json", '{"a":1}'), /must contain a JSON array of strings/],
      ["an array with a non-string", () => writeWorkFile("mixed.json", '["a", 1]'), /must contain a JSON array of strings/],
    ])("%s exits with 2 naming the argument", async (_what, file, message) => {
      const result = await run("test-metric-filter", "--filter-pattern", "x", "--log-event-messages", file());
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  });

  describe("usage errors exit with 2", () => {
    test.each([
      [["test-metric-filter", "--log-event-messages", "x"], /required option '--filter-pattern/],
      [["test-metric-filter", "--filter-pattern", "x"], /required option '--log-event-messages/],
      [["test-metric-filter", "--filter-pattern", "x", "--log-event-messages", "y", "--bogus"], /unknown option '--bogus'/],
      // A misspelt required flag is an unknown option, not "required option not specified".
      [["test-metric-filter", "--filter-patern", "x", "--log-event-messages", "y"], /unknown option '--filter-patern'\n\(Did you mean --filter-pattern\?\)/],
      [["no-such-command"], /unknown command 'no-such-command'/],
      [[], /Usage: ai-logs/],
      [["test-metric-filter", "--filter-pattern", "x", "--log-event-messages", "y", "--default-value", "1"], /need --metric-value/],
    ])("%j", async (args, message) => {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    });
  });

  test("--help exits with 0 and documents the extensions", async () => {
    const result = await run("test-metric-filter", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--filter-pattern <pattern>");
    expect(result.stdout).toContain("--metric-value");
    expect(result.stdout).toContain("Extensions (not in the AWS CLI)");
  });

  describe("metric extensions", () => {
    test("--metric-value and --dimensions add what each match publishes, and a summary", async () => {
      const result = await run(
        "test-metric-filter",
        "--filter-pattern",
        "{ $.latency_ms > 1000 }",
        "--log-event-messages",
        '{"latency_ms":1500,"model":"gpt-4o"}',
        '{"latency_ms":20,"model":"gpt-4o"}',
        "--metric-value",
        "$.latency_ms",
        "--dimensions",
        '{"Model":"$.model"}'
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        matches: [
          {
            eventNumber: 1,
            eventMessage: '{"latency_ms":1500,"model":"gpt-4o"}',
            extractedValues: {},
            metricValue: 1500,
            dimensions: { Model: "gpt-4o" },
          },
        ],
        metricSummary: { sampleCount: 1, sum: 1500 },
      });
    });

    test("--default-value counts once per non-matching event; a non-numeric value publishes null", async () => {
      const result = await run(
        "test-metric-filter",
        "--filter-pattern",
        "[level = ERROR, ms]",
        "--log-event-messages",
        "ERROR 5",
        "ERROR slow",
        "INFO 1",
        "INFO 2",
        "--metric-value",
        "$ms",
        "--default-value",
        "0.5"
      );
      expect(result.code).toBe(0);
      const output = JSON.parse(result.stdout);
      expect(output.matches.map((m: { metricValue: number | null }) => m.metricValue)).toEqual([5, null]);
      expect(output.metricSummary).toEqual({ sampleCount: 3, sum: 6 });
    });

    test("an invalid metric transformation exits with 2 and lists the problems", async () => {
      const result = await run(
        "test-metric-filter",
        "--filter-pattern",
        "ERROR",
        "--log-event-messages",
        "ERROR",
        "--metric-value",
        "$.latency"
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/invalid metric transformation:\n  - metricValue: \$\.latency is a JSON selector/);
    });

    test.each([
      [["--default-value", "abc"], /--default-value must be a number/],
      [["--dimensions", "{bad"], /--dimensions is not valid JSON/],
      [["--dimensions", '["$.a"]'], /--dimensions must be a JSON object of strings/],
    ])("%j exits with 2", async (extra, message) => {
      const result = await run(
        "test-metric-filter",
        "--filter-pattern",
        "{ $.a = 1 }",
        "--log-event-messages",
        '{"a":1}',
        "--metric-value",
        "1",
        ...extra
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    });
  });
});

describe("bin/ai-logs.js", () => {
  test("runs the command through tsx in a child process", async () => {
    const bin = resolve(__dirname, "../../bin/ai-logs.js");
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      "test-metric-filter",
      "--filter-pattern",
      "[w1=ERROR, w2]",
      "--log-event-messages",
      "ERROR request failed",
      "INFO ok",
    ]);
    expect(JSON.parse(stdout)).toEqual({
      matches: [{ eventNumber: 1, eventMessage: "ERROR request failed", extractedValues: { $w1: "ERROR", $w2: "request failed" } }],
    });
  });
});
