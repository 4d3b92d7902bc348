/**
 * Reading alarms and filters from synthesized Terraform JSON: references, template escapes, what
 * cannot be read (reported, never guessed), percentile alarms, and one stack directory as --synth.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModel, readModel } from "../../src/backtest";
import { renderTemplate } from "../../src/backtest/terraform-template";
import { filter, minute, runBacktest, stack, writeSynthDir, type Resources } from "./support";

const work = mkdtempSync(join(tmpdir(), "ai-logs-backtest-model-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("Terraform string templates", () => {
  const resolve = (e: string) => ({ "aws_cloudwatch_log_group.app.name": "/acme/app" })[e];
  test.each([
    ["plain text", "ERROR", { text: "ERROR" }],
    ["a reference", "${aws_cloudwatch_log_group.app.name}", { text: "/acme/app" }],
    ["a reference inside text", 'ALARM("${aws_cloudwatch_log_group.app.name}")', { text: 'ALARM("/acme/app")' }],
    ["the $${ escape", '{ $.user = "$${name}" }', { text: '{ $.user = "${name}" }' }],
    ["the %%{ escape", "%%{if x}", { text: "%{if x}" }],
    ["a lone $ or %", "$.a = 100%", { text: "$.a = 100%" }],
    ["a variable", "${var.env}", { unresolved: "${var.env}" }],
    ["a directive", "%{ if true }x%{ endif }", { unresolved: "%{if true}" }],
  ])("%s", (_what, template, expected) => {
    expect(renderTemplate(template, resolve)).toEqual(expected);
  });
});

describe("what the model reads", () => {
  test("an alarm with a value the synthesized JSON does not resolve is reported with the reason", () => {
    const model = readModel(
      new Map([["s", stack({ aws_cloudwatch_metric_alarm: { a: { alarm_name: "a", threshold: "${var.threshold}", comparison_operator: "GreaterThanThreshold", evaluation_periods: 1 } } })]])
    );
    expect(model.alarms).toEqual([
      { kind: "unreadable", stack: "s", address: "aws_cloudwatch_metric_alarm.a", alarmName: "a", reason: "threshold holds ${var.threshold}, which the synthesized JSON does not resolve" },
    ]);
  });

  test("a filter whose pattern does not parse is skipped with the reason, and its alarm says no filter publishes the metric", () => {
    const resources: Resources = {
      aws_cloudwatch_log_metric_filter: filter("bad", "{ $.a = ", { name: "Bad", value: "1" }),
      aws_cloudwatch_metric_alarm: {
        a: { alarm_name: "a", namespace: "Test", metric_name: "Bad", statistic: "Sum", comparison_operator: "GreaterThanThreshold", threshold: 0, period: 60, evaluation_periods: 1 },
      },
    };
    const report = runBacktest(resources, [{ timestamp: minute(0), message: "x" }]);
    expect(report.skippedFilters[0]).toMatchObject({ address: "aws_cloudwatch_log_metric_filter.bad" });
    expect(report.skippedFilters[0].reason).toMatch(/^its pattern does not parse/);
    expect(report.alarms[0]).toMatchObject({ simulated: false, reason: "no metric filter of stack test publishes Test Bad with these dimension names" });
  });

  test("a p90 alarm reads the raw values of its window; with too few samples and `ignore` it keeps its state", () => {
    const p90 = (lowSamples: string): Resources => ({
      aws_cloudwatch_log_metric_filter: filter("latency", "{ $.ms = * }", { name: "Latency", value: "$.ms" }),
      aws_cloudwatch_metric_alarm: {
        a: {
          alarm_name: "a",
          namespace: "Test",
          metric_name: "Latency",
          extended_statistic: "p90",
          comparison_operator: "GreaterThanThreshold",
          threshold: 500,
          period: 60,
          evaluation_periods: 1,
          treat_missing_data: "notBreaching",
          evaluate_low_sample_count_percentiles: lowSamples,
        },
      },
    });
    // Minute 0: 10 requests, one of them slow: p90 = 100. Minute 1: 10 requests, two slow: p90 = 900.
    const events = [0, 1].flatMap((m) => Array.from({ length: 10 }, (_, i) => ({ timestamp: minute(m, i), message: JSON.stringify({ ms: i >= 10 - (m + 1) ? 900 : 100 }) })));
    const evaluated = runBacktest(p90("evaluate"), events).alarms[0];
    expect(evaluated.datapoints.map((d) => d.value)).toEqual([100, 900]);
    expect(evaluated.alarmIntervals![0].start).toBe("2026-11-24T10:02:00.000Z");
    // p90 needs 10 / (1 - 0.9) = 100 samples before `ignore` lets it change state.
    expect(runBacktest(p90("ignore"), events).alarms[0]).toMatchObject({ transitionsToAlarm: 0, alarmIntervals: [] });
  });

  test("an ANOMALY_DETECTION_BAND alarm shows its metric and no state", () => {
    const resources: Resources = {
      aws_cloudwatch_log_metric_filter: filter("calls", "{ $.model = * }", { name: "Calls", value: "1" }),
      aws_cloudwatch_metric_alarm: {
        band: {
          alarm_name: "band",
          comparison_operator: "GreaterThanUpperThreshold",
          evaluation_periods: 3,
          threshold_metric_id: "ad1",
          metric_query: [
            { id: "m1", return_data: true, metric: { namespace: "Test", metric_name: "Calls", period: 60, stat: "Sum" } },
            { id: "ad1", return_data: true, expression: "ANOMALY_DETECTION_BAND(m1, 2)" },
          ],
        },
      },
    };
    const alarm = runBacktest(resources, [{ timestamp: minute(0), message: '{"model":"m"}' }]).alarms[0];
    expect(alarm).toMatchObject({ simulated: false, transitionsToAlarm: null, alarmIntervals: null, datapoints: [{ timestamp: "2026-11-24T10:00:00.000Z", value: 1 }] });
    expect(alarm.reason).toMatch(/anomaly-detection band/);
  });

  test("--synth may name one stack directory", () => {
    const out = writeSynthDir(work, { solo: stack({ aws_cloudwatch_log_metric_filter: filter("f", "ERROR", { value: "1" }) }) });
    const model = loadModel(join(out, "stacks", "solo"), undefined, work);
    expect(model.stacks).toEqual(["solo"]);
    expect([...model.logGroups.keys()]).toEqual(["/acme/test/app"]);
  });
});
