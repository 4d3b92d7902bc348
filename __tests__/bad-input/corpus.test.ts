import { join } from "node:path";
import fc from "fast-check";
import { synthesize } from "../../src/synth";
import { TABLE_CASES } from "./cases";
import { FIELDS, outOfRangeCase, RANGED_FIELDS, typeCases } from "./generated";
import { createWorkspace, expectGoodFailure, fingerprint, synthInProcess, type BadInput, type Workspace } from "./harness";
import { describePath } from "./schema-walk";

/**
 * The bad-input corpus, run in-process through `synthesize()` (the function main.ts calls) against
 * a previous, valid cdktf.out. main-process.test.ts runs a sample through the real main.ts.
 */

let ws: Workspace;
beforeAll(() => {
  ws = createWorkspace();
}, 60_000);

const TYPE_CASES = typeCases();

function check(c: BadInput): void {
  const { file, message } = synthInProcess(ws, c);
  expectGoodFailure(ws, c, file, message);
}

describe("the corpus", () => {
  it("holds at least 100 invalid configs, and a case for every field of the schema", () => {
    expect(TABLE_CASES.length + TYPE_CASES.length).toBeGreaterThanOrEqual(100);
    const covered = new Set(TYPE_CASES.map((c) => c.name.split(": ")[0]));
    const uncovered = FIELDS.filter((f) => f.path.length > 0 && !covered.has(describePath(f.path))).map((f) => describePath(f.path));
    expect(uncovered).toEqual([]);
  });

  it("finds fields with range rules to break (retention, names, periods...)", () => {
    const ranged = RANGED_FIELDS.map((f) => describePath(f.path));
    expect(ranged).toEqual(expect.arrayContaining(["project", "environments[0].accountId", "defaults.retentionDays", "workloads[0].signals[*].period"]));
  });
});

describe("output directories", () => {
  it("an outdir under a directory that does not exist yet is created, not an internal error", () => {
    const outdir = join(ws.dir, "not", "there", "yet", "cdktf.out");
    synthesize({ configFile: join(ws.dir, "good.yaml"), outdir });
    expect(fingerprint(outdir)).toEqual(ws.before);
  });
});

describe("hand-written bad inputs", () => {
  it.each(TABLE_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => check(c));
});

describe("generated: a wrong type, or an unknown key, at every field", () => {
  it.each(TYPE_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => check(c));
});

describe("generated with fast-check: right-typed values each field's rules reject", () => {
  it("fails well for every one", () => {
    fc.assert(fc.property(outOfRangeCase(), (c) => check(c)), { numRuns: 150 });
  }, 60_000);
});
