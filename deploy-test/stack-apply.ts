import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { classifyApplyErrors, diagnosticsOf, exclusionsFor, unfinishedChanges, type EmulatorGap, type Exclusions } from "./emulator-gaps";
import { sha256, type SynthesizedStack } from "./synthesized-stack";
import { DeployFailure, expectNoChanges, expectSuccess, failure, targetArgs, terraform, type StackContext } from "./terraform-cli";

/** The one setting the deploy test keeps in a file: see emulatorOverride. */
export const OVERRIDE_FILE = "emulator_override.tf.json";

/**
 * `max_retries = 3` on every aws provider of the stack, as a Terraform override file next to an exact
 * copy of cdk.tf.json. moto answers an action it does not implement with HTTP 500, which the provider
 * retries with back-off for many minutes at its default of 25; the default wins over AWS_MAX_ATTEMPTS
 * (measured with 5.100.0), so this cannot come from the environment like the endpoint does. Not 1: the
 * emulator's development web server now and then drops a kept-alive connection, which only a retry absorbs.
 */
const MAX_RETRIES = 3;

function emulatorOverride(stack: SynthesizedStack): object {
  const providers = stack.json.provider?.aws ?? [];
  return { provider: { aws: providers.map((p) => ({ ...(p.alias ? { alias: p.alias } : {}), max_retries: MAX_RETRIES })) } };
}

/** A copy of the stack directory to run in: the synthesized cdk.tf.json byte for byte, plus the override. */
export function workingCopy(stack: SynthesizedStack, dir: string): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(stack.dir, "cdk.tf.json"), join(dir, "cdk.tf.json"));
  if (sha256(join(dir, "cdk.tf.json")) !== stack.sha256) throw new DeployFailure(`${stack.name}: the copy of cdk.tf.json differs from the synthesized file`);
  writeFileSync(join(dir, OVERRIDE_FILE), `${JSON.stringify(emulatorOverride(stack), null, 2)}\n`);
  return dir;
}

export interface AppliedStack {
  readonly exclusions: Exclusions;
  readonly gaps: readonly EmulatorGap[];
  /** The `-target`s later commands use: undefined when nothing is excluded. */
  readonly targets?: readonly string[];
}

/**
 * `terraform init` and `terraform apply` of the whole stack, as a user runs them. Resources moto cannot
 * create fail; when moto's log explains every failure (emulator-gaps.ts), those types and whatever refers
 * to them are excluded; whatever else the failures kept Terraform from starting is applied with `-target`
 * of everything not excluded. Then the plan of everything not excluded must be empty.
 */
export async function applyStack(ctx: StackContext, stack: SynthesizedStack): Promise<AppliedStack> {
  await expectSuccess(ctx, ["init", "-input=false", "-no-color"], "terraform init");
  const apply = await terraform(ctx, ["apply", "-auto-approve", "-input=false", "-json"]);
  let gaps: EmulatorGap[] = [];
  if (apply.code !== 0) {
    const classified = classifyApplyErrors(diagnosticsOf(apply.stdout), ctx.moto.log());
    if (apply.timedOut || classified.failures.length > 0 || classified.gaps.length === 0) {
      const errors = classified.failures.map((d) => `${d.address ?? "(no address)"}: ${d.summary}${d.detail ? ` -- ${d.detail}` : ""}`);
      throw failure(ctx, `terraform apply failed${errors.length ? ` for reasons other than what moto lacks:\n  ${errors.join("\n  ")}` : ""}`, apply);
    }
    gaps = classified.gaps;
  }
  const exclusions = exclusionsFor(stack, gaps);
  const targets = exclusions.excluded.size > 0 ? exclusions.included : undefined;
  const unfinished = [...unfinishedChanges(apply.stdout)].filter((a) => !exclusions.excluded.has(a));
  if (targets && unfinished.length > 0) {
    await expectSuccess(ctx, ["apply", "-auto-approve", "-input=false", "-no-color", ...targetArgs(targets)], `terraform apply -target of all but what moto lacks (${unfinished.length} not started: ${unfinished.join(", ")})`);
  }
  await expectNoChanges(ctx, targets);
  return { exclusions, gaps, targets };
}
