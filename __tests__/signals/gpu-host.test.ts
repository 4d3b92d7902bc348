import type { Config } from "../../src/config/schema";
import { validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { runChecks } from "../../src/checks";
import { dashboardBody } from "../../src/constructs/dashboard-body";
import type { EnvironmentModel, WorkloadModel } from "../../src/model/types";
import { catalogueFor } from "../../src/signals";
import { mutated } from "../support/configs";
import { loadCorpus } from "./support/real-lines";

/**
 * The gpu-host kind as the model resolves it: the GPU metric alarms watch the CloudWatch agent's
 * roll-up (with or without the configured ClusterName), log formats keep the filters that read
 * them, the kind attaches to a Container Insights host log group, every workload's dashboard draws
 * one graph per metric, and the saved queries read the Xid code the way the metric filters do.
 */

function environment(extra: Partial<Config["workloads"][number]> = {}): EnvironmentModel {
  const config = mutated((c) => (c.workloads[0] = { name: "p5-fleet", kind: "gpu-host", ...extra }));
  const valid = validateConfig(config, "t.yaml");
  const model = buildModel(valid, "t.yaml");
  expect(runChecks(model)).toEqual([]);
  return model.environments[0];
}
const workload = (extra: Partial<Config["workloads"][number]> = {}): WorkloadModel => environment(extra).workloads[0];
const alarm = (w: WorkloadModel, id: string) => w.alarms.find((a) => a.id === id)!.alarm;

describe("GPU metric alarms", () => {
  it("watch the agent's roll-up by ClusterName when gpuHost.clusterName is set", () => {
    const w = workload({ gpuHost: { clusterName: "llama-pretrain" } });
    expect(alarm(w, "gpu-temperature")).toMatchObject({
      metric: { namespace: "CWAgent", name: "nvidia_smi_temperature_gpu", dimensions: { ClusterName: "llama-pretrain" } },
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold: 85,
    });
    expect(alarm(w, "gpu-memory-headroom").metric.dimensions).toEqual({ ClusterName: "llama-pretrain" });
    expect(alarm(w, "gpu-utilization-collapse")).toMatchObject({ metric: { dimensions: { ClusterName: "llama-pretrain" } }, statistic: "Average", treatMissingData: "breaching" });
  });

  it("watch the roll-up without dimensions otherwise, and never set a unit (the agent publishes none)", () => {
    const w = workload();
    for (const id of ["gpu-temperature", "gpu-memory-headroom", "gpu-utilization-collapse"]) {
      expect(alarm(w, id).metric.dimensions).toEqual({});
      expect(alarm(w, id).metric.unit).toBeUndefined();
    }
  });

  it("include a heartbeat on the log group, since a silent pipeline (AL2023 without rsyslog) fires nothing else", () => {
    expect(alarm(workload(), "heartbeat").metric).toEqual({ namespace: "AWS/Logs", name: "IncomingLogEvents", dimensions: { LogGroupName: "/acme/dev/p5-fleet" } });
  });
});

describe("log formats", () => {
  const ids = (w: WorkloadModel) => w.signals.map((s) => s.id);

  it("keep the Xid code breakdown only for syslog files, whose prefix is known", () => {
    const json = workload({ logFormats: ["journald", "container-insights"] });
    expect(ids(json).filter((id) => id.startsWith("xid-codes"))).toEqual([]);
    expect(ids(json)).toContain("xid-events");
    expect(ids(json)).toContain("gpu-fallen-off-bus");
    const messages = workload({ logFormats: ["messages"] });
    expect(ids(messages).filter((id) => id.startsWith("xid-codes"))).toEqual(["xid-codes", "xid-codes-by-xid-code-host"]);
  });

  it("read every term preset in every format with one filter (no per-format copies that could count a line twice)", () => {
    const all = workload();
    const perFormat = all.signals.filter((s) => /-(messages|syslog|dmesg|journald|container-insights|fabricmanager|dcgm)(-by-|$)/.test(s.id)).map((s) => s.id);
    expect(perFormat).toEqual(["xid-codes-syslog", "xid-codes-syslog-by-xid-code-host", "nvswitch-errors-fabricmanager"]);
  });
});

describe("a Container Insights host log group", () => {
  it("is attached by name, without creating it", () => {
    const w = workload({ logGroup: { name: "/aws/containerinsights/llama-eks/host", create: false }, logFormats: ["container-insights"] });
    expect(w.logGroup).toMatchObject({ name: "/aws/containerinsights/llama-eks/host", create: false });
    expect(alarm(w, "heartbeat").metric.dimensions).toEqual({ LogGroupName: "/aws/containerinsights/llama-eks/host" });
  });
});

describe("the dashboard row of a gpu-host workload", () => {
  const env = environment({ gpuHost: { clusterName: "llama-pretrain" } });
  const graphs = dashboardBody(env).widgets.filter((w) => w.type === "metric");
  const titles = graphs.map((g) => g.properties.title as string);

  it("draws one graph per metric, though a signal has a filter per log format", () => {
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toContain("xid-codes-by-xid-code-host");
    expect(titles).not.toContain("xid-codes-syslog-by-xid-code-host");
    expect(titles).toContain("nvswitch-errors");
    expect(titles).not.toContain("nvswitch-errors-fabricmanager");
    const metrics = graphs.map((g) => JSON.stringify(g.properties.metrics));
    expect(new Set(metrics).size).toBe(metrics.length);
  });

  it("breaks Xid events down by code and host, and draws the agent's roll-up the alarms watch", () => {
    const byCode = graphs.find((g) => g.properties.title === "xid-codes-by-xid-code-host")!;
    expect(byCode.properties.metrics).toEqual([[{ expression: `SEARCH('{"AI_Monitoring/p5-fleet",XidCode,Host} MetricName="XidEventsByCode"', 'Sum', 300)`, id: "e1", label: "" }]]);
    const temperature = graphs.find((g) => g.properties.title === "gpu-temperature")!;
    expect(temperature.properties.metrics).toEqual([["CWAgent", "nvidia_smi_temperature_gpu", "ClusterName", "llama-pretrain", { stat: "Maximum" }]]);
  });
});

describe("saved queries", () => {
  const queries = catalogueFor("gpu-host").queries!;
  const query = (id: string) => queries.find((q) => q.id === id)!.query;
  const corpus = loadCorpus().filter((f) => f.kind === "gpu-host").flatMap((f) => f.entries);
  // Logs Insights takes the regex between slashes; this one is also valid JavaScript.
  const regexOf = (text: string, after: string) => new RegExp(text.slice(text.indexOf(after) + after.length).split("/ |")[0]);

  it("xid-by-code reads the same code as the metric filters, from every driver generation's line", () => {
    const parse = regexOf(query("xid-by-code"), "parse @message /");
    const xidLines = corpus.filter((e) => e.line.includes("NVRM: Xid"));
    expect(xidLines.length).toBeGreaterThan(50);
    for (const e of xidLines) {
      const found = parse.exec(e.line);
      expect({ id: e.id, parsed: found !== null }).toEqual({ id: e.id, parsed: true });
      const byCode = e.expect.XidEventsByCode;
      if (typeof byCode === "object") expect(`${found!.groups!.xid},`).toBe(byCode.dimensions.XidCode);
    }
    expect(parse.exec("NVRM: Xid (0000:01:00): 3, C 00000005 SC 00000007 M 00001ffc Data ffffffff")!.groups).toEqual({ gpu: "0000:01:00", xid: "3" });
    expect(parse.exec("NVRM: Xid (PCI:0000:01:00 GPU-I:05): 94, pid=7194, Contained: CE User Channel (0x9). RST: No, D-RST: No")!.groups).toEqual({ gpu: "0000:01:00", xid: "94" });
  });

  it("top-errors (the dashboard's log widget) finds every line a filter counts, and no benign line", () => {
    const filter = regexOf(query("top-errors"), "filter @message like /");
    expect(corpus.filter((e) => Object.keys(e.expect).length > 0 && !filter.test(e.line)).map((e) => e.id)).toEqual([]);
    expect(corpus.filter((e) => e.event === "benign" && filter.test(e.line)).map((e) => e.id)).toEqual([]);
  });

  it("drain-candidates finds every line a drain-level (critical) GPU, memory, PCIe, disk or EFA filter counts", () => {
    const filter = regexOf(query("drain-candidates"), "filter @message like /");
    const critical = new Set(catalogueFor("gpu-host").signals.filter((s) => s.alarm.severity === "critical").map((s) => s.metric.name));
    const paged = corpus.filter((e) => Object.keys(e.expect).some((m) => critical.has(m)));
    expect(paged.length).toBeGreaterThan(40);
    expect(paged.filter((e) => !filter.test(e.line)).map((e) => e.id)).toEqual([]);
    const quiet = corpus.filter((e) => Object.keys(e.expect).length === 0 && e.event === "benign");
    expect(quiet.filter((e) => filter.test(e.line)).map((e) => e.id)).toEqual([]);
  });
});
