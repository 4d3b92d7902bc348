import type { Config } from "../../src/config/schema";
import { validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import type { WorkloadModel } from "../../src/model/types";
import { nextAlarmState, type Slot } from "../../src/backtest/alarm-state";
import { WORKLOAD_KINDS } from "../../src/signals";
import { mutated } from "../support/configs";

/**
 * Silence is an incident: every kind has an alarm that fires when its workload stops logging, on the
 * events CloudWatch counts arriving in the log group (AWS/Logs IncomingLogEvents), with missing data
 * breaching because a silent log group publishes no datapoint at all. The alarm's state is computed
 * with the backtest's evaluator of CloudWatch's rules (src/backtest/alarm-state.ts, checked against
 * recorded AWS behaviour in __tests__/backtest/alarm-evaluation-cases.test.ts).
 */

/** What each kind needs besides a name (its required settings section). */
const SETTINGS: Record<string, Partial<Config["workloads"][number]>> = {
  bedrock: { bedrock: { invocationLogging: { ownerEnvironments: ["dev"] } } },
  "sagemaker-endpoint": { sagemaker: { endpointName: "acme-ranker" } },
};

/** How long each kind's running workload may stay quiet before the alarm fires, and why (docs/silence.md). */
const QUIET_MINUTES: Record<string, number> = {
  generic: 60,
  "llm-inference": 15, // health probes and metrics scrapes are access lines; vLLM's stats line every 10 s
  "llm-app": 60, // one span per model call: traffic-driven
  bedrock: 60, // one record per invocation: traffic-driven
  "sagemaker-endpoint": 15, // TorchServe's host metric lines every minute
  "training-job": 15, // step lines every few seconds to minutes
  "gpu-host": 60, // the kernel log of a running host
};

function workload(kind: string, extra: Partial<Config["workloads"][number]> = {}): WorkloadModel {
  const config = mutated((c) => {
    c.workloads[0] = { name: "w", kind, ...SETTINGS[kind], ...extra } as Config["workloads"][number];
  });
  validateConfig(config, "t.yaml");
  return buildModel(config, "t.yaml").environments[0].workloads[0];
}

const heartbeatOf = (w: WorkloadModel) => w.alarms.find((a) => a.alarm.metric.namespace === "AWS/Logs" && a.alarm.metric.name === "IncomingLogEvents");

/**
 * Minutes from the last event until the alarm is in ALARM, evaluated once a period as CloudWatch does:
 * an hour of logging (every datapoint >= 1, so not breaching), then nothing.
 */
function minutesUntilAlarm(w: WorkloadModel): number | undefined {
  const a = heartbeatOf(w)!.alarm;
  const logging: Slot[] = Array.from({ length: Math.ceil(3600 / a.period) + a.evaluationPeriods }, () => "0");
  let state = nextAlarmState(logging.slice(-a.evaluationPeriods), a.datapointsToAlarm, a.evaluationPeriods, a.treatMissingData, "OK");
  expect(state).toBe("OK");
  const slots = [...logging];
  for (let quiet = 1; quiet <= 24 * 60 * 60 / a.period; quiet++) {
    slots.push("-");
    state = nextAlarmState(slots.slice(-a.evaluationPeriods), a.datapointsToAlarm, a.evaluationPeriods, a.treatMissingData, state);
    if (state === "ALARM") return (quiet * a.period) / 60;
  }
  return undefined;
}

describe("every kind has a heartbeat", () => {
  it("covers every kind of the catalogue", () => {
    expect(Object.keys(QUIET_MINUTES).sort()).toEqual(WORKLOAD_KINDS.map((k) => k.kind).sort());
  });

  describe.each(WORKLOAD_KINDS.map((k) => k.kind))("%s", (kind) => {
    const w = workload(kind);
    const heartbeat = heartbeatOf(w);

    it("watches the events arriving in the workload's own log group, missing data breaching", () => {
      expect(heartbeat).toBeDefined();
      expect(heartbeat!.id).toBe("heartbeat");
      expect(heartbeat!.alarm.metric).toEqual({ namespace: "AWS/Logs", name: "IncomingLogEvents", dimensions: { LogGroupName: w.logGroup.name } });
      expect(heartbeat!.alarm).toMatchObject({ statistic: "Sum", comparison: "LessThanThreshold", threshold: 1, treatMissingData: "breaching" });
    });

    it(`fires ${QUIET_MINUTES[kind]} minutes after the last event, and not while events arrive`, () => {
      expect(minutesUntilAlarm(w)).toBe(QUIET_MINUTES[kind]);
    });

    it("is a member of the workload's health alarm, which a maintenance alarm can suppress", () => {
      expect(w.health!.alarmNames).toContain(heartbeat!.alarm.name);
      const maintained = workload(kind, { health: { actionsSuppressor: { alarm: "acme-maintenance-window" } } });
      expect(maintained.health!.suppressor).toMatchObject({ alarm: "acme-maintenance-window" });
      expect(maintained.health!.alarmNames).toContain(heartbeatOf(maintained)!.alarm.name);
    });
  });
});

describe("the heartbeat is configurable", () => {
  it("takes a longer quiet time for a workload that idles: 6 hours in hourly periods", () => {
    const w = workload("llm-inference", { signals: { heartbeat: { period: 3600, evaluationPeriods: 6, datapointsToAlarm: 6 } } });
    expect(minutesUntilAlarm(w)).toBe(360);
  });

  it("is off for a batch job that is quiet between runs, and the health alarm keeps its other members", () => {
    const w = workload("generic", { signals: { heartbeat: { enabled: false } } });
    expect(heartbeatOf(w)).toBeUndefined();
    expect(w.health!.alarmNames).toEqual(w.signals.flatMap((s) => (s.alarm ? [s.alarm.name] : [])));
  });

  it("can page instead of warn", () => {
    const w = workload("training-job", { signals: { heartbeat: { severity: "critical" } } });
    expect(heartbeatOf(w)!.alarm.topicIds).toEqual(["alerts_critical"]);
  });

  it("suppresses the health alarm of a training job between runs when it is the suppressor (the example's llama-finetune)", () => {
    const w = workload("training-job", { health: { actionsSuppressor: { alarm: "heartbeat" } } });
    expect(w.health!.suppressor!.alarm).toBe(heartbeatOf(w)!.alarm.name);
    expect(w.health!.alarmNames).not.toContain(heartbeatOf(w)!.alarm.name);
  });
});

describe("Bedrock invocation-log delivery", () => {
  const failures = (w: WorkloadModel) => w.alarms.find((a) => a.id === "log-delivery-failures");

  it("is watched where the workload owns the account's invocation logging: AWS/Bedrock delivery failures, across all models", () => {
    const a = failures(workload("bedrock"))!.alarm;
    expect(a.metric).toEqual({ namespace: "AWS/Bedrock", name: "ModelInvocationLogsCloudWatchDeliveryFailure", dimensions: {} });
    expect(a).toMatchObject({ statistic: "Sum", comparison: "GreaterThanThreshold", threshold: 0, treatMissingData: "notBreaching" });
  });

  it("is not watched where the logging configuration is managed elsewhere", () => {
    expect(failures(workload("bedrock", { bedrock: { invocationLogging: { ownerEnvironments: [] } } }))).toBeUndefined();
  });
});
