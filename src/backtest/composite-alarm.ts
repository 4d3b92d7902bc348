/**
 * Composite alarms over the backtest window: the rule is re-evaluated whenever a child alarm changes
 * state, ALARM while it holds and OK otherwise ("Create a composite alarm", CloudWatch user guide:
 * INSUFFICIENT_DATA only right after creation). Children that are not simulated are unknown, and the
 * composite is UNKNOWN wherever its rule depends on them (composite-rule.ts).
 */
import { alarmsOf, evaluateAlarmRule, type AlarmStateName } from "./composite-rule";
import type { CompositeAlarmDef } from "./definitions";
import type { StateChange, Window } from "./metric-alarm";

/** A child's timeline, or undefined when it is not simulated. */
export type TimelineOf = (alarmName: string) => readonly StateChange[] | undefined;

export function simulateCompositeAlarm(alarm: CompositeAlarmDef, timelineOf: TimelineOf, window: Window): StateChange[] {
  const children = alarmsOf(alarm.rule).map((name) => ({ name, timeline: timelineOf(name) }));
  const minutes = new Set<number>([window.start]);
  for (const child of children) for (const change of child.timeline ?? []) if (change.minute <= window.end) minutes.add(change.minute);
  const positions = new Map<string, number>(children.map((c) => [c.name, 0]));
  const changes: StateChange[] = [];
  for (const minute of [...minutes].sort((a, b) => a - b)) {
    const stateOf = (name: string): AlarmStateName | undefined => {
      const timeline = children.find((c) => c.name === name)?.timeline;
      if (!timeline) return undefined;
      let i = positions.get(name)!;
      while (i + 1 < timeline.length && timeline[i + 1].minute <= minute) i++;
      positions.set(name, i);
      const state = timeline[i].minute <= minute ? timeline[i].state : "INSUFFICIENT_DATA";
      return state === "UNKNOWN" ? undefined : state;
    };
    const truth = evaluateAlarmRule(alarm.rule, stateOf);
    const state = truth === undefined ? "UNKNOWN" : truth ? "ALARM" : "OK";
    if (changes.length === 0 || changes[changes.length - 1].state !== state) changes.push({ minute, state });
  }
  return changes;
}

/** The state of a timeline at `minute`. */
export function stateAt(timeline: readonly StateChange[], minute: number): StateChange["state"] {
  let state: StateChange["state"] = "INSUFFICIENT_DATA";
  for (const change of timeline) {
    if (change.minute > minute) break;
    state = change.state;
  }
  return state;
}
