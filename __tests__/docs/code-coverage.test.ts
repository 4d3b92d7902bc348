import type { Command } from "commander";
import { RULES } from "../../src/checks";
import { buildProgram } from "../../src/cli/main";
import { loadConfigFile } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { kindContent, tunableIds, WORKLOAD_KINDS } from "../../src/signals";
import { anchorsOf, fencedBlocks } from "../../scripts/docs/markdown";
import { DOC_FILES, read, ROOT } from "./pages";
import { join } from "node:path";
import { existsSync } from "node:fs";

/** The documentation names everything the code has: checks, signals, queries, CLI flags, runbook anchors. */

describe("README.md", () => {
  const readme = read("README.md");

  it("shows the two setup commands first: synthesize the example, run the tests", () => {
    const first = fencedBlocks(readme).find((b) => b.info.split(/\s+/)[0] === "sh")!;
    const commands = first.body.split("\n").map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean);
    expect(commands).toEqual(["npm ci && npm run synth", "npm test"]);
  });

  it("stays a short entry point (at most 250 lines); details go to docs/", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(250);
  });
});

describe("docs/checks.md", () => {
  it("lists every synth-time rule with its code and title", () => {
    const page = read("docs/checks.md");
    const missing = RULES.filter((r) => !page.includes(`| ${r.code} | ${r.title.replace(/\|/g, "\\|")} |`)).map((r) => r.code);
    expect(missing).toEqual([]);
  });
});

describe.each(WORKLOAD_KINDS.map((k) => [k.kind, k] as const))("workload kind %s", (kind, catalogue) => {
  const page = `docs/kinds/${kind}.md`;

  it("has a page that names every tunable id and every saved query", () => {
    expect(existsSync(join(ROOT, page))).toBe(true);
    const text = read(page);
    const missing = [...tunableIds(catalogue), ...kindContent(catalogue).queries.map((q) => q.id)].filter((id) => !text.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });

  it("has a runbook entry for every alarm id and its health alarm", () => {
    const anchors = anchorsOf(read(`docs/runbooks/${kind}.md`));
    expect([...tunableIds(catalogue), "health"].filter((id) => !anchors.has(id))).toEqual([]);
  });
});

describe("alarm descriptions of the example config", () => {
  it("link to runbook entries that exist", () => {
    const model = buildModel(loadConfigFile(join(ROOT, "config", "example.yaml")), "example.yaml");
    const descriptions = model.environments.flatMap((e) =>
      e.workloads.flatMap((w) => [...w.signals.flatMap((s) => (s.alarm ? [s.alarm.description] : [])), ...(w.alarms ?? []).map((a) => a.alarm.description), ...(w.health ? [w.health.description] : [])]),
    );
    const links = descriptions.flatMap((d) => /Runbook: (\S+)$/.exec(d)?.[1] ?? []);
    expect(links.length).toBeGreaterThan(40);
    const broken = links.filter((link) => {
      const [file, anchor] = link.split("#");
      return !existsSync(join(ROOT, file)) || !anchorsOf(read(file)).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});

describe("the ai-logs command line", () => {
  const io = { stdout: () => undefined, stderr: () => undefined, readFile: () => "", cwd: ROOT };
  const subcommands: readonly Command[] = buildProgram(io).commands;

  it.each(subcommands.map((c) => [c.name(), c] as const))("ai-logs %s: a page documents the command and every flag", (name, command) => {
    const flags = command.options.map((o) => o.long ?? o.short ?? o.flags);
    const pages = DOC_FILES.filter((f) => read(f).includes(`ai-logs ${name}`));
    expect(pages).not.toEqual([]);
    const undocumented = flags.filter((flag) => !pages.some((f) => new RegExp(`${flag}(?![\\w-])`).test(read(f))));
    expect(undocumented).toEqual([]);
  });
});

describe("docs/workloads.md", () => {
  it("states that masking applies only to events ingested after the policy exists", () => {
    expect(read("docs/workloads.md")).toMatch(/Masking applies only to events ingested after the policy exists/);
  });
});
