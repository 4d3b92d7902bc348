import { existsSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";

/**
 * What `terraform init` leaves in a stack directory: `.terraform/` (the providers, and the record of which
 * backend the state was last in) and the dependency lock file. cdktf keeps them across synths, and
 * Terraform needs them: `terraform init -migrate-state` after `bootstrap.stateInS3` only migrates a state
 * whose old backend `.terraform/` remembers; without it, init silently starts an empty remote state.
 */
const WORKING_DATA = [".terraform", ".terraform.lock.hcl"];

/**
 * Moves each stack's Terraform working data from a previous cdktf.out into a fresh synthesis of it,
 * for the stacks the fresh one still has (a stack no longer synthesized is dropped with its data).
 */
export function carryOverWorkingData(previousOutdir: string, freshOutdir: string): void {
  const previousStacks = join(previousOutdir, "stacks");
  if (!existsSync(previousStacks)) return;
  for (const stack of readdirSync(previousStacks)) {
    const target = join(freshOutdir, "stacks", stack);
    if (!existsSync(target)) continue;
    for (const entry of WORKING_DATA) {
      const source = join(previousStacks, stack, entry);
      if (existsSync(source) && !existsSync(join(target, entry))) renameSync(source, join(target, entry));
    }
  }
}
