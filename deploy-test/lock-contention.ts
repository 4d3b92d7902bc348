import { join } from "node:path";
import { objectExists } from "./emulator-api";
import { signalGroup, sleep, startLogged } from "./processes";
import type { SynthesizedStack } from "./synthesized-stack";
import { DeployFailure, expectNoChanges, failure, terraform, type StackContext } from "./terraform-cli";

export interface LockContentionResult {
  readonly lockObject: string;
  readonly lockId: string;
}

/**
 * S3-native locking (`use_lockfile`) as a team meets it: plan A takes the lock and is frozen while it
 * holds it (SIGSTOP: deterministic, no race with A finishing); plan B fails with Terraform's lock error;
 * A is then killed, as a crashed CI job is, leaving its lock behind; `terraform force-unlock` with the
 * lock ID from B's error releases it, and a plan runs again with no changes (the state is intact).
 */
export async function checkLockContention(ctx: StackContext, stack: SynthesizedStack, targets: readonly string[] | undefined, logDir: string): Promise<LockContentionResult> {
  const { bucket, key, region } = stack.backend.config as { bucket: string; key: string; region: string };
  const lockObject = `${key}.tflock`;
  if (await objectExists(ctx.moto.endpoint, region, bucket, lockObject)) throw failure(ctx, `s3://${bucket}/${lockObject} exists before the lock test`);

  const holder = startLogged("terraform", ["plan", "-input=false", "-no-color"], { cwd: ctx.dir, env: ctx.env }, join(logDir, `lock-holder-${stack.name}.log`));
  try {
    const deadline = Date.now() + 120_000;
    while (!(await objectExists(ctx.moto.endpoint, region, bucket, lockObject))) {
      if (holder.exitCode !== null) throw failure(ctx, `plan A ended (exit ${holder.exitCode}) before its lock s3://${bucket}/${lockObject} was seen`);
      if (Date.now() > deadline) throw failure(ctx, `plan A never created its lock s3://${bucket}/${lockObject}`);
      await sleep(50);
    }
    signalGroup(holder, "SIGSTOP");

    const second = await terraform(ctx, ["plan", "-input=false", "-no-color"], 120_000);
    const output = `${second.stdout}\n${second.stderr}`;
    if (second.code === 0 || !/Error acquiring the state lock/.test(output)) {
      throw failure(ctx, "plan B, run while plan A holds the lock, did not fail with Terraform's lock error", second);
    }
    const lockId = /ID:\s+([0-9a-f-]{36})/.exec(output)?.[1];
    if (!lockId) throw failure(ctx, "plan B's lock error names no lock ID", second);

    signalGroup(holder, "SIGKILL");
    signalGroup(holder, "SIGCONT");
    await new Promise<void>((resolve) => (holder.exitCode !== null || holder.signalCode !== null ? resolve() : holder.once("exit", () => resolve())));
    if (!(await objectExists(ctx.moto.endpoint, region, bucket, lockObject))) throw failure(ctx, "the killed plan's lock disappeared by itself");

    const unlock = await terraform(ctx, ["force-unlock", "-force", lockId], 120_000);
    if (unlock.code !== 0) throw failure(ctx, "terraform force-unlock failed", unlock);
    if (await objectExists(ctx.moto.endpoint, region, bucket, lockObject)) throw failure(ctx, "terraform force-unlock left the lock object in place");
    await expectNoChanges(ctx, targets);
    return { lockObject: `s3://${bucket}/${lockObject}`, lockId };
  } catch (e) {
    if (e instanceof DeployFailure) throw e;
    throw failure(ctx, `lock test: ${(e as Error).message}`);
  } finally {
    signalGroup(holder, "SIGCONT");
    signalGroup(holder, "SIGKILL");
  }
}
