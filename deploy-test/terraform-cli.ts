import type { MotoServer } from "./moto-server";
import { run, tail, type RunResult } from "./processes";

/** A failed expectation of the deploy test: its message is what the user reads. */
export class DeployFailure extends Error {}

/** Where and how terraform runs for one stack. */
export interface StackContext {
  readonly stack: string;
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly moto: MotoServer;
}

const APPLY_TIMEOUT_MS = 10 * 60_000;

export async function terraform(ctx: StackContext, args: readonly string[], timeoutMs = APPLY_TIMEOUT_MS): Promise<RunResult> {
  const result = await run("terraform", args, { cwd: ctx.dir, env: ctx.env, timeoutMs });
  trace(ctx.stack, result);
  return result;
}

/** One line per command as it ends: where the time goes. */
export function trace(stack: string, result: RunResult): void {
  process.stdout.write(`    ${stack}: ${shortCommand(result.command, 4)} -> exit ${result.code} in ${result.seconds.toFixed(1)} s\n`);
}

/** The command without its list of `-target`s (counted instead), optionally only its first words. */
function shortCommand(command: string, words = Infinity): string {
  const kept = command.split(" ").filter((w) => !w.startsWith("-target="));
  const targets = command.split(" ").length - kept.length;
  return `${kept.slice(0, words).join(" ")}${targets ? ` (-target of ${targets} resources)` : ""}`;
}

/** A DeployFailure naming the stack and step, with the command's output and the emulator's log. */
export function failure(ctx: StackContext, what: string, result?: RunResult): DeployFailure {
  const lines = [`${ctx.stack} (account ${ctx.moto.accountId}): ${what}`];
  if (result) {
    lines.push(`  command: ${shortCommand(result.command)} (in ${ctx.dir})`);
    lines.push(result.timedOut ? `  killed after ${result.seconds.toFixed(0)} s` : `  exit code ${result.code}`);
    const output = `${result.stdout}\n${result.stderr}`.trim();
    if (output) lines.push("  output:", indent(tail(withoutProgress(output), 60)));
  }
  lines.push(`  emulator log (${ctx.moto.logFile}):`, indent(tail(ctx.moto.log(), 15)));
  return new DeployFailure(lines.join("\n"));
}

export async function expectSuccess(ctx: StackContext, args: readonly string[], what: string): Promise<RunResult> {
  const result = await terraform(ctx, args);
  if (result.code !== 0) throw failure(ctx, `${what} failed`, result);
  return result;
}

export function targetArgs(targets: readonly string[] | undefined): string[] {
  return (targets ?? []).map((t) => `-target=${t}`);
}

/**
 * `terraform plan -detailed-exitcode` must report no changes right after an apply. Exit code 2 is a
 * perpetual diff: what AWS (here: the emulator) returns does not read back as what the stack says.
 */
export async function expectNoChanges(ctx: StackContext, targets?: readonly string[]): Promise<void> {
  const result = await terraform(ctx, ["plan", "-detailed-exitcode", "-input=false", "-no-color", ...targetArgs(targets)]);
  if (result.code === 0) return;
  const perpetual =
    "a perpetual diff. It is a product bug (fix it in src/) unless the emulator returns something AWS does not; " +
    "then fix the emulator in deploy-test/moto_shim.py and name moto's behaviour there";
  if (result.code === 2) throw failure(ctx, `the plan after the apply shows changes: ${perpetual}`, result);
  // A protected resource the plan wants to replace fails the plan instead of showing a change.
  if (/Instance cannot be destroyed/.test(result.stdout + result.stderr)) {
    throw failure(ctx, `the plan after the apply wants to replace a resource protected by prevent_destroy: ${perpetual}`, result);
  }
  throw failure(ctx, "terraform plan failed", result);
}

function withoutProgress(output: string): string {
  return output
    .split("\n")
    .filter((l) => !/(Refreshing state|Reading\.\.\.|Read complete|Still creating|Still reading)/.test(l))
    .join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}
