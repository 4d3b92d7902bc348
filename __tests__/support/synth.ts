import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize } from "../../src/synth";

export const EXAMPLE_CONFIG = join(__dirname, "..", "..", "config", "example.yaml");

export interface SynthesizedStacks {
  readonly outdir: string;
  /** Stack name -> parsed cdk.tf.json. */
  readonly stacks: Record<string, Record<string, unknown>>;
}

/** Runs the real synth pipeline (config file -> cdktf.out) into a fresh temporary directory. */
export function synthConfigFile(configFile: string = EXAMPLE_CONFIG): SynthesizedStacks {
  const outdir = join(mkdtempSync(join(tmpdir(), "ai-logs-synth-")), "cdktf.out");
  synthesize({ configFile, outdir });
  const stacks: Record<string, Record<string, unknown>> = {};
  for (const name of readdirSync(join(outdir, "stacks")).sort()) {
    stacks[name] = JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
  }
  return { outdir, stacks };
}

/** Sorted `type.name` addresses of every resource in a synthesized stack. */
export function resourceAddresses(stack: Record<string, unknown>): string[] {
  const resources = (stack.resource ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(resources)
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

export function resourcesOfType(stack: Record<string, unknown>, type: string): Record<string, Record<string, unknown>> {
  return (((stack.resource ?? {}) as Record<string, unknown>)[type] ?? {}) as Record<string, Record<string, unknown>>;
}
