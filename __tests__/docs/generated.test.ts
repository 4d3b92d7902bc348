import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configFields, describeField } from "../../scripts/docs/config-reference";
import { FALLBACK_DESCRIPTIONS } from "../../scripts/docs/config-descriptions";
import { generatedDocs } from "../../scripts/docs/generated-docs";
import { ROOT } from "./pages";

describe("generated documentation", () => {
  const files = generatedDocs(ROOT);

  it.each([...files.keys()])("%s is what `npm run docs` writes (run it after changing the schema, checks or signals)", (file) => {
    expect(readFileSync(join(ROOT, file), "utf8")).toBe(files.get(file));
  });

  it("covers the configuration reference, the check table and a runbook page per kind", () => {
    expect([...files.keys()]).toEqual(expect.arrayContaining(["docs/configuration.md", "docs/checks.md", "docs/runbooks/README.md", "docs/runbooks/training-job.md"]));
  });
});

describe("the configuration reference", () => {
  it("describes every key of the config (in the schema, or in scripts/docs/config-descriptions.ts)", () => {
    expect(configFields().filter((f) => describeField(f).description === "").map((f) => f.path)).toEqual([]);
  });

  it("has no fallback description for a key that no longer exists or that the schema describes itself", () => {
    const byPath = new Map(configFields().map((f) => [f.path, f]));
    const stale = Object.keys(FALLBACK_DESCRIPTIONS).filter((path) => {
      const own = byPath.get(path)?.schema.description ?? "";
      return !byPath.has(path) || own.replace(/@default.*$/, "").trim() !== "";
    });
    expect(stale).toEqual([]);
  });
});
