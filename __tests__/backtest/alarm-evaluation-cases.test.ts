/**
 * Alarm-evaluation cases taken from the CloudWatch documentation, asserted exactly. Each case names
 * the page and section it comes from; the datapoint rows are the guide's own notation (oldest
 * first, 0 = not breaching, X = breaching, - = missing; evaluation range 5, Evaluation Periods 3).
 *
 * [MD]  "Configuring how CloudWatch alarms treat missing data", section "How alarm state is evaluated
 *       when data is missing", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html
 *       (the same tables as doc_source/AlarmThatSendsEmail.md in awsdocs/amazon-cloudwatch-user-guide, 2023-05-17)
 * [MD-2019] the earlier revision of that table (awsdocs/amazon-cloudwatch-user-guide, commit cd4004c), row "- - - - X"
 * [MD-2021] a later revision (commit 05fd32f), row "X - - - -"
 * [PT]  same page, "Avoiding premature transitions to alarm state"
 * [EV]  "Alarm evaluation", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html
 * [MM]  "Using metric math", section "Basic arithmetic functions" and the FILL function,
 *       https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 * [ST]  "CloudWatch statistics definitions", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 * [CA]  "Create a composite alarm" / PutCompositeAlarm AlarmRule
 * [REF] shared reference filter-pattern-semantics.md §7: a datapoint's timestamp is its event's, floored to the minute
 */
import { nextAlarmState, parseAlarmRule, evaluateAlarmRule, type Slot } from "../../src/backtest";
import type { AlarmStateName } from "../../src/backtest/composite-rule";
import type { TreatMissingData } from "../../src/backtest/definitions";
import { evaluateMetricMath, parseMetricMath } from "../../src/backtest/metric-math";
import { parseStatistic, statisticOf } from "../../src/backtest/statistics";
import { filter, minute, runBacktest, type Resources } from "./support";

const RETAIN = "retain current state";
type Expected = AlarmStateName | typeof RETAIN;

/** [data points, M, MISSING, IGNORE, BREACHING, NOT BREACHING, source] */
const TABLE: [string, number, Expected, Expected, Expected, Expected, string][] = [
  ["0 - X - X", 3, "OK", "OK", "OK", "OK", "MD table 1 row 1"],
  ["0 - - - -", 3, "OK", "OK", "OK", "OK", "MD table 1 row 2"],
  ["- - - - -", 3, "INSUFFICIENT_DATA", RETAIN, "ALARM", "OK", "MD table 1 row 3"],
  ["0 X X - X", 3, "ALARM", "ALARM", "ALARM", "ALARM", "MD table 1 row 4"],
  ["- - X - -", 3, "ALARM", RETAIN, "ALARM", "OK", "MD table 1 row 5 (premature alarm state)"],
  ["0 - X - X", 2, "ALARM", "ALARM", "ALARM", "ALARM", "MD table 2 row 1"],
  ["0 0 X 0 X", 2, "ALARM", "ALARM", "ALARM", "ALARM", "MD table 2 row 2"],
  ["0 - X - -", 2, "OK", "OK", "ALARM", "OK", "MD table 2 row 3"],
  ["- - - - 0", 2, "OK", "OK", "ALARM", "OK", "MD table 2 row 4"],
  ["- - - X -", 2, "ALARM", RETAIN, "ALARM", "OK", "MD table 2 row 5 (premature alarm state)"],
  ["- - - - X", 3, "INSUFFICIENT_DATA", RETAIN, "ALARM", "OK", "MD-2019 table 1 row 5"],
  ["- - - - X", 2, "INSUFFICIENT_DATA", RETAIN, "ALARM", "OK", "MD-2019 table 2 row 5"],
  ["X - - - -", 3, "ALARM", RETAIN, "ALARM", "OK", "MD-2021 table 1 row 6"],
];

const TREATMENTS: TreatMissingData[] = ["missing", "ignore", "breaching", "notBreaching"];

describe("alarm state from the evaluation range: the guide's tables, every cell", () => {
  const cells = TABLE.flatMap(([points, m, ...rest]) => {
    const source = rest[4] as string;
    return TREATMENTS.map((treat, i) => [points, m, treat, rest[i] as Expected, source] as const);
  });
  test.each(cells)("%s, %i of 3, treat missing data as %s -> %s [%s]", (points, m, treat, expected) => {
    const range = points.split(" ") as Slot[];
    for (const current of ["OK", "ALARM", "INSUFFICIENT_DATA"] as AlarmStateName[]) {
      expect(nextAlarmState(range, m, 3, treat, current)).toBe(expected === RETAIN ? current : expected);
    }
  });

  test("[PT] - - - - X and - - - X - do not go to ALARM with 3 of 3 when missing data is missing; - - X - - does", () => {
    expect(nextAlarmState("- - - - X".split(" ") as Slot[], 3, 3, "missing", "OK")).not.toBe("ALARM");
    expect(nextAlarmState("- - - X -".split(" ") as Slot[], 3, 3, "missing", "OK")).not.toBe("ALARM");
    expect(nextAlarmState("- - X - -".split(" ") as Slot[], 3, 3, "missing", "OK")).toBe("ALARM");
    // "... and the next data point is non-breaching": - - - X 0 stays out of ALARM
    expect(nextAlarmState("- - - X 0".split(" ") as Slot[], 3, 3, "missing", "OK")).toBe("OK");
  });
});

