import { join } from "node:path";
import { MAX_ALARM_DESCRIPTION_LENGTH } from "../../src/aws/monitoring-limits";
import { loadConfigFile, validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { alarmDescription } from "../../src/model/runbook-link";
import type { AlarmModel, MonitoringModel } from "../../src/model/types";
import { catalogueFor, presetFilters, tunableIds } from "../../src/signals";
import { minimalConfig, mutated, problemsOf } from "../support/configs";

/** Every alarm of a model with the id config tunes it by (`undefined`: a custom signal). */
function alarmsOf(model: MonitoringModel): { kind: string; id?: string; name: string; description: string }[] {
  return model.environments.flatMap((env) =>
    env.workloads.flatMap((w) => {
      const catalogue = catalogueFor(w.kind);
      // A preset's filters: its own (`<id>`) and its other formats' (`<id>-<format>`), which carries the alarm
      // when the workload does not write the preset's own format.
      const filterIds = new Map(catalogue.signals.flatMap((p) => presetFilters(p).map((f) => [f.id, p.id] as const)));
      const presetIds = tunableIds(catalogue);
      // `<id>-by-<dimension>` carries its preset's alarm when config names dimension values.
      const presetOf = (signalId: string) =>
        presetIds.find((p) => signalId === p || signalId.startsWith(`${p}-by-`)) ?? filterIds.get(signalId) ?? [...filterIds].find(([f]) => signalId.startsWith(`${f}-by-`))?.[1];
      const signalAlarms = w.signals.flatMap((s) => (s.alarm ? [{ kind: w.kind, id: presetOf(s.id), ...pick(s.alarm) }] : []));
      const otherAlarms = (w.alarms ?? []).map((a) => ({ kind: w.kind, id: a.presetId, ...pick(a.alarm) }));
      const health = w.health ? [{ kind: w.kind, id: "health", name: w.health.name, description: w.health.description }] : [];
      return [...signalAlarms, ...otherAlarms, ...health];
    }),
  );
}
const pick = (a: AlarmModel) => ({ name: a.name, description: a.description });

describe("alarm descriptions", () => {
  const example = buildModel(loadConfigFile(join(__dirname, "..", "..", "config", "example.yaml")), "example.yaml");

  it("end with the link to the alarm's runbook entry, docs/runbooks/<kind>.md#<id> by default", () => {
    const alarms = alarmsOf(example).filter((a) => a.id !== undefined);
    expect(alarms.length).toBeGreaterThan(40);
    for (const a of alarms) {
      expect(a.description.endsWith(` Runbook: docs/runbooks/${a.kind}.md#${a.id}`)).toBe(true);
      expect([...tunableIds(catalogueFor(a.kind)), "health"]).toContain(a.id);
    }
  });

  it("of custom signals keep their own runbook line and link nowhere", () => {
    const custom = alarmsOf(example).filter((a) => a.id === undefined);
    expect(custom.map((a) => a.description)).toEqual(["[warning] Rows are being rejected at ingestion; inspect the schema validation errors for the table."]);
  });

  it("link to defaults.runbookBaseUrl when config sets one (a trailing slash is dropped)", () => {
    const config = mutated((c) => {
      c.defaults = { runbookBaseUrl: "https://github.com/acme/ai-logs/blob/main/docs/runbooks/" };
      c.workloads[0] = { name: "trainer", kind: "training-job" };
    });
    const alarms = alarmsOf(buildModel(validateConfig(config, "t.yaml"), "t.yaml"));
    expect(alarms.find((a) => a.id === "heartbeat")!.description).toMatch(/ Runbook: https:\/\/github\.com\/acme\/ai-logs\/blob\/main\/docs\/runbooks\/training-job\.md#heartbeat$/);
    expect(alarms.find((a) => a.id === "health")!.description).toMatch(/\.md#health$/);
  });

  it("stay within CloudWatch's 1024 characters with the longest base URL config allows", () => {
    const base = `https://${"r".repeat(292)}`;
    const config = mutated((c) => {
      c.defaults = { runbookBaseUrl: base };
      c.workloads = ["generic", "llm-inference", "llm-app", "sagemaker-endpoint", "training-job"].map((kind) => ({ name: kind, kind }));
      c.workloads.push({ name: "bedrock", kind: "bedrock", bedrock: { modelIds: ["anthropic.claude-3-5-sonnet-20240620-v1:0"], invocationLogging: { ownerEnvironments: [] } } });
      c.workloads[3] = { ...c.workloads[3], sagemaker: { endpointName: "reranker" } };
    });
    expect(base.length).toBe(300);
    const alarms = alarmsOf(buildModel(validateConfig(config, "t.yaml"), "t.yaml"));
    expect(alarms.length).toBeGreaterThan(40);
    for (const a of alarms) expect(a.description.length).toBeLessThanOrEqual(MAX_ALARM_DESCRIPTION_LENGTH);
  });
});

describe("alarmDescription", () => {
  it("shortens a text too long for the limit and keeps the link whole", () => {
    const url = "docs/runbooks/generic.md#errors";
    const d = alarmDescription("x".repeat(2000), url);
    expect(d).toHaveLength(MAX_ALARM_DESCRIPTION_LENGTH);
    expect(d.endsWith(`x… Runbook: ${url}`)).toBe(true);
    expect(alarmDescription("Short.", url)).toBe(`Short. Runbook: ${url}`);
    expect(alarmDescription("Short.")).toBe("Short.");
  });
});

describe("defaults.runbookBaseUrl", () => {
  it.each([
    ["http://wiki.example.com/runbooks", "must be an https:// URL"],
    ["docs/runbooks", "must be an https:// URL"],
    ["https://wiki.example.com/runbooks?page=1", "without query or fragment"],
    [`https://${"r".repeat(300)}`, "300"],
  ])("rejects %s, naming the field", (runbookBaseUrl, message) => {
    const problems = problemsOf(mutated((c) => void (c.defaults = { runbookBaseUrl })));
    expect(problems.join("\n")).toContain("defaults.runbookBaseUrl");
    expect(problems.join("\n")).toContain(message);
  });

  it("accepts an https URL", () => {
    expect(problemsOf(mutated((c) => void (c.defaults = { runbookBaseUrl: "https://wiki.example.com/ai-logs/runbooks" }), minimalConfig()))).toEqual([]);
  });
});
