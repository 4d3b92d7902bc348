import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../src/checks";

const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");

describe("README", () => {
  it("shows the two setup commands first: synthesize the example, run the tests", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1];
    const commands = firstBlock.split("\n").map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean);
    expect(commands).toEqual(["npm ci && npm run synth", "npm test"]);
  });

  it("lists every synth-time rule with its code and title", () => {
    const missing = RULES.filter((r) => !readme.includes(`| ${r.code} | ${r.title.replace(/\|/g, "\\|")} |`)).map((r) => r.code);
    expect(missing).toEqual([]);
  });

  it("has the sections the issues ask for", () => {
    for (const heading of ["## Configuration reference", "## Deploying", "## Benchmark", "## Workload kinds", "## Filter patterns, offline", "## Reviewing changes", "## Security and safety"]) {
      expect(readme).toContain(`\n${heading}`);
    }
  });

  it("reports measured benchmark figures, not a placeholder", () => {
    expect(readme).not.toMatch(/BENCH_[A-Z_]+TABLE/);
  });
});
