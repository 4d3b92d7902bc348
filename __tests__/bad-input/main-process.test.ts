import { TABLE_CASES } from "./cases";
import { typeCases } from "./generated";
import { createWorkspace, expectGoodFailure, synthProcess, writeCase, type BadInput, type Workspace } from "./harness";

/**
 * A sample of the corpus through the real entry point (`main.ts` in a child process, as `npm run
 * synth` runs it): exit code 1, only the problems on stderr, nothing on stdout, cdktf.out untouched.
 */

const byName = (name: string) => {
  const found = TABLE_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no table case '${name}'`);
  return found;
};
const generated = typeCases();
const SAMPLE: readonly BadInput[] = [
  byName("YAML syntax error"),
  byName("a YAML alias bomb"),
  byName("a CloudFormation tag"),
  byName("binary garbage"),
  byName("a duplicate JSON key"),
  byName("workload and signal names that join into one Terraform address"),
  byName("an alarm on dimensions the filter does not publish"),
  byName("a pattern that does not parse: an unquoted wildcard term"),
  // Spread over the generated cases: the first, one from the middle, the last.
  generated[0],
  generated[Math.floor(generated.length / 2)],
  generated[generated.length - 1],
];

let ws: Workspace;
beforeAll(() => {
  ws = createWorkspace();
}, 60_000);

it(`${SAMPLE.length} bad configs through main.ts: exit 1, a message naming file and field, no stack, cdktf.out untouched`, async () => {
  const files = SAMPLE.map((c) => writeCase(ws, c));
  // Two at a time: the machine has two cores.
  const runs: Awaited<ReturnType<typeof synthProcess>>[] = [];
  for (let i = 0; i < files.length; i += 2) runs.push(...(await Promise.all(files.slice(i, i + 2).map((f) => synthProcess(f, ws.outdir)))));
  runs.forEach((run, i) => {
    const c = SAMPLE[i];
    expect({ name: c.name, status: run.status, stdout: run.stdout }).toEqual({ name: c.name, status: 1, stdout: "" });
    const [header, ...problems] = run.stderr.trimEnd().split("\n");
    expect(header).toBe("ai-logs: synth failed, nothing was written:");
    expectGoodFailure(ws, c, files[i], problems.join("\n"));
  });
}, 180_000);
