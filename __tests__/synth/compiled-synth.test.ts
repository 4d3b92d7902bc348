import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTree } from "../support/tree";

/**
 * `npm run synth` runs the compiled JavaScript (scripts/synth.js builds dist/ if stale, then runs
 * dist/main.js) without cdktf's token creation stacks; `npm run synth:dev` runs main.ts through tsx.
 * Here tsx keeps the stacks (AI_LOGS_DEBUG), so one comparison covers both differences: the example's
 * cdktf.out must be the same bytes.
 */
const ROOT = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "ai-logs-compiled-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));


function run(args: string[], outdir: string, env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, ...env };
  delete base.AI_LOGS_CONFIG;
  if (!env.AI_LOGS_DEBUG) delete base.AI_LOGS_DEBUG;
  return spawnSync(process.execPath, args, { cwd: ROOT, env: base, encoding: "utf8" });
}

describe("the compiled synth (npm run synth)", () => {
  it("writes byte for byte the cdktf.out of the tsx synth, for the example", () => {
    // Lists, at exit, the modules loaded from tsx or typescript: the compiled synth must load none.
    const probe = join(work, "probe.js");
    writeFileSync(probe, `process.on("exit", () => process.stderr.write("loaded: " + JSON.stringify(Object.keys(require.cache).filter((m) => /node_modules\\/(tsx|typescript)\\//.test(m))) + "\\n"));\n`);
    const compiled = run(["--require", probe, "scripts/synth.js"], join(work, "compiled"));
    expect(compiled.status).toBe(0);
    expect(compiled.stderr.trim().split("\n").pop()).toBe("loaded: []");

    const tsx = run([join(ROOT, "node_modules/tsx/dist/cli.mjs"), "main.ts"], join(work, "tsx"), { AI_LOGS_DEBUG: "1" });
    expect(tsx.stderr).toBe("");
    expect(tsx.status).toBe(0);

    const ours = readTree(join(work, "compiled"));
    expect(Object.keys(ours).filter((f) => f.endsWith("cdk.tf.json"))).toHaveLength(6);
    expect(ours).toEqual(readTree(join(work, "tsx")));
  }, 300_000);
});
