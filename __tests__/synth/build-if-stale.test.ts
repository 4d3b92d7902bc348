import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * scripts/build.js decides when `npm run synth` compiles first. A wrong "fresh" synthesizes stale
 * JavaScript, a wrong "stale" costs a build on every synth; two synths at once must not both empty
 * dist/. Exercised on a tiny project of the same layout (main.ts, src/, the two tsconfigs).
 */
const BUILD_SCRIPT = join(__dirname, "..", "..", "scripts", "build.js");
const { buildIfStale, staleReason } = require(BUILD_SCRIPT) as {
  buildIfStale(root: string, options?: { force?: boolean; log?: (line: string) => void }): boolean;
  staleReason(root: string): string | undefined;
};

const work = mkdtempSync(join(tmpdir(), "ai-logs-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let projects = 0;
function project(): string {
  const root = join(work, `p${projects++}`);
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, rootDir: ".", outDir: "dist", types: [] } }));
  writeFileSync(join(root, "tsconfig.build.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { declaration: true }, include: ["main.ts", "src/**/*.ts"] }));
  writeFileSync(join(root, "main.ts"), 'import { answer } from "./src/answer";\nconsole.log(answer);\n');
  writeFileSync(join(root, "src", "answer.ts"), "export const answer: number = 41;\n");
  return root;
}

/** Writes a source and dates it in the future, clear of the file system's timestamp granularity. */
function edit(root: string, file: string, text: string): void {
  writeFileSync(join(root, file), text);
  const later = new Date(Date.now() + 5_000);
  utimesSync(join(root, file), later, later);
}

const quiet = { log: () => undefined };
/** Each build starts tsc, seconds each on a loaded machine. */
const BUILDS = 120_000;

describe("scripts/build.js: build dist/ when it is missing or stale, once", () => {
  it("builds a fresh clone, then nothing until a source changes", () => {
    const root = project();
    expect(staleReason(root)).toBe("dist/ has not been built");
    expect(buildIfStale(root, quiet)).toBe(true);
    expect(readFileSync(join(root, "dist", "src", "answer.js"), "utf8")).toContain("41");
    expect(existsSync(join(root, "dist", "src", "answer.d.ts"))).toBe(true);
    expect(staleReason(root)).toBeUndefined();
    expect(buildIfStale(root, quiet)).toBe(false);

    edit(root, "src/answer.ts", "export const answer: number = 42;\n");
    expect(staleReason(root)).toBe("src/answer.ts changed since the last build");
    expect(buildIfStale(root, quiet)).toBe(true);
    expect(readFileSync(join(root, "dist", "src", "answer.js"), "utf8")).toContain("42");
  }, BUILDS);

  it("rebuilds when a source is added or removed, and leaves nothing of a removed one", () => {
    const root = project();
    buildIfStale(root, quiet);
    writeFileSync(join(root, "src", "extra.ts"), "export const extra = 1;\n");
    expect(staleReason(root)).toBe("sources were added or removed since the last build");
    buildIfStale(root, quiet);
    expect(existsSync(join(root, "dist", "src", "extra.js"))).toBe(true);
    unlinkSync(join(root, "src", "extra.ts"));
    expect(staleReason(root)).toBe("sources were added or removed since the last build");
    buildIfStale(root, quiet);
    expect(existsSync(join(root, "dist", "src", "extra.js"))).toBe(false);
  }, BUILDS);

  it("reports tsc's errors and stays stale, so the next synth tries again", () => {
    const root = project();
    edit(root, "src/answer.ts", 'export const answer: number = "forty-two";\n');
    expect(() => buildIfStale(root, quiet)).toThrow(/the TypeScript build failed, dist\/ is incomplete:\n.*src\/answer\.ts.*TS2322/);
    expect(staleReason(root)).toBe("dist/ has not been built");
  }, BUILDS);

  it("builds once when two synths start together on a fresh clone", async () => {
    const root = project();
    const start = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["-e", `require(${JSON.stringify(BUILD_SCRIPT)}).buildIfStale(${JSON.stringify(root)}); require(${JSON.stringify(join(root, "dist", "main.js"))})`]);
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`exit ${code}: ${output}`))));
      });
    const outputs = await Promise.all([start(), start()]);
    expect(outputs.map((o) => o.includes("compiling the TypeScript sources")).sort()).toEqual([false, true]);
    expect(outputs.map((o) => o.trim().split("\n").pop())).toEqual(["41", "41"]);
  }, BUILDS);
});
