import type { Config } from "../../src/config/schema";
import { validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import type { MonitoringModel, WorkloadModel } from "../../src/model/types";
import { runChecks } from "../../src/checks";
import { kindContent, presetFilters, WORKLOAD_KINDS, type WorkloadKindCatalogue } from "../../src/signals";
import { filterFieldsRead, queryFieldsRead } from "../../src/signals/fields-read";
import { mutated } from "../support/configs";

/**
 * No alarm reads a field its workload's configuration cannot produce: every kind x every log format
 * it has (one at a time, and all) x the settings that change what is logged (Bedrock's text delivery).
 * A filter of a format the workload does not write, or reading a field its settings keep out of its
 * lines, matches nothing; a query over such fields returns nothing. AIL051 refuses config asking for one.
 */

type WorkloadConfig = Config["workloads"][number];

const SETTINGS: Record<string, Partial<WorkloadConfig>[]> = {
  bedrock: [true, false].map((textDataDelivery) => ({ bedrock: { invocationLogging: { ownerEnvironments: ["dev"], textDataDelivery } } })),
  "sagemaker-endpoint": [{ sagemaker: { endpointName: "acme-ranker" } }],
};

function build(w: Partial<WorkloadConfig> & { kind: string }): MonitoringModel {
  const config = mutated((c) => {
    c.workloads[0] = { name: "w", ...w } as WorkloadConfig;
  });
  validateConfig(config, "t.yaml");
  return buildModel(config, "t.yaml");
}
const only = (m: MonitoringModel): WorkloadModel => m.environments[0].workloads[0];

/** Every combination: each format alone and all formats (undefined), with each settings variant. */
function combinations(c: WorkloadKindCatalogue): { name: string; workload: Partial<WorkloadConfig> & { kind: string } }[] {
  const formats: (string[] | undefined)[] = [undefined, ...(c.formats ?? []).map((f) => [f.id])];
  return formats.flatMap((logFormats) =>
    (SETTINGS[c.kind] ?? [{}]).map((settings) => ({
      name: `${c.kind} ${logFormats ? logFormats.join("+") : "(all formats)"} ${JSON.stringify(settings)}`,
      workload: { kind: c.kind, ...settings, ...(logFormats ? { logFormats } : {}) },
    })),
  );
}

const ALL = WORKLOAD_KINDS.flatMap((c) => combinations(c).map((x) => ({ ...x, catalogue: c })));

describe.each(ALL.map((x) => [x.name, x] as const))("%s", (_name, { catalogue, workload: config }) => {
  const model = build(config);
  const w = only(model);
  const written = new Set(config.logFormats ?? (catalogue.formats ?? []).map((f) => f.id));
  const unloggedUnder = (path: string) => w.unloggedFields.some((u) => path === u.path || path.startsWith(`${u.path}.`));
  const filters = kindContent(catalogue).signals.flatMap(presetFilters);

  it("creates only filters of the formats the workload writes, reading only fields it logs", () => {
    for (const s of w.signals) {
      const preset = filters.find((f) => f.id === s.id || s.id.startsWith(`${f.id}-by-`));
      expect([s.id, preset?.format === undefined || written.has(preset.format)]).toEqual([s.id, true]);
      const read = filterFieldsRead(s.filter.pattern, s.filter.metric.value, s.filter.metric.dimensions);
      expect([s.id, read.filter(unloggedUnder)]).toEqual([s.id, []]);
    }
  });

  it("saves only queries over the formats the workload writes, reading only fields it logs", () => {
    for (const q of w.queries) {
      const preset = kindContent(catalogue).queries.find((p) => p.id === q.id)!;
      expect([q.id, preset.formats === undefined || preset.formats.some((f) => written.has(f))]).toEqual([q.id, true]);
      expect([q.id, queryFieldsRead(q.query).filter(unloggedUnder)]).toEqual([q.id, []]);
    }
  });

  it("passes every synth-time rule, AIL051 included", () => {
    expect(runChecks(model).map((p) => `${p.code} ${p.path}: ${p.message}`)).toEqual([]);
  });
});

describe("what the combinations drop", () => {
  const bedrock = (textDataDelivery: boolean, extra: Partial<WorkloadConfig> = {}) =>
    build({ kind: "bedrock", bedrock: { invocationLogging: { ownerEnvironments: ["dev"], textDataDelivery } }, ...extra });
  const ids = (w: WorkloadModel) => [...w.signals.map((s) => s.id), ...w.alarms.map((a) => a.id)];

  it("Bedrock without text delivery: no latency or guardrail filters, no body queries; token counts and the heartbeat stay", () => {
    const on = only(bedrock(true));
    const off = only(bedrock(false));
    expect(ids(on)).toEqual(expect.arrayContaining(["latency", "guardrail-interventions"]));
    expect(ids(off)).not.toEqual(expect.arrayContaining(["latency"]));
    expect(ids(off).filter((id) => id.startsWith("latency") || id.startsWith("guardrail"))).toEqual([]);
    expect(ids(off)).toEqual(expect.arrayContaining(["input-tokens", "output-tokens", "invocations", "heartbeat", "log-delivery-failures"]));
    expect(off.queries.map((q) => q.id)).not.toContain("latency-by-model");
    expect(on.queries.map((q) => q.id)).toContain("latency-by-model");
  });

  it("vLLM text only: no queries over the request records' gen_ai fields; the records only: no stats-line throughput query", () => {
    const text = only(build({ kind: "llm-inference", logFormats: ["vllm"] }));
    const records = only(build({ kind: "llm-inference", logFormats: ["vllm-requests"] }));
    expect(text.queries.map((q) => q.id)).toEqual(expect.arrayContaining(["top-errors", "throughput"]));
    expect(text.queries.map((q) => q.id)).not.toEqual(expect.arrayContaining(["latency-by-model"]));
    expect(text.queries.filter((q) => q.query.includes("gen_ai."))).toEqual([]);
    expect(records.queries.map((q) => q.id)).toEqual(expect.arrayContaining(["latency-by-model", "tokens-by-model"]));
    expect(records.queries.map((q) => q.id)).not.toContain("throughput");
  });

  it("AIL051 refuses a custom signal reading a body Bedrock does not log, naming the field and the setting", () => {
    const model = bedrock(false, {
      customSignals: [{ name: "refusals", pattern: '{ $.output.outputBodyJson.stopReason = "content_filtered" }', metric: { name: "Refusals", unit: "Count", value: "1" } }],
    });
    expect(runChecks(model).filter((p) => p.code === "AIL051")).toEqual([
      expect.objectContaining({
        path: "workloads[0].customSignals[0]",
        message: expect.stringContaining("reads output.outputBodyJson.stopReason, which is never logged because bedrock.invocationLogging.textDataDelivery is false"),
      }),
    ]);
  });

  it("AIL051 refuses tuning a preset that cannot be created, instead of ignoring the tuning", () => {
    const model = bedrock(false, { signals: { latency: { threshold: 5000 } } });
    expect(runChecks(model).filter((p) => p.code === "AIL051").map((p) => [p.path, p.message])).toEqual([
      ["workloads[0].signals.latency", expect.stringMatching(/signal 'latency': reads output\.outputBodyJson\.metrics\.latencyMs, .*textDataDelivery is false.*remove its settings/)],
    ]);
  });
});
