import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The Terraform of a synthesized cdktf.out, stack name -> cdk.tf.json without cdktf's `//` metadata
 * (construct paths, which Terraform ignores). What the plain cdktf program (bench/plain-cdktf-app.js)
 * is given to emit, and what its output must equal.
 */
export function terraformOf(outdir: string): Record<string, unknown> {
  const stacks: Record<string, unknown> = {};
  for (const stack of readdirSync(join(outdir, "stacks")).sort()) {
    stacks[stack] = withoutMetadata(JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")));
  }
  return stacks;
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "//").map(([key, v]) => [key, withoutMetadata(v)]));
}

/** Writes the plain program's input for our synth in `outdir`; returns the file. */
export function writePlainInput(outdir: string, file: string): string {
  writeFileSync(file, JSON.stringify(terraformOf(outdir)));
  return file;
}

/** The plain cdktf program, as the bench runs it: `node bench/plain-cdktf-app.js <input> <outdir>`. */
export const PLAIN_CDKTF_APP = join(__dirname, "plain-cdktf-app.js");
