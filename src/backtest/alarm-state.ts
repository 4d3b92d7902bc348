/**
 * The state a metric alarm takes at one evaluation, from the datapoints of its evaluation range,
 * as the CloudWatch user guide documents it ("Configuring how CloudWatch alarms treat missing data",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html,
 * sections "How alarm state is evaluated when data is missing" and "Avoiding premature transitions
 * to alarm state"):
 *
 * - CloudWatch retrieves more datapoints than Evaluation Periods (N): the evaluation range.
 * - At least N real datapoints in the range: the most recent N real ones decide, and the
 *   missing-data setting "is not needed and is ignored". M or more breaching: ALARM, else OK.
 * - Fewer than N: the missing ones are filled with the setting, "as few times as possible", and
 *   every real datapoint of the range is included. `breaching` / `notBreaching` fill breaching /
 *   non-breaching datapoints. `missing` and `ignore` fill nothing: M breaching real datapoints give
 *   ALARM; a non-breaching real one gives OK; with no real datapoint at all, `missing` gives
 *   INSUFFICIENT_DATA and `ignore` keeps the current state. When every real datapoint breaches but
 *   there are fewer than M, `missing` goes to ALARM only if the oldest breaching datapoint is at
 *   least M datapoints old ("premature transition" rule: `- - X - -` alarms, `- - - - X` does not),
 *   and `ignore` keeps the current state.
 *
 * The guide's prose for the premature rule, read alone, would also put `0 - X - -` (2 of 3,
 * `missing`) into ALARM, while its table says OK (awsdocs/amazon-cloudwatch-user-guide#129): we
 * follow the tables, where a non-breaching real datapoint in the range blocks the rule.
 * __tests__/backtest/alarm-evaluation-cases.test.ts asserts every row of those tables.
 */
import type { TreatMissingData } from "./definitions";
import type { AlarmStateName } from "./composite-rule";

/** One datapoint of the evaluation range: breaching (X), not breaching (0) or missing (-). */
export type Slot = "X" | "0" | "-";

/**
 * The alarm's next state. `range` lists the evaluation range oldest first (most recent last, as in
 * the guide's tables); `m` is Datapoints to Alarm, `n` Evaluation Periods.
 */
export function nextAlarmState(range: readonly Slot[], m: number, n: number, treat: TreatMissingData, current: AlarmStateName): AlarmStateName {
  let real = 0;
  let breaching = 0;
  let oldestReal = -1;
  for (let i = 0; i < range.length; i++) {
    if (range[i] === "-") continue;
    if (oldestReal < 0) oldestReal = i;
    real++;
    if (range[i] === "X") breaching++;
  }
  if (real >= n) {
    // The most recent n real datapoints decide.
    let seen = 0;
    let recentBreaching = 0;
    for (let i = range.length - 1; i >= 0 && seen < n; i--) {
      if (range[i] === "-") continue;
      seen++;
      if (range[i] === "X") recentBreaching++;
    }
    return recentBreaching >= m ? "ALARM" : "OK";
  }
  if (treat === "breaching" || treat === "notBreaching") {
    const filled = treat === "breaching" ? n - real : 0;
    return breaching + filled >= m ? "ALARM" : "OK";
  }
  if (real === 0) return treat === "missing" ? "INSUFFICIENT_DATA" : current;
  if (breaching >= m) return "ALARM";
  if (breaching < real) return "OK";
  if (treat === "ignore") return current;
  const oldestAge = range.length - oldestReal; // 1 = the most recent datapoint
  return oldestAge >= m ? "ALARM" : "INSUFFICIENT_DATA";
}

/**
 * Length of the evaluation range. The guide says it "depends on the length of the alarm period and
 * whether it is based on a metric with standard resolution or high resolution" without the rule
 * (awsdocs/amazon-cloudwatch-user-guide#102); its only examples have N = 3 and a range of 5. We
 * assume N + 2 for every alarm.
 */
export function evaluationRange(evaluationPeriods: number): number {
  return evaluationPeriods + 2;
}
