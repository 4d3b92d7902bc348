import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { ReviewInputError } from "./errors";

/** One synthesized stack: its `cdk.tf.json`, parsed. */
export type StackJson = Readonly<Record<string, unknown>>;

/** A `cdktf.out` directory (or a single stack directory), loaded. */
export interface SynthOutput {
  /** As given (relative paths stay relative, for the report). */
  readonly dir: string;
  /** Stack name -> Terraform JSON, in name order. */
  readonly stacks: ReadonlyMap<string, StackJson>;
}

/**
 * Loads a synthesized output: `cdktf.out` (stacks listed by manifest.json, else every
 * `stacks/<name>/cdk.tf.json`), or one stack directory holding a `cdk.tf.json`.
 */
export function loadSynthOutput(dir: string, argument: string, cwd: string = process.cwd()): SynthOutput {
  const root = resolve(cwd, dir);
  if (!existsSync(root)) throw new ReviewInputError(argument, `directory ${dir} does not exist (synthesize first: npm run synth)`);
  if (!statSync(root).isDirectory()) throw new ReviewInputError(argument, `${dir} is not a directory; pass a cdktf.out directory`);

  const files = new Map<string, string>();
  const manifestFile = join(root, "manifest.json");
  if (existsSync(join(root, "cdk.tf.json"))) {
    files.set(basename(root), join(root, "cdk.tf.json"));
  } else if (existsSync(manifestFile)) {
    const manifest = readJson(manifestFile, argument) as { stacks?: Record<string, { synthesizedStackPath?: string }> };
    if (!manifest || typeof manifest.stacks !== "object") {
      throw new ReviewInputError(argument, `${manifestFile} has no "stacks"; is ${dir} a cdktf.out directory?`);
    }
    for (const [name, stack] of Object.entries(manifest.stacks)) {
      files.set(name, join(root, stack.synthesizedStackPath ?? join("stacks", name, "cdk.tf.json")));
    }
  } else if (existsSync(join(root, "stacks"))) {
    for (const name of readdirSync(join(root, "stacks"))) files.set(name, join(root, "stacks", name, "cdk.tf.json"));
  } else {
    throw new ReviewInputError(argument, `${dir} holds neither manifest.json, stacks/ nor cdk.tf.json; pass a cdktf.out directory`);
  }

  const stacks = new Map<string, StackJson>();
  for (const [name, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!existsSync(file)) {
      const hcl = file.replace(/\.json$/, "");
      throw new ReviewInputError(
        argument,
        existsSync(hcl) ? `stack ${name} was synthesized as HCL (${hcl}); review needs the JSON output (npm run synth)` : `stack ${name}: ${file} is missing`,
      );
    }
    const json = readJson(file, argument);
    if (!json || typeof json !== "object" || Array.isArray(json)) throw new ReviewInputError(argument, `${file} is not a Terraform JSON object`);
    stacks.set(name, json as StackJson);
  }
  return { dir, stacks };
}

export function readJson(file: string, argument: string, cwd: string = process.cwd()): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch (e) {
    throw new ReviewInputError(argument, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const hint = text.startsWith("PK") ? " (this looks like a binary plan file: pass `terraform show -json <planfile>` output)" : "";
    throw new ReviewInputError(argument, `${file} is not valid JSON: ${(e as Error).message}${hint}`);
  }
}
