import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { main } from "../../scripts/atlantis";
import { SYNTH_COMMAND } from "../../src/atlantis/commands";
import { ATLANTIS_FILE, renderStaticAtlantisYaml, STATIC_WORKFLOW } from "../../src/atlantis/static-config";
import { applyOrderOf, readStacks, type StackInfo } from "../../src/atlantis/stacks";
import { lintRepoConfig } from "../support/atlantis-repo-config";
import { minimalConfig, mutated } from "../support/configs";
import { EXAMPLE_CONFIG, synthConfigFile } from "../support/synth";

/** Static mode: the committed atlantis.yaml has one project per stack the example config synthesizes (with remote state). */

const ROOT = join(__dirname, "..", "..");
const committed = readFileSync(join(ROOT, ATLANTIS_FILE), "utf8");
const { outdir, stacks } = synthConfigFile();
afterAll(() => rmSync(join(outdir, ".."), { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const doc = parse(committed) as any;

describe("atlantis.yaml", () => {
  test("is what `npm run atlantis` generates from the synthesized stacks (regenerate it when this fails)", () => {
    expect(committed).toBe(renderStaticAtlantisYaml(readStacks(outdir, applyOrderOf(EXAMPLE_CONFIG)), "config/example.yaml"));
  });

  test("passes the lint of Atlantis' documented repo config keys", () => {
    expect(lintRepoConfig(committed)).toEqual([]);
  });

  test("applies the log archive before the monitoring stacks that subscribe to it, and stops when a group fails", () => {
    const group = (name: string) => doc.projects.find((p: { name: string }) => p.name === name).execution_order_group;
    const monitoring = doc.projects.map((p: { name: string }) => p.name).filter((n: string) => n.startsWith("monitoring-"));
    expect(monitoring.length).toBeGreaterThan(0);
    expect(group("log-archive")).toBe(1);
    for (const name of monitoring) expect(group(name)).toBe(2);
    expect(doc.abort_on_execution_order_fail).toBe(true);
  });

  test("orders state buckets first once their state is remote, and after any stack a stack references", () => {
    const stack = (name: string, phase: StackInfo["phase"], dependencies: string[] = []): StackInfo => ({ name, backend: "s3", phase, dependencies });
    const groups = parse(
      renderStaticAtlantisYaml(
        [stack("state-b", "state"), stack("log-archive", "archive"), stack("monitoring-a", "monitoring"), stack("monitoring-b", "monitoring", ["monitoring-a"])],
        "config/example.yaml",
      ),
    ).projects.map((p: { name: string; execution_order_group: number }) => [p.name, p.execution_order_group]);
    expect(groups).toEqual([
      ["state-b", 0],
      ["log-archive", 1],
      ["monitoring-a", 2],
      ["monitoring-b", 3],
    ]);
  });

  test("refuses a synthesized stack that has no place in the apply order", () => {
    expect(() => readStacks(outdir, applyOrderOf(EXAMPLE_CONFIG).filter((o) => o.stack !== "log-archive"))).toThrow("stack log-archive has no place in the apply order");
  });

  test("plans every synthesized stack that keeps its state remotely, and names the others", () => {
    const backendOf = (name: string) => Object.keys(((stacks[name].terraform ?? {}) as { backend?: object }).backend ?? {})[0];
    const remote = Object.keys(stacks).filter((name) => backendOf(name) !== "local");
    const local = Object.keys(stacks).filter((name) => backendOf(name) === "local");
    expect(doc.projects.map((p: { name: string }) => p.name).sort()).toEqual(remote.sort());
    for (const name of local) expect(committed).toContain(name);
    expect(remote.length).toBeGreaterThan(0);
  });

  test("every project autoplans on config and source changes and runs the custom workflow from the repo root", () => {
    for (const project of doc.projects) {
      expect(project).toMatchObject({ dir: ".", workflow: STATIC_WORKFLOW, autoplan: { enabled: true } });
      expect(project.autoplan.when_modified).toEqual(expect.arrayContaining(["config/**/*.yaml", "src/**/*.ts"]));
    }
  });

  test("the workflow synthesizes the config the file was generated from into its own directory, plans the stack and reviews beside the plan", () => {
    const plan = doc.workflows[STATIC_WORKFLOW].plan.steps;
    expect(plan[0]).toEqual({ env: { name: "AI_LOGS_CONFIG", value: "config/example.yaml" } });
    const steps = JSON.stringify(plan);
    expect(steps).toContain("cdktf.out.atlantis-$PROJECT_NAME");
    expect(steps).toContain(JSON.stringify(`CDKTF_OUTDIR="$AI_LOGS_OUT" ${SYNTH_COMMAND}`).slice(1, -1));
    expect(steps).toContain('terraform -chdir=\\"$AI_LOGS_STACK\\" plan -input=false -no-color -out=\\"$PLANFILE\\"');
    expect(steps).toContain('review --head \\"$AI_LOGS_OUT\\" --plan \\"$PROJECT_NAME=$SHOWFILE\\" --no-fail-on-risk');
    expect(JSON.stringify(doc.workflows[STATIC_WORKFLOW].apply.steps)).toContain('apply -input=false -no-color \\"$PLANFILE\\"');
  });
});

describe("npm run atlantis: the config it generates from", () => {
  const root = join(tmpdir(), `ai-logs-atlantis-static-${process.pid}`);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const run = (args: string[], env: NodeJS.ProcessEnv) => {
    let stdout = "";
    let stderr = "";
    const code = main(args, env, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, root);
    return { code, stdout, stderr, written: existsSync(join(root, ATLANTIS_FILE)) ? readFileSync(join(root, ATLANTIS_FILE), "utf8") : undefined };
  };
  const small = stringify(minimalConfig());
  beforeAll(() => {
    mkdirSync(join(root, "config"), { recursive: true });
    writeFileSync(join(root, "config", "tiny.yaml"), small);
  });

  beforeEach(() => rmSync(join(root, ATLANTIS_FILE), { force: true }));

  test("AI_LOGS_CONFIG names it, and the workflow synthesizes that same file", () => {
    const r = run([], { AI_LOGS_CONFIG: "config/tiny.yaml" });
    expect(r).toMatchObject({ code: 0, stderr: "", stdout: "wrote atlantis.yaml for config/tiny.yaml\n" });
    const written = parse(r.written!);
    expect(written.projects.map((p: { name: string }) => p.name)).toEqual(["monitoring-dev"]);
    expect(written.workflows[STATIC_WORKFLOW].plan.steps[0]).toEqual({ env: { name: "AI_LOGS_CONFIG", value: "config/tiny.yaml" } });
  });

  test("--config wins over AI_LOGS_CONFIG", () => {
    const r = run(["--config", "config/tiny.yaml"], { AI_LOGS_CONFIG: "config/nowhere.yaml" });
    expect(r.code).toBe(0);
    expect(r.written).toContain("value: 'config/tiny.yaml'");
  });

  test.each([
    [{ AI_LOGS_CONFIG: "" }, [], "AI_LOGS_CONFIG is set but empty; name a config file, or unset it to use config/example.yaml"],
    [{ AI_LOGS_CONFIG: "config/nowhere.yaml" }, [], `AI_LOGS_CONFIG config/nowhere.yaml: no such file (relative to ${root})`],
    [{ AI_LOGS_CONFIG: "config" }, [], "AI_LOGS_CONFIG config is not a file"],
    [{}, ["--config", ""], "--config needs a file name"],
    [{}, ["bogus"], "unknown command 'bogus'; commands: prepare-pull-request, review-pull-request (none: write atlantis.yaml)"],
    [{ AI_LOGS_CONFIG: EXAMPLE_CONFIG }, [], `${EXAMPLE_CONFIG} is outside the repository; the committed atlantis.yaml synthesizes it in Atlantis' checkout, so it must be in the repository`],
  ])("%j %j: a clear error, no fallback to the example, nothing written", (env, args, message) => {
    expect(run(args, env)).toEqual({ code: 1, stdout: "", stderr: `ai-logs: atlantis: ${message}\n`, written: undefined });
  });

  test("an invalid config: its problems, nothing written", () => {
    writeFileSync(join(root, "config", "bad.yaml"), stringify(mutated((c) => void (c.workloads[0] = { ...c.workloads[0], kind: "nonsense" as "generic" }))));
    const r = run([], { AI_LOGS_CONFIG: "config/bad.yaml" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ai-logs: atlantis: .*config\/bad\.yaml: workloads\[0\]\.kind/);
    expect(r.written).toBeUndefined();
  });
});
