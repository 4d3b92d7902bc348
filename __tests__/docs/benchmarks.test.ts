import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cases } from "../../bench/evaluator";
import { generateConfig } from "../../bench/generate-config";
import { terraformOf } from "../../bench/plain-cdktf";
import { resourcesPerStack } from "../../bench/resource-count";
import { loadConfigFile, validateConfig } from "../../src/config/load";
import type { Config } from "../../src/config/schema";
import { buildApp } from "../../src/app";
import { buildModel } from "../../src/model/build-model";
import { compileFilterPattern, parseFilterPattern } from "../../src/patterns";
import { read } from "./pages";

/**
 * docs/benchmarks.md quotes `npm run bench`. Timings cannot be re-measured in a test, but what the
 * bench counts can: the resources of each synth row (the example and the small sizes; the
 * 1000-workload and fleet rows cost too much here), that its floor, the plain cdktf program, emits
 * the same Terraform JSON as our app, and what each evaluator pattern matches.
 */

const { plainApp } = require("../../bench/plain-cdktf-app.js") as { plainApp(stacks: Record<string, unknown>, outdir: string): { synth(): void } };

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

  const configs: [string, () => Config][] = [
    ["example", () => loadConfigFile(join(__dirname, "..", "..", "config", "example.yaml"))],
    ...[1, 10, 100].map((n): [string, () => Config] => [String(n), () => validateConfig(generateConfig(n), "bench.yaml")]),
  ];

  it.each(configs)("quotes the resources of the synth row %s, which the plain cdktf program emits alike", (name, config) => {
    const ours = join(work, `app-${name}`);
    buildApp(buildModel(config(), "bench.yaml"), ours).synth();
    expect(row(name)?.[1]).toBe(String(total(resourcesPerStack(ours))));
    const plain = join(work, `plain-${name}`);
    plainApp(terraformOf(ours), plain).synth();
    expect(terraformOf(plain)).toEqual(terraformOf(ours));
  });

  it.each(cases().map((c) => [c.kind, c] as const))("quotes the evaluator case %s with its pattern and match count", (kind, c) => {
    const matcher = compileFilterPattern(parseFilterPattern(c.pattern));
    const matches = c.lines.filter((l) => matcher.test(l)).length;
    const cells = row(kind);
    expect(cells?.slice(1, 3)).toEqual([`\`${c.pattern.replace(/\|/g, "\\|")}\``, matches.toLocaleString("en-US")]);
  });
});
