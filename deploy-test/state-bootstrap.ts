import { join } from "node:path";
import { getObject, objectExists } from "./emulator-api";
import type { MotoServer } from "./moto-server";
import { run, type RunResult } from "./processes";
import { readSynthesizedStacks } from "./synthesized-stack";
import { expectNoChanges, expectSuccess, failure, trace, type StackContext } from "./terraform-cli";
import { expectSameAsReference } from "./unchanged-output";

/**
 * README "Deploying", steps 1 and 2, with the user's commands, for the state-bucket stacks of one account:
 * `npx cdktf deploy` with local state; then `bootstrap.stateInS3: true`, `npm run synth` and
 * `terraform init -migrate-state` in the stack directory. cdktf deploy needs nothing but environment
 * variables to reach the emulator (AWS_ENDPOINT_URL, which provider 5.100 and the S3 backend of Terraform
 * 1.11 both honour) and `--skip-provider-lock` (`terraform providers lock` asks the registry, which an
 * offline provider mirror cannot answer).
 */
export interface AccountBootstrap {
  readonly root: string;
  /** This account's project output directory (one per account: each runs with its own credentials). */
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly moto: MotoServer;
  readonly stacks: readonly string[];
  readonly configs: { readonly localState: string; readonly stateInS3: string };
  readonly references: { readonly localState: ReadonlyMap<string, string>; readonly stateInS3: ReadonlyMap<string, string> };
}

const COMMAND_TIMEOUT_MS = 10 * 60_000;

export async function bootstrapState(b: AccountBootstrap): Promise<void> {
  const contextOf = (stack: string): StackContext => ({ stack, dir: join(b.outdir, "stacks", stack), env: b.env, moto: b.moto });
  const first = contextOf(b.stacks[0]);

  const deploy = await user(b, ["npx", "cdktf", "deploy", ...b.stacks, "--auto-approve", "--skip-provider-lock", "--output", b.outdir], b.configs.localState);
  if (deploy.code !== 0) throw failure(first, "npx cdktf deploy failed", deploy);
  expectSameAsReference(b.outdir, b.references.localState, "npx cdktf deploy");
  for (const stack of b.stacks) await expectNoChanges(contextOf(stack));

  const synth = await user(b, ["npm", "run", "--silent", "synth"], b.configs.stateInS3);
  if (synth.code !== 0) throw failure(first, "npm run synth (bootstrap.stateInS3: true) failed", synth);
  expectSameAsReference(b.outdir, b.references.stateInS3, "npm run synth with bootstrap.stateInS3: true");

  const synthesized = readSynthesizedStacks(b.outdir);
  for (const stack of b.stacks) {
    const ctx = contextOf(stack);
    const backend = synthesized.get(stack)?.backend;
    if (backend?.type !== "s3") throw failure(ctx, `with bootstrap.stateInS3 the backend is ${backend?.type}, expected s3`);
    const migrate = await expectSuccess(ctx, ["init", "-migrate-state", "-force-copy", "-input=false", "-no-color"], "terraform init -migrate-state");
    const { bucket, key, region } = backend.config as { bucket: string; key: string; region: string };
    if (!(await objectExists(b.moto.endpoint, region, bucket, key))) {
      throw failure(ctx, `terraform init -migrate-state migrated nothing: s3://${bucket}/${key} does not exist (Terraform migrates only from a backend its .terraform directory recorded)`, migrate);
    }
    const state = JSON.parse((await getObject(b.moto.endpoint, region, bucket, key)).toString("utf8")) as { resources?: unknown[] };
    const expected = synthesized.get(stack)?.addresses.length ?? 0;
    if ((state.resources ?? []).length !== expected) {
      throw failure(ctx, `s3://${bucket}/${key} holds ${(state.resources ?? []).length} resources after the migration, expected the ${expected} applied with local state`);
    }
    await expectNoChanges(ctx);
  }
}

/** A command the README gives, run from the project root with the config in AI_LOGS_CONFIG. */
async function user(b: AccountBootstrap, [command, ...args]: string[], config: string): Promise<RunResult> {
  const env = { ...b.env, AI_LOGS_CONFIG: config, CDKTF_OUTDIR: b.outdir, FORCE_COLOR: "0" };
  const result = await run(command, args, { cwd: b.root, env, timeoutMs: COMMAND_TIMEOUT_MS });
  trace(`account ${b.moto.accountId}`, result);
  return result;
}
