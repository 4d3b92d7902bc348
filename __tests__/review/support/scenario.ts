import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { main } from "../../../src/cli/main";
import type { CliIo } from "../../../src/cli/io";
import { synthesize } from "../../../src/synth";
import {
  offlineTerraformEnv,
  planStackOffline,
  TerraformError,
} from "../../../src/terraform/offline-plan";
import type { TerraformPlanJson } from "../../../src/terraform/plan-json";
import { priorStateFromOfflinePlan, type TerraformStateV4 } from "../../../src/terraform/prior-state";
import { EXAMPLE_CONFIG } from "../../support/synth";
import { terraformGuard } from "../../support/terraform-guard";

/**
 * Review scenarios: the example config as a pull request's base, a mutated copy as its head, both
 * synthesized for real; and, for plan scenarios, real `terraform plan` runs of the head against a
 * state built from the base's plan (src/terraform/prior-state.ts).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ConfigDoc = Record<string, any>;

/** Read once per test file, so a base and its heads start from the same text even while the file is edited. */
const EXAMPLE_TEXT = readFileSync(EXAMPLE_CONFIG, "utf8");

/** A fresh copy of config/example.yaml, to mutate. */
export function exampleConfig(): ConfigDoc {
  return parse(EXAMPLE_TEXT) as ConfigDoc;
}

export function workload(config: ConfigDoc, name: string): ConfigDoc {
  const found = (config.workloads as ConfigDoc[]).find((w) => w.name === name);
  if (!found) throw new Error(`example config has no workload ${name}; the scenario needs updating`);
  return found;
}

export function environment(config: ConfigDoc, name: string): ConfigDoc {
  const found = (config.environments as ConfigDoc[]).find((e) => e.name === name);
  if (!found) throw new Error(`example config has no environment ${name}`);
  return found;
}

/** Writes the config and synthesizes it into `<dir>/cdktf.out`; returns that path. */
export function synthConfig(config: ConfigDoc, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, "config.yaml");
  writeFileSync(configFile, stringify(config));
  const outdir = join(dir, "cdktf.out");
  synthesize({ configFile, outdir });
  return outdir;
}

export function readStack(outdir: string, stack: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as Record<string, unknown>;
}

/** Edits a synthesized stack in place: what a change to a construct or a catalogue preset would synthesize. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function editStack(outdir: string, stack: string, edit: (resource: Record<string, Record<string, any>>) => void): void {
  const json = readStack(outdir, stack);
  edit(json.resource as Record<string, Record<string, Record<string, unknown>>>);
  writeFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json, null, 2));
}

export function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `ai-logs <args>` in-process, relative paths resolved against `cwd`. */
export async function runCli(cwd: string, ...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (p) => readFileSync(resolve(cwd, p), "utf8"),
    cwd,
  };
  const code = await main(["node", "ai-logs", ...args], io);
  return { code, stdout, stderr };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Plan tests skip with a reason outside CI, and fail under CI, when Terraform is not available. */
export function describeWithTerraform(name: string, body: () => void): void {
  terraformGuard(name).describePlans(name, body);
}

/** Plans one stack: the base once (create-only, then its prior state), heads against that state. */
export class StackPlanner {
  private counter = 0;
  private offlineEnv?: NodeJS.ProcessEnv;

  constructor(
    private readonly work: string,
    readonly stack: string,
  ) {}

  /** Made on first use: describe bodies run even when Terraform is missing and the tests skip. */
  private get env(): NodeJS.ProcessEnv {
    this.offlineEnv ??= offlineTerraformEnv(this.work);
    return this.offlineEnv;
  }

  /** Plans the base stack from an empty state and returns the state as if it had been applied. */
  priorStateOf(baseOutdir: string): { plan: TerraformPlanJson; state: TerraformStateV4 } {
    const stackJson = readStack(baseOutdir, this.stack);
    const dir = join(this.work, `${this.stack}-base`);
    const result = planStackOffline(stackJson, dir, this.env);
    const accountId = ((stackJson.provider as { aws: { allowed_account_ids?: string[] }[] }).aws[0].allowed_account_ids ?? [])[0];
    return { plan: result.planJson, state: priorStateFromOfflinePlan(result, this.env, { accountId }) };
  }

  /** `terraform plan -refresh=false` of the head stack against `state`: the plan, or Terraform's error. */
  planHead(headOutdir: string, state: TerraformStateV4): { plan?: TerraformPlanJson; error?: string } {
    const dir = join(this.work, `${this.stack}-head-${++this.counter}`);
    try {
      const result = planStackOffline(readStack(headOutdir, this.stack), dir, this.env, [], { priorState: state, validate: false });
      return { plan: result.planJson };
    } catch (e) {
      if (e instanceof TerraformError) return { error: e.message };
      throw e;
    }
  }
}

/** Resource changes of a plan that are not no-ops, as `address: actions`. */
export function plannedActions(plan: TerraformPlanJson): Record<string, string> {
  return Object.fromEntries(
    (plan.resource_changes ?? []).filter((rc) => rc.change.actions.join() !== "no-op").map((rc) => [rc.address, rc.change.actions.join(",")]),
  );
}
