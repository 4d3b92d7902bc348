import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { buildApp } from "./app";
import { loadConfigFile } from "./config/load";
import { buildModel } from "./model/build-model";
import { carryOverWorkingData } from "./terraform/working-data";

export const DEFAULT_CONFIG_FILE = "config/example.yaml";

export interface SynthOptions {
  readonly configFile: string;
  /** cdktf's output directory. */
  readonly outdir: string;
}

/**
 * Config file -> `cdktf.out`, all or nothing: everything is validated before any file is written, and
 * the app synthesizes into a sibling temporary directory that replaces `outdir` only when complete. What
 * `terraform init` left in the stack directories stays (src/terraform/working-data.ts).
 */
export function synthesize(options: SynthOptions): { stacks: string[] } {
  const model = buildModel(loadConfigFile(options.configFile), options.configFile);
  const outdir = resolve(options.outdir);
  mkdirSync(dirname(outdir), { recursive: true }); // CDKTF_OUTDIR may name a directory not yet there
  const staging = mkdtempSync(join(dirname(outdir), `.${basename(outdir)}.staging-`));
  try {
    const app = buildApp(model, staging);
    app.synth();
    const stacks = app.node.children.map((c) => c.node.id);
    if (existsSync(outdir)) {
      carryOverWorkingData(outdir, staging); // what `terraform init` left in the stack directories
      rmSync(outdir, { recursive: true, force: true });
    }
    renameSync(staging, outdir);
    return { stacks };
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}
