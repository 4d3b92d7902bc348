import type { Config } from "../../src/config/schema";
import { validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { runChecks } from "../../src/checks";
import { WORKLOAD_KINDS, type SignalPreset } from "../../src/signals";
import { anyOccurrence } from "../../src/signals/common";
import { FilterPattern } from "../../src/patterns";
import { activeFilters, presetSignals, type ResolvedKind } from "../../src/model/monitoring";
import type { WorkloadModel } from "../../src/model/types";
import { mutated } from "../support/configs";

/** The catalogue as the model resolves it for one workload: companions, formats, fan-out, extras. */
function workload(extra: Partial<Config["workloads"][number]> & { kind: string }, mutate: (c: Config) => void = () => undefined, env = 0): WorkloadModel {
  const config = mutated((c) => {
    c.workloads[0] = { name: "chat-api", ...extra };
    mutate(c);
  });
  validateConfig(config, "t.yaml"); // every case here is a valid config
  return buildModel(config, "t.yaml").environments[env].workloads[0];
}
const signal = (w: WorkloadModel, id: string) => w.signals.find((s) => s.id === id);
const alarmIds = (w: WorkloadModel) => (w.alarms ?? []).map((a) => a.id);

describe("per-dimension signals", () => {
  const w = workload({ kind: "llm-app" });

  it("become an undimensioned filter that the default alarm watches, plus a per-model filter without alarm", () => {
    const total = signal(w, "input-tokens")!;
    const byModel = signal(w, "input-tokens-by-model")!;
    expect(total.filter.metric).toMatchObject({ name: "InputTokens", dimensions: {} });
    expect(total.alarm).toMatchObject({ name: "acme-dev-chat-api-input-tokens", metric: { name: "InputTokens", dimensions: {} }, comparison: "GreaterThanUpperThreshold", anomalyBand: { width: 2 } });
    expect(byModel.filter.metric).toMatchObject({ name: "InputTokens", dimensions: { Model: "$.['gen_ai.request.model']" } });
    expect(byModel.filter.name).toBe("acme-dev-chat-api-input-tokens-by-model");
    expect(byModel.alarm).toBeUndefined();
    expect(byModel.filter.pattern).toBe(total.filter.pattern);
  });

  it("move the alarm to the per-model filter when config names the model to watch", () => {
    const tuned = workload({ kind: "llm-app", signals: { "input-tokens": { dimensions: { Model: "gpt-4o" } } } });
    expect(signal(tuned, "input-tokens")!.alarm).toBeUndefined();
    expect(signal(tuned, "input-tokens-by-model")!.alarm).toMatchObject({ name: "acme-dev-chat-api-input-tokens", metric: { dimensions: { Model: "gpt-4o" } } });
  });
});

describe("log formats", () => {
  it("keep only the filters of the formats a workload writes, and the ones every format shares", () => {
    const w = workload({ kind: "llm-inference", logFormats: ["tgi"] });
    expect(w.signals.map((s) => s.id)).toEqual(["requests", "requests-tgi", "server-errors", "server-errors-tgi", "throttled", "throttled-tgi", "cuda-oom", "engine-dead", "gpu-errors", "slow-requests"]);
    expect(alarmIds(w)).toEqual(["error-rate", "heartbeat"]);
  });

  it("keep a signal's later filter as its alarm owner when the first one's format is not written", () => {
    const w = workload({ kind: "llm-inference", logFormats: ["ollama"] });
    expect(w.signals.filter((s) => s.alarm).map((s) => s.id)).toContain("slow-requests-ollama");
    expect(w.signals.map((s) => s.id)).not.toContain("output-tokens-per-second");
  });

  it("drop a ratio whose signal is disabled", () => {
    const w = workload({ kind: "llm-inference", signals: { requests: { enabled: false } } });
    expect(alarmIds(w)).toEqual(["heartbeat"]);
  });

  it("keep every preset by default", () => {
    const w = workload({ kind: "llm-inference" });
    expect(w.signals.map((s) => s.id)).toContain("output-tokens-per-second");
    expect(alarmIds(w)).toEqual(["error-rate", "heartbeat"]);
  });
});

describe("ratio alarms", () => {
  it("divide the numerator's Sum by the denominator's, in percent", () => {
    const ratio = workload({ kind: "bedrock", bedrock: { invocationLogging: { ownerEnvironments: [] } } }).alarms!.find((a) => a.id === "error-rate")!;
    expect(ratio).toMatchObject({ source: "ratio", path: "workloads[0].signals.error-rate" });
    expect(ratio.alarm).toMatchObject({
      name: "acme-dev-chat-api-error-rate",
      statistic: "Sum",
      threshold: 5,
      metric: { namespace: "AI_Monitoring/chat-api", name: "InvocationErrors", dimensions: {} },
      ratio: { scale: 100, denominator: { namespace: "AI_Monitoring/chat-api", name: "Invocations", dimensions: {} } },
    });
  });

  it("can be tuned and disabled like signals", () => {
    const tuned = workload({ kind: "llm-app", signals: { "error-rate": { threshold: 2, severity: "warning" } } });
    expect(tuned.alarms!.find((a) => a.id === "error-rate")!.alarm).toMatchObject({ threshold: 2, severity: "warning", topicIds: ["alerts_critical"] });
    expect(alarmIds(workload({ kind: "llm-app", signals: { "error-rate": { enabled: false } } }))).toEqual(["heartbeat"]);
    expect(alarmIds(workload({ kind: "llm-app", signals: { errors: { enabled: false } } }))).toEqual(["heartbeat"]);
  });
});

describe("alarms on AWS metrics", () => {
  it("fan out over Bedrock model ids, one alarm per model with its ModelId", () => {
    const w = workload({ kind: "bedrock", bedrock: { modelIds: ["anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.nova-micro-v1:0"], invocationLogging: { ownerEnvironments: [] } } });
    const throttles = w.alarms!.filter((a) => a.presetId === "throttles");
    expect(throttles.map((a) => [a.id, a.addressId, a.alarm.metric.dimensions])).toEqual([
      ["throttles-anthropic-claude-3-5-sonnet-20240620-v1-0", "throttles_anthropic_claude_3_5_sonnet_20240620_v1_0", { ModelId: "anthropic.claude-3-5-sonnet-20240620-v1:0" }],
      ["throttles-amazon-nova-micro-v1-0", "throttles_amazon_nova_micro_v1_0", { ModelId: "amazon.nova-micro-v1:0" }],
    ]);
    expect(throttles[0].alarm).toMatchObject({ metric: { namespace: "AWS/Bedrock", name: "InvocationThrottles" }, statistic: "Sum", threshold: 10 });
  });

  it("watch the metric across all models when no model id is listed", () => {
    const w = workload({ kind: "bedrock", bedrock: { invocationLogging: { ownerEnvironments: [] } } });
    expect(w.alarms!.filter((a) => a.source === "service").map((a) => [a.id, a.alarm.metric.name, a.alarm.metric.dimensions])).toEqual([
      ["heartbeat", "IncomingLogEvents", { LogGroupName: "/acme/dev/chat-api" }],
      ["throttles", "InvocationThrottles", {}],
      ["server-errors", "InvocationServerErrors", {}],
      ["invocation-latency", "InvocationLatency", {}],
    ]);
  });

  it("watch a SageMaker endpoint per variant with EndpointName and VariantName", () => {
    const w = workload({ kind: "sagemaker-endpoint", sagemaker: { endpointName: "reranker-prod", variantNames: ["blue", "green"] } });
    expect(w.alarms!.filter((a) => a.presetId === "invocation-5xx").map((a) => a.alarm.metric)).toEqual([
      { namespace: "AWS/SageMaker", name: "Invocation5XXErrors", dimensions: { EndpointName: "reranker-prod", VariantName: "blue" } },
      { namespace: "AWS/SageMaker", name: "Invocation5XXErrors", dimensions: { EndpointName: "reranker-prod", VariantName: "green" } },
    ]);
    expect(w.alarms!.find((a) => a.id === "model-latency-alltraffic")).toBeUndefined();
    expect(workload({ kind: "sagemaker-endpoint", sagemaker: { endpointName: "r" } }).alarms!.map((a) => a.id)).toEqual(["error-rate", "heartbeat", "invocation-5xx-alltraffic", "model-latency-alltraffic"]);
  });

  it("give a training job a heartbeat on its own log group that treats silence as breaching", () => {
    const heartbeat = workload({ kind: "training-job" }).alarms!.find((a) => a.id === "heartbeat")!;
    expect(heartbeat.alarm).toMatchObject({
      metric: { namespace: "AWS/Logs", name: "IncomingLogEvents", dimensions: { LogGroupName: "/acme/dev/chat-api" } },
      comparison: "LessThanThreshold",
      threshold: 1,
      treatMissingData: "breaching",
      severity: "warning",
    });
  });
});

describe("SageMaker endpoint log group", () => {
  it("is the one SageMaker writes to", () => {
    expect(workload({ kind: "sagemaker-endpoint", sagemaker: { endpointName: "reranker-prod" } }).logGroup.name).toBe("/aws/sagemaker/Endpoints/reranker-prod");
  });
});

describe("anomaly band width", () => {
  it("comes from the preset, then defaults.anomalyBandWidth, then the signal", () => {
    const latency = (w: WorkloadModel) => signal(w, "latency")!.alarm!.anomalyBand;
    expect(latency(workload({ kind: "llm-app" }))).toEqual({ width: 2 });
    expect(latency(workload({ kind: "llm-app" }, (c) => (c.defaults = { anomalyBandWidth: 3 })))).toEqual({ width: 3 });
    expect(latency(workload({ kind: "llm-app", signals: { latency: { bandWidth: 4 } } }, (c) => (c.defaults = { anomalyBandWidth: 3 })))).toEqual({ width: 4 });
  });
});

describe("health alarm", () => {
  it("covers every alarm of the workload and notifies nobody unless asked", () => {
    const w = workload({ kind: "training-job" });
    expect(w.health).toMatchObject({ name: "acme-dev-chat-api-health", topicIds: [] });
    expect(w.health!.alarmNames).toEqual([
      "acme-dev-chat-api-loss-nan",
      "acme-dev-chat-api-cuda-oom",
      "acme-dev-chat-api-cuda-error",
      "acme-dev-chat-api-nccl-timeout",
      "acme-dev-chat-api-nccl-error",
      "acme-dev-chat-api-watchdog-hang",
      "acme-dev-chat-api-worker-failed",
      "acme-dev-chat-api-loss-scale-overflow",
      "acme-dev-chat-api-checkpoint-failed",
      "acme-dev-chat-api-step-time",
      "acme-dev-chat-api-heartbeat",
    ]);
  });

  it("leaves its suppressor out of the rule and resolves it from an alarm id", () => {
    const w = workload({ kind: "training-job", health: { notify: "warning", actionsSuppressor: { alarm: "heartbeat", extensionPeriod: 120 } } });
    expect(w.health!.alarmNames).not.toContain("acme-dev-chat-api-heartbeat");
    expect(w.health!.suppressor).toEqual({ alarm: "acme-dev-chat-api-heartbeat", extensionPeriod: 120, waitPeriod: 60 });
    expect(w.health!.topicIds).toEqual(["alerts_critical"]);
  });

  it("takes any other suppressor as an alarm name, and can be turned off", () => {
    expect(workload({ kind: "generic", health: { actionsSuppressor: { alarm: "maintenance-window" } } }).health!.suppressor!.alarm).toBe("maintenance-window");
    expect(workload({ kind: "generic", health: { enabled: false } }).health).toBeUndefined();
  });
});

describe("data protection", () => {
  it("is on by default for kinds whose logs carry prompts, off otherwise", () => {
    expect(workload({ kind: "llm-app" }).dataProtection).toMatchObject({
      policyName: "acme-dev-chat-api-data-protection",
      managedIdentifiers: expect.arrayContaining(["EmailAddress", "CreditCardNumber", "AwsSecretKey"]),
      customIdentifiers: [],
      auditLogGroupName: "/acme/dev/data-protection-audit",
    });
    expect(workload({ kind: "generic" }).dataProtection).toBeUndefined();
    expect(workload({ kind: "llm-app", dataProtection: { enabled: false } }).dataProtection).toBeUndefined();
  });

  it("takes identifiers from config, and an audit log group per stack group", () => {
    const w = workload({ kind: "generic", group: "search", dataProtection: { enabled: true, managedIdentifiers: ["IpAddress"], customIdentifiers: [{ name: "EmployeeId", regex: "EmployeeID-\\d{9}" }] } });
    expect(w.dataProtection).toMatchObject({ managedIdentifiers: ["IpAddress"], customIdentifiers: [{ name: "EmployeeId", regex: "EmployeeID-\\d{9}" }], auditLogGroupName: "/acme/dev/search/data-protection-audit" });
  });
});

describe("Bedrock invocation logging", () => {
  const twoEnvs = (c: Config) => c.environments.push({ ...structuredClone(c.environments[0]), name: "prod", accountId: "210987654321", stateBucket: "acme-tfstate-prod" });
  const bedrock = { kind: "bedrock", bedrock: { invocationLogging: { ownerEnvironments: ["prod"], imageDataDelivery: true } } };

  it("is configured only in the environments the workload owns it in", () => {
    expect(workload(bedrock, twoEnvs, 0).bedrockLogging).toBeUndefined();
    expect(workload(bedrock, twoEnvs, 1).bedrockLogging).toEqual({
      roleName: "acme-prod-chat-api-bedrock-logging",
      textDataDelivery: true,
      imageDataDelivery: true,
      embeddingDataDelivery: false,
      videoDataDelivery: false,
    });
  });
});

describe("saved queries", () => {
  it("are named per workload and follow renamed fields", () => {
    const w = workload({ kind: "llm-app", fields: { model: "llm_model" } });
    const tokens = w.queries!.find((q) => q.id === "tokens-by-model")!;
    expect(tokens.name).toBe("acme/dev/chat-api/tokens-by-model");
    expect(tokens.query).toContain("coalesce(attributes.llm_model, llm_model) as call_model");
    expect(signal(w, "latency-by-model")!.filter.metric.dimensions).toEqual({ Model: "$.llm_model" });
  });
});

describe("every kind's defaults", () => {
  const settings: Record<string, Partial<Config["workloads"][number]>> = {
    bedrock: { bedrock: { modelIds: ["amazon.nova-micro-v1:0"], invocationLogging: { ownerEnvironments: ["dev"] } } },
    "sagemaker-endpoint": { sagemaker: { endpointName: "reranker" } },
  };

  // Every generated alarm watches what its filters publish (AIL016/AIL017), bands are well formed
  // (AIL018), quiet filters are not breaching (AIL022), and the kind stays within the log group quotas.
  it.each(WORKLOAD_KINDS.map((k) => [k.kind]))("%s passes every synth-time rule", (kind) => {
    const config = mutated((c) => (c.workloads[0] = { name: "chat-api", kind, ...settings[kind] }));
    validateConfig(config, "t.yaml");
    const model = buildModel(config, "t.yaml");
    expect(runChecks(model)).toEqual([]);
    const w = model.environments[0].workloads[0];
    expect(w.signals.filter((s) => s.alarm).length + (w.alarms ?? []).length).toBeGreaterThan(0);
  });
});

describe("names with limits", () => {
  it("keep Bedrock's role name within IAM's 64 characters, stable and distinct", () => {
    const long = (workloadName: string) =>
      workload({ kind: "bedrock", bedrock: { invocationLogging: { ownerEnvironments: ["dev"] } } }, (c) => {
        c.project = "a-very-long-project-name-for-testing";
        c.workloads[0].name = workloadName;
      }).bedrockLogging!.roleName;
    const a = long("invocations-of-the-support-team");
    expect(a.length).toBeLessThanOrEqual(64);
    // The first 55 characters, then a hash of the whole name.
    expect(a).toMatch(/^a-very-long-project-name-for-testing-dev-invocations-of-[0-9a-f]{8}$/);
    expect(long("invocations-of-the-support-team")).toBe(a);
    expect(long("invocations-of-the-search-team")).not.toBe(a);
  });
});

describe("a signal with filters for several log formats (SignalVariant)", () => {
  const preset: SignalPreset = {
    id: "cuda-oom",
    title: "CUDA out of memory",
    format: "a",
    pattern: FilterPattern.allTerms("OOM-A"),
    metric: { name: "CudaOutOfMemory", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "Check batch size and GPU memory headroom before restarting.",
    samples: { matching: [{ line: "OOM-A", value: 1 }], nonMatching: ["ok"] },
    variants: [
      { format: "b", pattern: FilterPattern.allTerms("OOM-B"), samples: { matching: [{ line: "OOM-B", value: 1 }], nonMatching: ["ok"] } },
      { format: "c", pattern: FilterPattern.stringValue("$.event", "=", "oom"), value: "$.count", samples: { matching: [{ line: '{"event":"oom","count":2}', value: 2 }], nonMatching: ["ok"] } },
    ],
  };
  const ctx = { project: "acme", env: "dev", workload: "chat-api", namespace: "AI/chat-api", topics: [] };
  const build = (formats: string[]) => {
    const kind = { formats: new Set(formats), unlogged: [] } as unknown as ResolvedKind;
    return presetSignals(ctx, preset, activeFilters(kind, preset), {}, "workloads[0].signals.cuda-oom");
  };

  it("publishes every format's filter into the one metric, with one alarm on the first", () => {
    const signals = build(["a", "b", "c"]);
    expect(signals.map((s) => [s.id, s.filter.pattern, s.filter.metric.name, s.filter.metric.value, s.alarm?.name])).toEqual([
      ["cuda-oom", '"OOM-A"', "CudaOutOfMemory", "1", "acme-dev-chat-api-cuda-oom"],
      ["cuda-oom-b", '"OOM-B"', "CudaOutOfMemory", "1", undefined],
      ["cuda-oom-c", '{ $.event = "oom" }', "CudaOutOfMemory", "$.count", undefined],
    ]);
  });

  it("keeps only the workload's formats; the alarm moves to the first filter kept", () => {
    expect(build(["c"]).map((s) => [s.id, s.addressId, Boolean(s.alarm)])).toEqual([["cuda-oom-c", "cuda_oom_c", true]]);
    expect(build([])).toEqual([]);
  });
});
