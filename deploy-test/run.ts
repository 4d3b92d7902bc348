// `npm run test:deploy`: deploys the example config (or $AI_LOGS_CONFIG) for real, offline, against moto
// (one server per AWS account), the way a user deploys it, and checks what only a deployment can show.
// docs/deploying-locally.md says what it proves and what it cannot. Fails with a message naming the stack,
// the step, the command's output and the emulator's log; stops every process it started and removes its
// temporary directory however it ends (AI_LOGS_DEPLOY_KEEP=1 keeps the directory for a look).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { loadConfigFile } from "../src/config/load";
import { buildModel } from "../src/model/build-model";
import { APPLY_PHASES, stackApplyOrder, type ApplyPhase } from "../src/stacks/apply-order";
import { DEFAULT_CONFIG_FILE } from "../src/synth";
import { offlineTerraformEnv, terraformAvailability } from "../src/terraform/offline-plan";
import { checkArchiveDelivery } from "./archive-delivery";
import { attachedGroups, createAttachedGroups, type AttachedGroup } from "./attached-groups";
import { checkDestroyRefused } from "./destroy-refusal";
import { checkLockContention } from "./lock-contention";
import { MotoServer } from "./moto-server";
import { killAll, run } from "./processes";
import { formatDuration, renderStackTable, type StackReport } from "./report";
import { applyStack, workingCopy } from "./stack-apply";
import { bootstrapState } from "./state-bootstrap";
import { readSynthesizedStacks, type SynthesizedStack } from "./synthesized-stack";
import { DeployFailure, type StackContext } from "./terraform-cli";
import { expectDeployedUnchanged, referenceHashes } from "./unchanged-output";

const ROOT = resolve(__dirname, "..");

