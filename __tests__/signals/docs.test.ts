import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kindContent, tunableIds, WORKLOAD_KINDS } from "../../src/signals";

/** The README has a section per workload kind that names every signal, alarm and query it has. */
const doc = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
const section = (kind: string) => {
  const start = doc.indexOf(`\n### ${kind}\n`);
  const end = doc.indexOf("\n### ", start + 1);
  return start < 0 ? "" : doc.slice(start, end < 0 ? undefined : end);
};

describe.each(WORKLOAD_KINDS.map((k) => [k.kind, k] as const))("README workload kinds, kind %s", (kind, catalogue) => {
  it("has a section", () => {
    expect(section(kind)).not.toBe("");
  });

  it("lists every tunable id and every saved query", () => {
    const text = section(kind);
    const missing = [...tunableIds(catalogue), ...kindContent(catalogue).queries.map((q) => q.id)].filter((id) => !text.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});

it("states that masking applies only to events ingested after the policy exists", () => {
  expect(doc).toMatch(/Masking applies only to events ingested after the policy exists/);
});