const sumAlarm = (overrides: Record<string, unknown>): Resources => ({
  aws_cloudwatch_log_metric_filter: filter("errors", "ERROR", { name: "Errors", value: "1" }),
  aws_cloudwatch_metric_alarm: {
    errors: {
      alarm_name: "errors",
      namespace: "Test",
      metric_name: "Errors",
      statistic: "Sum",
      comparison_operator: "GreaterThanThreshold",
      threshold: 5,
      period: 300,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      treat_missing_data: "notBreaching",
      ...overrides,
    },
  },
});
const errorsAt = (...minutes: [number, number][]) => minutes.flatMap(([m, count]) => Array.from({ length: count }, (_, i) => ({ timestamp: minute(m, i), message: "ERROR boom" })));

describe("evaluation timing and period alignment", () => {
  test("[EV] a 5-minute alarm is evaluated every minute over the last 5 minutes, not over the aligned periods a graph shows", () => {
    // 3 errors at 10:03 and 3 at 10:06: each aligned period (10:00, 10:05) holds 3, but the window
    // 10:02-10:07 that the evaluation at the end of minute 10:06 reads holds 6 > 5.
    const report = runBacktest(sumAlarm({}), errorsAt([3, 3], [6, 3]), { from: "2026-11-24T10:00:00Z", to: "2026-11-24T10:30:00Z" });
    const alarm = report.alarms.find((a) => a.alarmName === "errors")!;
    expect(alarm.datapoints).toEqual([
      { timestamp: "2026-11-24T10:00:00.000Z", value: 3 },
      { timestamp: "2026-11-24T10:05:00.000Z", value: 3 },
    ]);
    // In ALARM from the evaluation at 10:07 (window 10:02-10:07) through the one at 10:08 (10:03-10:08);
    // at 10:09 the window 10:04-10:09 holds 3: OK. The evaluation at 10:12 reads the range 09:57-10:02,
    // 10:02-10:07, 10:07-10:12: its only real datapoint is the 6 of 10:02-10:07 again, so it alarms again,
    // and once more at 10:17 ("CloudWatch alarms might repeatedly re-evaluate the last set of data points
    // for a period of time after the metric has stopped flowing", [MD], note); from 10:22 the range is empty.
    expect(alarm.alarmIntervals).toEqual([
      { start: "2026-11-24T10:07:00.000Z", end: "2026-11-24T10:09:00.000Z" },
      { start: "2026-11-24T10:12:00.000Z", end: "2026-11-24T10:14:00.000Z" },
      { start: "2026-11-24T10:17:00.000Z", end: "2026-11-24T10:19:00.000Z" },
    ]);
    expect(alarm.transitionsToAlarm).toBe(3);
  });

  test("[REF] a datapoint belongs to the minute of its event's timestamp, floored", () => {
    const alarm = sumAlarm({ period: 60, threshold: 1 });
    const report = runBacktest(alarm, [
      { timestamp: minute(4, 59) + 999, message: "ERROR a" },
      { timestamp: minute(5), message: "ERROR b" },
    ]);
    expect(report.alarms[0].datapoints).toEqual([
      { timestamp: "2026-11-24T10:04:00.000Z", value: 1 },
      { timestamp: "2026-11-24T10:05:00.000Z", value: 1 },
    ]);
  });

  test("[EV] with M of N, two breaching minutes out of three alarm, one does not", () => {
    const alarm = sumAlarm({ period: 60, threshold: 1, evaluation_periods: 3, datapoints_to_alarm: 2 });
    const once = runBacktest(alarm, errorsAt([0, 1], [2, 5], [4, 1], [10, 1]));
    expect(once.alarms[0].transitionsToAlarm).toBe(0);
    const twice = runBacktest(alarm, errorsAt([0, 1], [2, 5], [3, 5], [10, 1]));
    expect(twice.alarms[0].alarmIntervals![0].start).toBe("2026-11-24T10:04:00.000Z");
  });

  test("[MD] treat missing data as breaching: an alarm on a metric that stops alarms once the range empties", () => {
    const alarm = sumAlarm({ period: 60, threshold: 0, comparison_operator: "LessThanThreshold", evaluation_periods: 3, datapoints_to_alarm: 3, treat_missing_data: "breaching" });
    const report = runBacktest(alarm, errorsAt([0, 1], [1, 1], [2, 1], [3, 1], [20, 1]), { to: "2026-11-24T10:21:00Z" });
    // Real non-breaching datapoints at 10:00-10:03; the evaluation at 10:09 is the first whose range (10:04-10:08) holds none.
    expect(report.alarms[0].alarmIntervals![0].start).toBe("2026-11-24T10:09:00.000Z");
  });
});

