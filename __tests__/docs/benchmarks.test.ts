import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baselineApp } from "../../bench/baseline-app";
import { cases } from "../../bench/evaluator";
import { generateConfig } from "../../bench/generate-config";
import { resourcesPerStack } from "../../bench/resource-count";
import { validateConfig } from "../../src/config/load";
import { buildApp } from "../../src/app";
import { buildModel } from "../../src/model/build-model";
import { compileFilterPattern, parseFilterPattern } from "../../src/patterns";
import { read } from "./pages";

/**
 * docs/benchmarks.md quotes `npm run bench`. Timings cannot be re-measured in a test, but what the
 * bench counts can: the resources each side of the synth comparison emits (the small sizes; the
 * 1000-workload and fleet rows cost too much here) and what each evaluator pattern matches.
 */

const page = read("docs/benchmarks.md");

/** Cells of the table rows that start with `first` (a Markdown table row `| first | ... |`). */
function row(first: string): string[] | undefined {
  const line = page.split("\n").find((l) => l.startsWith(`| ${first} |`));
  return line?.slice(2, -2).split(/ (?<!\\)\| /);
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("docs/benchmarks.md", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-docs-bench-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("reports measured figures, not a placeholder", () => {
    expect(page).not.toMatch(/BENCH_[A-Z_]+TABLE/);
    expect(page).toMatch(/From `npm run bench` \(\d{4}-\d{2}-\d{2}\)/);
  });

  it.each([1, 10, 100])("quotes the resources both sides of the synth bench emit for %i workloads", (workloads) => {
    const ours = join(work, `app-${workloads}`);
    buildApp(buildModel(validateConfig(generateConfig(workloads), "bench.yaml"), "bench.yaml"), ours).synth();
    const baseline = join(work, `baseline-${workloads}`);
    baselineApp(workloads, baseline).synth();
    expect(row(String(workloads))?.[1]).toBe(`${total(resourcesPerStack(ours))} / ${total(resourcesPerStack(baseline))}`);
  });

  it.each(cases().map((c) => [c.kind, c] as const))("quotes the evaluator case %s with its pattern and match count", (kind, c) => {
    const matcher = compileFilterPattern(parseFilterPattern(c.pattern));
    const matches = c.lines.filter((l) => matcher.test(l)).length;
    const cells = row(kind);
    expect(cells?.slice(1, 3)).toEqual([`\`${c.pattern.replace(/\|/g, "\\|")}\``, matches.toLocaleString("en-US")]);
  });
});
