import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { ConfigError } from "../../src/config/errors";
import { synthesize } from "../../src/synth";
import { minimalConfig } from "../support/configs";

/**
 * Runs a bad config through the real synth and checks the four promises made for bad input: it
 * fails, the message names the file and the field, there is no stack trace, and the previous
 * `cdktf.out` is left exactly as it was (byte for byte, no staging directory left behind).
 */

export const ROOT = join(__dirname, "..", "..");

export interface BadInput {
  /** What is wrong, in words (the test name). */
  readonly name: string;
  /** File name to write (its extension picks the parser). */
  readonly fileName?: string;
  /** The file's content: a document (written as YAML, or JSON for .json) or raw text/bytes. */
  readonly content: unknown;
  /** Config path the message must name ("" = the document); `undefined` for an unreadable file. */
  readonly path: string;
  /** More that the message must say (a rule code, the offending value). */
  readonly says?: RegExp;
}

/** A work directory with a previous, valid `cdktf.out` that every failed run must leave untouched. */
export interface Workspace {
  readonly dir: string;
  readonly outdir: string;
  readonly before: ReadonlyMap<string, string>;
}

export function createWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "ai-logs-bad-input-"));
  const good = join(dir, "good.yaml");
  writeFileSync(good, stringify(minimalConfig()));
  const outdir = join(dir, "cdktf.out");
  synthesize({ configFile: good, outdir });
  return { dir, outdir, before: fingerprint(outdir) };
}

/** Relative path -> sha256 of every file and directory under `dir`. */
export function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, prefix: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        out.set(`${rel}/`, "dir");
        walk(join(d, entry.name), `${rel}/`);
      } else out.set(rel, createHash("sha256").update(readFileSync(join(d, entry.name))).digest("hex"));
    }
  };
  walk(dir, "");
  return out;
}

let counter = 0;
export function writeCase(ws: Workspace, c: BadInput): string {
  const file = join(ws.dir, `case-${++counter}`, c.fileName ?? "config.yaml");
  mkdirSync(dirname(file), { recursive: true });
  if (c.content instanceof Uint8Array || typeof c.content === "string") writeFileSync(file, c.content);
  else writeFileSync(file, file.endsWith(".json") ? JSON.stringify(c.content, null, 2) : stringify(c.content));
  return file;
}

/** What the user would see: the message main.ts prints for a ConfigError. */
export function synthInProcess(ws: Workspace, c: BadInput, file = writeCase(ws, c)): { file: string; message: string } {
  try {
    synthesize({ configFile: file, outdir: ws.outdir });
  } catch (e) {
    if (e instanceof ConfigError) return { file, message: e.message };
    throw new Error(`${c.name}: not a ConfigError but ${(e as Error).name}: ${(e as Error).message}`);
  }
  throw new Error(`${c.name}: synth accepted the config`);
}

/** The assertions shared by the in-process and the real-process runs. */
export function expectGoodFailure(ws: Workspace, c: BadInput, file: string, message: string): void {
  const lines = message.split("\n");
  for (const line of lines) expect(line.startsWith(`${file}: `)).toBe(true);
  const where = c.path === "" ? `${file}: ` : `${file}: ${c.path}: `;
  expect(lines.some((line) => line.startsWith(where))).toBe(true);
  if (c.says) expect(message).toMatch(c.says);
  expect(message).not.toMatch(/^\s+at .*(:\d+:\d+|\(native\))/m);
  expect(message).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/);
  expect(fingerprint(ws.outdir)).toEqual(ws.before);
  expect(readdirSync(ws.dir).filter((f) => f.includes("staging"))).toEqual([]);
}

/** Runs main.ts as `npm run synth` does, in a child process. */
export function synthProcess(file: string, outdir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "main.ts")], {
      cwd: ROOT,
      env: { ...process.env, AI_LOGS_CONFIG: file, CDKTF_OUTDIR: outdir, AI_LOGS_DEBUG: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
