import { spawnSync } from "node:child_process";
import { SYNTH_COMMAND } from "./commands";

/** A hook failure with a message for the pull request's author (Atlantis shows the hook's output). */
export class HookError extends Error {}

/** Runs git in `cwd`; its stdout, trimmed. Throws HookError naming the command and git's message. */
export function git(cwd: string, args: readonly string[]): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new HookError(`git ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) throw new HookError(`git ${args.join(" ")} failed (exit ${result.status}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** Whether `git diff --quiet` finds the paths the same in two commits. */
export function sameFilesIn(cwd: string, from: string, to: string, paths: readonly string[]): boolean {
  const result = spawnSync("git", ["diff", "--quiet", from, to, "--", ...paths], { cwd, encoding: "utf8" });
  if (result.status === 0) return true;
  if (result.status === 1) return false;
  throw new HookError(`git diff ${from} ${to} failed: ${result.stderr.trim()}`);
}

/** SYNTH_COMMAND in `cwd`, for `configFile` into `outdir` (both absolute). The error output when it fails. */
export function runSynth(cwd: string, configFile: string, outdir: string): { readonly ok: true } | { readonly ok: false; readonly message: string } {
  const result = spawnSync("sh", ["-c", SYNTH_COMMAND], {
    cwd,
    env: { ...process.env, AI_LOGS_CONFIG: configFile, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 0) return { ok: true };
  return { ok: false, message: `${SYNTH_COMMAND} (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout).trim()}` };
}