interface Account {
  readonly id: string;
  readonly moto: MotoServer;
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A deployed stack: where later checks run terraform for it, and with which targets. */
interface Deployed {
  readonly stack: SynthesizedStack;
  readonly ctx: StackContext;
  readonly targets?: readonly string[];
}

const log = (line = "") => process.stdout.write(`${line}\n`);

/** The config in both bootstrap states, the product's own synthesis of each (the reference), the apply order. */
interface Setup {
  readonly configFile: string;
  readonly configs: { readonly localState: string; readonly stateInS3: string };
  readonly references: { readonly localState: ReadonlyMap<string, string>; readonly stateInS3: ReadonlyMap<string, string> };
  readonly phaseOf: (stack: string) => ApplyPhase;
  /** The final stacks (bootstrap.stateInS3: true), synthesized by the product in this process. */
  readonly stacks: ReadonlyMap<string, SynthesizedStack>;
  /** Existing log groups the config attaches to: they must exist before the monitoring phase. */
  readonly attached: readonly AttachedGroup[];
}

function prepare(work: string): Setup {
  const configFile = resolve(process.env.AI_LOGS_CONFIG || join(ROOT, DEFAULT_CONFIG_FILE));
  const configs = { localState: join(work, "config-local-state.yaml"), stateInS3: join(work, "config-state-in-s3.yaml") };
  const config = parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
  for (const [file, stateInS3] of [[configs.localState, false], [configs.stateInS3, true]] as const) {
    writeFileSync(file, stringify({ ...config, bootstrap: { ...(config.bootstrap as object), stateInS3 } }));
  }
  const finalOutdir = join(work, "reference-state-in-s3", "cdktf.out");
  const references = {
    localState: referenceHashes(configs.localState, join(work, "reference-local-state", "cdktf.out")),
    stateInS3: referenceHashes(configs.stateInS3, finalOutdir),
  };
  const model = buildModel(loadConfigFile(configs.stateInS3), configs.stateInS3);
  const order = stackApplyOrder(model);
  const phaseOf = (stack: string) => order.find((o) => o.stack === stack)?.phase ?? fail(`stack ${stack} has no place in the apply order`);
  const stacks = readSynthesizedStacks(finalOutdir);
  log(`Deploying ${configFile}: ${stacks.size} stacks in ${new Set([...stacks.values()].map((s) => s.accountId)).size} accounts`);
  log(`Apply order (src/stacks/apply-order.ts): ${APPLY_PHASES.map((p) => `${p} [${order.filter((o) => o.phase === p).map((o) => o.stack).join(", ")}]`).join(" -> ")}`);
  return { configFile, configs, references, phaseOf, stacks, attached: attachedGroups(model) };
}

async function startEmulators(work: string, accountIds: readonly string[], baseEnv: NodeJS.ProcessEnv): Promise<Map<string, Account>> {
  const accounts = new Map<string, Account>();
  await allOrFail(
    accountIds.map(async (id) => {
      const moto = await MotoServer.start(ROOT, id, join(work, `moto-${id}.log`));
      accounts.set(id, { id, moto, outdir: join(work, "accounts", id, "cdktf.out"), env: { ...baseEnv, AWS_ENDPOINT_URL: moto.endpoint } });
      log(`  moto for account ${id} at ${moto.endpoint} (log ${moto.logFile})`);
    }),
  );
  return accounts;
}

/** Phase after phase; within a phase, every stack (state buckets: every account) in parallel. */
async function deployInOrder(setup: Setup, accounts: ReadonlyMap<string, Account>, work: string, reports: StackReport[]): Promise<Deployed[]> {
  const deployed: Deployed[] = [];
  for (const phase of APPLY_PHASES) {
    const stacks = [...setup.stacks.values()].filter((s) => setup.phaseOf(s.name) === phase);
    if (stacks.length === 0) continue;
    log(`\n== phase ${phase}: ${stacks.map((s) => s.name).join(", ")}`);
    if (phase === "monitoring" && setup.attached.length > 0) {
      await createAttachedGroups(setup.attached, (id) => (accounts.get(id) as Account).moto.endpoint);
      log(`  existing log groups the config attaches to, created as the account has them: ${setup.attached.map((g) => `${g.name} (${g.accountId})`).join(", ")}`);
    }
    if (phase === "state") {
      await allOrFail(
        [...accounts.values()].map(async (account) => {
          const mine = stacks.filter((s) => s.accountId === account.id);
          if (mine.length === 0) return;
          const started = Date.now();
          await bootstrapState({ root: ROOT, ...account, stacks: mine.map((s) => s.name), configs: setup.configs, references: setup.references });
          for (const s of mine) {
            deployed.push({ stack: s, ctx: { stack: s.name, dir: join(account.outdir, "stacks", s.name), env: account.env, moto: account.moto } });
            reports.push({ stack: s.name, accountId: account.id, phase, via: "npx cdktf deploy", resources: s.addresses.length, excluded: new Map(), seconds: (Date.now() - started) / 1000 });
            log(`  ${s.name}: applied with local state, plan empty; migrated to s3://${String(s.backend.config.bucket)}/${String(s.backend.config.key)}, plan empty`);
          }
        }),
      );
      continue;
    }
    await allOrFail(
      stacks.map(async (s) => {
        const account = accounts.get(s.accountId) as Account;
        const started = Date.now();
        // `s` is the reference synthesis, which every user command's output was checked to equal.
        const ctx: StackContext = { stack: s.name, dir: workingCopy(s, join(work, "accounts", s.accountId, "emulator", s.name)), env: account.env, moto: account.moto };
        const applied = await applyStack(ctx, s);
        deployed.push({ stack: s, ctx, targets: applied.targets });
        const excluded = applied.exclusions.excluded;
        reports.push({ stack: s.name, accountId: s.accountId, phase, via: "terraform apply", resources: s.addresses.length, excluded, seconds: (Date.now() - started) / 1000 });
        log(`  ${s.name}: ${s.addresses.length - excluded.size} of ${s.addresses.length} resources applied, ${excluded.size} excluded; plan empty`);
      }),
    );
  }
  reports.sort((a, b) => APPLY_PHASES.indexOf(a.phase) - APPLY_PHASES.indexOf(b.phase) || a.stack.localeCompare(b.stack));
  return deployed;
}

async function runChecks(setup: Setup, deployed: readonly Deployed[], work: string, passed: (check: string) => void): Promise<void> {
  passed(
    "state buckets: applied with `npx cdktf deploy` and local state; then `bootstrap.stateInS3: true`, `npm run synth` and " +
      "`terraform init -migrate-state` moved every resource into the S3 backend; both plans empty",
  );
  const largest = deployed.filter((d) => d.stack.backend.type === "s3").sort((a, b) => b.stack.addresses.length - a.stack.addresses.length)[0];
  if (!largest) fail("no stack keeps its state in S3: nothing to test locking on");
  const lock = await checkLockContention(largest.ctx, largest.stack, largest.targets, work);
  passed(
    `lock: while a plan of ${largest.stack.name} held ${lock.lockObject}, a second plan failed with "Error acquiring the state lock"; ` +
      `the holder was killed, \`terraform force-unlock\` ${lock.lockId} released its lock, plan empty`,
  );

  // Independent of each other: destroy takes each stack's lock, delivery reads state without one.
  const archive = deployed.find((d) => setup.phaseOf(d.stack.name) === "archive");
  const sources = deployed.filter((d) => setup.phaseOf(d.stack.name) === "monitoring").map((d) => d.ctx);
  const refusing = allOrFail(deployed.map((d) => checkDestroyRefused(d.ctx, d.stack, d.targets)));
  const delivering = archive ? checkArchiveDelivery(archive.ctx, sources) : Promise.resolve(undefined);
  await allOrFail<unknown>([refusing, delivering]);
  const [refusals, delivery] = [await refusing, await delivering];
  passed(
    `destroy: \`terraform destroy\` refused by prevent_destroy in all ${refusals.length} stacks before any action started; ` +
      `${refusals.reduce((n, r) => n + r.protectedResources.length, 0)} protected resources, Terraform named ${refusals.reduce((n, r) => n + r.refusedBy.length, 0)} (the first on each destroy path)`,
  );
  if (delivery) {
    passed(`archive: events put into ${delivery.delivered.length} subscribed log groups arrived in s3://${delivery.bucket} (e.g. ${delivery.delivered[0].key}) with their log group, account and messages`);
    for (const n of delivery.notExercised) passed(`archive, not exercised: ${n}`);
  }

  expectDeployedUnchanged(
    deployed.map((d) => d.ctx.dir),
    setup.references.stateInS3,
  );
  passed(
    "unchanged: every directory Terraform ran in holds the product's cdk.tf.json byte for byte (sha256 against an independent synth), " +
      "and no Terraform file besides emulator_override.tf.json (provider max_retries) in the working copies",
  );
}

async function main(work: string, reports: StackReport[], checks: string[]): Promise<void> {
  const availability = terraformAvailability();
  if (!availability.available) throw new DeployFailure(`terraform cannot run: ${availability.reason}`);
  // Nothing of the developer's AWS setup may reach a command: every call goes to the emulator.
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];

