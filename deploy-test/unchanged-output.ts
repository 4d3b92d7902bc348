import { readdirSync } from "node:fs";
import { join } from "node:path";
import { synthesize } from "../src/synth";
import { OVERRIDE_FILE } from "./stack-apply";
import { readSynthesizedStacks, sha256 } from "./synthesized-stack";
import { DeployFailure } from "./terraform-cli";

/**
 * The deploy test deploys the product's output unchanged. It points Terraform at the emulator only by
 * environment variables and, for stacks with resource types moto lacks, by OVERRIDE_FILE next to a
 * byte-for-byte copy; these checks prove it.
 */

/** sha256 of every stack's cdk.tf.json, synthesized in this process into `outdir` (the reference). */
export function referenceHashes(configFile: string, outdir: string): Map<string, string> {
  synthesize({ configFile, outdir });
  return new Map([...readSynthesizedStacks(outdir)].map(([name, s]) => [name, s.sha256]));
}

/** What the user's command synthesized is exactly the reference. */
export function expectSameAsReference(outdir: string, reference: ReadonlyMap<string, string>, what: string): void {
  const actual = readSynthesizedStacks(outdir);
  const names = [...actual.keys()].sort().join(", ");
  if (names !== [...reference.keys()].sort().join(", ")) throw new DeployFailure(`${what} synthesized stacks ${names}, expected ${[...reference.keys()].join(", ")}`);
  for (const [name, stack] of actual) {
    if (stack.sha256 !== reference.get(name)) throw new DeployFailure(`${what}: ${name}/cdk.tf.json differs from the product's synthesis of the same config`);
  }
}

/**
 * After the run: every directory Terraform ran in holds the reference cdk.tf.json, unchanged, and no
 * Terraform file but it and (in working copies) OVERRIDE_FILE.
 */
export function expectDeployedUnchanged(dirs: readonly string[], reference: ReadonlyMap<string, string>): void {
  for (const dir of dirs) {
    const stack = dir.split("/").pop() ?? "";
    if (sha256(join(dir, "cdk.tf.json")) !== reference.get(stack)) throw new DeployFailure(`${dir}/cdk.tf.json changed during the run`);
    const extra = readdirSync(dir).filter((f) => /\.tf(\.json)?$/.test(f) && f !== "cdk.tf.json" && f !== OVERRIDE_FILE);
    if (extra.length > 0) throw new DeployFailure(`${dir} holds Terraform files besides the product's: ${extra.join(", ")}`);
  }
}