describe("[MM] metric math in alarms: FILL and arithmetic with missing values", () => {
  const series = (values: number[]) => Float64Array.from(values);
  const m = { num: series([NaN, 2, NaN, 3, NaN]), den: series([10, 10, NaN, 0, 5]) };
  const run = (expression: string) => [...evaluateMetricMath(parseMetricMath(expression), 5, (id) => m[id as "num" | "den"])];

  test("100 * FILL(num, 0) / den: a missing numerator counts 0; a missing or zero denominator drops the datapoint", () => {
    expect(run("100 * FILL(num, 0) / den")).toEqual([0, 20, NaN, NaN, 0]);
  });
  test("between two series a missing value is treated as 0 ('Missing values in a time series are treated as 0')", () => {
    expect(run("den - num")).toEqual([10, 8, NaN, -3, 5]);
  });
  test("with a scalar, a missing datapoint stays missing", () => {
    expect(run("5 * num")).toEqual([NaN, 10, NaN, 15, NaN]);
  });
  test("a ratio alarm with a missing numerator stays OK; with errors above 5% of requests it alarms (2 of 2)", () => {
    const ratioAlarm: Resources = {
      aws_cloudwatch_log_metric_filter: {
        ...filter("errors", '"status=5"', { name: "Errors", value: "1" }),
        ...filter("requests", '"status="', { name: "Requests", value: "1", default_value: "0" }),
      },
      aws_cloudwatch_metric_alarm: {
        rate: {
          alarm_name: "rate",
          comparison_operator: "GreaterThanThreshold",
          threshold: 5,
          evaluation_periods: 2,
          datapoints_to_alarm: 2,
          treat_missing_data: "notBreaching",
          metric_query: [
            { id: "num", return_data: false, metric: { namespace: "Test", metric_name: "Errors", period: 60, stat: "Sum" } },
            { id: "den", return_data: false, metric: { namespace: "Test", metric_name: "Requests", period: 60, stat: "Sum" } },
            { id: "ratio", return_data: true, expression: "100 * FILL(num, 0) / den" },
          ],
        },
      },
    };
    const events = [];
    for (let m = 0; m < 10; m++) {
      for (let i = 0; i < 20; i++) events.push({ timestamp: minute(m, i), message: `GET / status=${m >= 4 && m < 6 && i < 2 ? 500 : 200}` });
    }
    const report = runBacktest(ratioAlarm, events);
    const rate = report.alarms.find((a) => a.alarmName === "rate")!;
    expect(rate.datapoints.map((d) => d.value)).toEqual([0, 0, 0, 0, 10, 10, 0, 0, 0, 0]);
    expect(rate.alarmIntervals).toEqual([{ start: "2026-11-24T10:06:00.000Z", end: "2026-11-24T10:07:00.000Z" }]);
  });
});

describe("[ST] statistics of a window", () => {
  const w = { count: 4, sum: 10, min: 1, max: 4, values: [4, 1, 3, 2] };
  test.each([
    ["SampleCount", 4],
    ["Sum", 10],
    ["Average", 2.5],
    ["Minimum", 1],
    ["Maximum", 4],
    ["p50", 2],
    ["p99", 4],
  ])("%s", (stat, expected) => {
    expect(statisticOf(parseStatistic(stat)!, w)).toBe(expected);
  });
  test("percentiles are not available when a value is negative (CloudWatch concepts, Percentiles)", () => {
    expect(statisticOf(parseStatistic("p90")!, { count: 2, sum: 0, min: -1, max: 1, values: [-1, 1] })).toBeNaN();
  });
  test("trimmed means are not simulated", () => {
    expect(parseStatistic("tm90")).toBeUndefined();
  });
});

describe("[CA] composite alarm rules", () => {
  const states: Record<string, AlarmStateName> = { CPUUtilizationTooHigh: "ALARM", DeploymentInProgress: "OK", DiskReadOpsTooHigh: "OK", NetworkOutTooHigh: "OK" };
  test.each([
    ["ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh)", false],
    ["ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress)", true],
    ["(ALARM(CPUUtilizationTooHigh) OR ALARM(DiskReadOpsTooHigh)) AND OK(NetworkOutTooHigh)", true],
    ['ALARM("arn:aws:cloudwatch:us-east-1:123456789012:alarm:CPUUtilizationTooHigh")', true],
    ["TRUE AND NOT FALSE", true],
  ])("%s", (rule, expected) => {
    expect(evaluateAlarmRule(parseAlarmRule(rule), (name) => states[name])).toBe(expected);
  });
  test("a child that is not simulated is unknown unless the others decide", () => {
    const known = (name: string) => (name === "band" ? undefined : states[name]);
    expect(evaluateAlarmRule(parseAlarmRule("ALARM(band) OR ALARM(CPUUtilizationTooHigh)"), known)).toBe(true);
    expect(evaluateAlarmRule(parseAlarmRule("ALARM(band) OR ALARM(DiskReadOpsTooHigh)"), known)).toBeUndefined();
    expect(evaluateAlarmRule(parseAlarmRule("ALARM(band) AND ALARM(DiskReadOpsTooHigh)"), known)).toBe(false);
  });
});