  const setup = prepare(work);
  log(`Terraform ${availability.version}; moto from ${join(ROOT, ".venv-deploy")}`);
  const baseEnv = {
    ...offlineTerraformEnv(work),
    // cdktf sets its own TF_PLUGIN_CACHE_DIR (in the home directory) unless one is set: share ours.
    TF_PLUGIN_CACHE_DIR: process.env.TF_PLUGIN_CACHE_DIR ?? join(work, ".plugin-cache"),
    // Without a lock file, `terraform init` (>= 1.4) installs into the cache again instead of linking from
    // it, and parallel inits then race ("still not detected in .terraform/providers"). Once warmPluginCache has
    // filled the cache, this makes every init only link from it.
    TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: "true",
  };
  await warmPluginCache(work, baseEnv, setup);
  const accounts = await startEmulators(work, [...new Set([...setup.stacks.values()].map((s) => s.accountId))].sort(), baseEnv);
  const deployed = await deployInOrder(setup, accounts, work, reports);
  log("\n== checks");
  await runChecks(setup, deployed, work, (check) => {
    checks.push(check);
    log(`  ${check}`);
  });
  await allOrFail([...accounts.values()].map((a) => a.moto.stop()));
}

/** One `terraform init` before the parallel ones, so they only read the provider plugin cache. */
async function warmPluginCache(work: string, env: NodeJS.ProcessEnv, setup: Setup): Promise<void> {
  const dir = join(work, "plugin-cache-warmup");
  mkdirSync(dir, { recursive: true });
  const stack = [...setup.stacks.values()][0];
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: stack.json.terraform?.required_providers } }));
  const result = await run("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, env, timeoutMs: 300_000 });
  if (result.code !== 0) throw new DeployFailure(`terraform init (provider plugin cache) failed:\n${result.stdout}${result.stderr}`);
}

/** Runs all, waits for all, and fails with every failure's message (not only the first). */
async function allOrFail<T>(tasks: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new DeployFailure(failures.map((f) => f.message).join("\n\n"));
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

function fail(message: string): never {
  throw new DeployFailure(message);
}

function cleanUp(work: string): void {
  killAll();
  if (process.env.AI_LOGS_DEPLOY_KEEP === "1") log(`kept ${work} (AI_LOGS_DEPLOY_KEEP=1)`);
  else rmSync(work, { recursive: true, force: true });
}

if (require.main === module) {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), "ai-logs-deploy-"));
  const reports: StackReport[] = [];
  const checks: string[] = [];
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      process.stderr.write(`\ndeploy test interrupted (${signal}): stopping its processes and removing ${work}\n`);
      cleanUp(work);
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
  process.on("exit", () => killAll());
  main(work, reports, checks)
    .then(() => {
      log(`\n== deploy test passed in ${formatDuration(Date.now() - started)}`);
      log(renderStackTable(reports));
      log(`\nChecked:\n${checks.map((c) => `  - ${c}`).join("\n")}`);
    })
    .catch((e: Error) => {
      process.exitCode = 1;
      process.stderr.write(`\n== deploy test FAILED after ${formatDuration(Date.now() - started)}\n${e instanceof DeployFailure ? e.message : (e.stack ?? e.message)}\n`);
      if (reports.length > 0) process.stderr.write(`\nStacks deployed before the failure:\n${renderStackTable(reports)}\n`);
    })
    .finally(() => cleanUp(work));
}
