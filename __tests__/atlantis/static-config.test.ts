import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { applyOrderOf, ATLANTIS_FILE, readStacks, renderAtlantisYaml, type StackInfo, WORKFLOW } from "../../scripts/atlantis";
import { EXAMPLE_CONFIG, synthConfigFile } from "../support/synth";

/** atlantis.yaml has one project per stack the example config synthesizes (with remote state). */

const ROOT = join(__dirname, "..", "..");
const committed = readFileSync(join(ROOT, ATLANTIS_FILE), "utf8");
const { outdir, stacks } = synthConfigFile();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const doc = parse(committed) as any;

describe("atlantis.yaml", () => {
  test("is what `npm run atlantis` generates from the synthesized stacks (regenerate it when this fails)", () => {
    expect(committed).toBe(renderAtlantisYaml(readStacks(outdir, applyOrderOf(EXAMPLE_CONFIG))));
  });

  test("applies the log archive before the monitoring stacks that subscribe to it", () => {
    const group = (name: string) => doc.projects.find((p: { name: string }) => p.name === name).execution_order_group;
    const monitoring = doc.projects.map((p: { name: string }) => p.name).filter((n: string) => n.startsWith("monitoring-"));
    expect(monitoring.length).toBeGreaterThan(0);
    expect(group("log-archive")).toBe(1);
    for (const name of monitoring) expect(group(name)).toBe(2);
  });

  test("orders state buckets first once their state is remote, and after any stack a stack references", () => {
    const stack = (name: string, phase: StackInfo["phase"], dependencies: string[] = []): StackInfo => ({ name, backend: "s3", phase, dependencies });
    const groups = parse(
      renderAtlantisYaml([
        stack("state-b", "state"),
        stack("log-archive", "archive"),
        stack("monitoring-a", "monitoring"),
        stack("monitoring-b", "monitoring", ["monitoring-a"]),
      ]),
    ).projects.map((p: { name: string; execution_order_group: number }) => [p.name, p.execution_order_group]);
    expect(groups).toEqual([
      ["state-b", 0],
      ["log-archive", 1],
      ["monitoring-a", 2],
      ["monitoring-b", 3],
    ]);
  });

  test("refuses a synthesized stack that has no place in the apply order", () => {
    expect(() => readStacks(outdir, applyOrderOf(EXAMPLE_CONFIG).filter((o) => o.stack !== "log-archive"))).toThrow(
      "stack log-archive has no place in the apply order",
    );
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
      expect(project).toMatchObject({ dir: ".", workflow: WORKFLOW, autoplan: { enabled: true } });
      expect(project.autoplan.when_modified).toEqual(expect.arrayContaining(["config/**/*.yaml", "src/**/*.ts"]));
    }
  });

  test("the workflow synthesizes into its own directory, plans in the stack directory and reviews beside the plan", () => {
    const steps = JSON.stringify(doc.workflows[WORKFLOW].plan.steps);
    expect(steps).toContain("cdktf.out.atlantis-$PROJECT_NAME");
    expect(steps).toContain('CDKTF_OUTDIR=\\"$AI_LOGS_OUT\\" npm run --silent synth');
    expect(steps).toContain('terraform -chdir=\\"$stack\\" plan -input=false -no-color -out=\\"$PLANFILE\\"');
    expect(steps).toContain('review --head \\"$AI_LOGS_OUT\\" --plan \\"$PROJECT_NAME=$SHOWFILE\\" --no-fail-on-risk');
    expect(JSON.stringify(doc.workflows[WORKFLOW].apply.steps)).toContain('apply -input=false -no-color \\"$PLANFILE\\"');
  });
});
