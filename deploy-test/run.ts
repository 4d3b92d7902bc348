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

async function main(work: string, reports: StackReport[], checks: string[]): Promise<void> {
  const availability = terraformAvailability();
  if (!availability.available) throw new DeployFailure(`terraform cannot run: ${availability.reason}`);
  // Nothing of the developer's AWS setup may reach a command: every call goes to the emulator.
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];

  const configFile = resolve(process.env.AI_LOGS_CONFIG || join(ROOT, DEFAULT_CONFIG_FILE));
  const configs = { localState: join(work, "config-local-state.yaml"), stateInS3: join(work, "config-state-in-s3.yaml") };
  const config = parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
  for (const [file, stateInS3] of [[configs.localState, false], [configs.stateInS3, true]] as const) {
    writeFileSync(file, stringify({ ...config, bootstrap: { ...(config.bootstrap as object), stateInS3 } }));
  }
  const references = {
    localState: referenceHashes(configs.localState, join(work, "reference-local-state", "cdktf.out")),
    stateInS3: referenceHashes(configs.stateInS3, join(work, "reference-state-in-s3", "cdktf.out")),
  };
  const order = stackApplyOrder(buildModel(loadConfigFile(configs.stateInS3), configs.stateInS3));
  const synthesized = readSynthesizedStacks(join(work, "reference-state-in-s3", "cdktf.out"));
  const accountIds = [...new Set([...synthesized.values()].map((s) => s.accountId))].sort();
  log(`Deploying ${configFile}: ${synthesized.size} stacks in ${accountIds.length} accounts, Terraform ${availability.version}, moto from ${join(ROOT, ".venv-deploy")}`);
  log(`Apply order (src/stacks/apply-order.ts): ${APPLY_PHASES.map((p) => `${p} [${order.filter((o) => o.phase === p).map((o) => o.stack).join(", ")}]`).join(" -> ")}`);

  const baseEnv = offlineTerraformEnv(work);
  process.env.TF_PLUGIN_CACHE_DIR = baseEnv.TF_PLUGIN_CACHE_DIR ?? join(work, ".plugin-cache");
  await warmPluginCache(work, baseEnv);
  const accounts = new Map<string, Account>();
  await Promise.all(
    accountIds.map(async (id) => {
      const moto = await MotoServer.start(ROOT, id, join(work, `moto-${id}.log`));
      const outdir = join(work, "accounts", id, "cdktf.out");
      const env = { ...baseEnv, TF_PLUGIN_CACHE_DIR: process.env.TF_PLUGIN_CACHE_DIR, AWS_ENDPOINT_URL: moto.endpoint };
      accounts.set(id, { id, moto, outdir, env });
      log(`  moto for account ${id} at ${moto.endpoint} (pid-tracked; log ${moto.logFile})`);
    }),
  );

  const deployed: Deployed[] = [];
  const phaseOf = (name: string): ApplyPhase => order.find((o) => o.stack === name)?.phase ?? fail(`stack ${name} has no apply phase`);
  for (const phase of APPLY_PHASES) {
    const stacks = [...synthesized.values()].filter((s) => phaseOf(s.name) === phase);
    if (stacks.length === 0) continue;
    log(`\n== phase ${phase}: ${stacks.map((s) => s.name).join(", ")}`);
    if (phase === "state") {
      await allOrFail(
        accountIds.map(async (id) => {
          const account = accounts.get(id) as Account;
          const mine = stacks.filter((s) => s.accountId === id);
          if (mine.length === 0) return;
          const started = Date.now();
          await bootstrapState({ root: ROOT, outdir: account.outdir, env: account.env, moto: account.moto, stacks: mine.map((s) => s.name), configs, references });
          for (const s of mine) {
            deployed.push({ stack: s, ctx: { stack: s.name, dir: join(account.outdir, "stacks", s.name), env: account.env, moto: account.moto } });
            reports.push({ stack: s.name, accountId: id, phase, via: "npx cdktf deploy", resources: s.addresses.length, excluded: new Map(), seconds: (Date.now() - started) / 1000 });
            log(`  ${s.name}: applied with local state, plan empty; migrated to s3://${String(s.backend.config.bucket)}/${String(s.backend.config.key)}, plan empty`);
          }
        }),
      );
      checks.push("state buckets: applied with `npx cdktf deploy` and local state, then `bootstrap.stateInS3: true`, `npm run synth` and `terraform init -migrate-state` moved every resource into the S3 backend; both plans empty");
    } else {
      await allOrFail(
        stacks.map(async (s) => {
          const account = accounts.get(s.accountId) as Account;
          const started = Date.now();
          // `s` is the reference synthesis, which every user command's output was checked to equal.
          const ctx: StackContext = { stack: s.name, dir: workingCopy(s, join(work, "accounts", s.accountId, "emulator", s.name)), env: account.env, moto: account.moto };
          const applied = await applyStack(ctx, s);
          deployed.push({ stack: s, ctx, targets: applied.targets });
          const report = { stack: s.name, accountId: s.accountId, phase, via: "terraform apply", resources: s.addresses.length, excluded: applied.exclusions.excluded, seconds: (Date.now() - started) / 1000 };
          reports.push(report);
          log(`  ${s.name}: ${report.resources - report.excluded.size} of ${report.resources} resources applied, ${report.excluded.size} excluded; plan empty`);
        }),
      );
    }
  }
  reports.sort((a, b) => APPLY_PHASES.indexOf(a.phase) - APPLY_PHASES.indexOf(b.phase) || a.stack.localeCompare(b.stack));

  log("\n== checks");
  const remote = deployed.filter((d) => d.stack.backend.type === "s3");
  const largest = [...remote].sort((a, b) => b.stack.addresses.length - a.stack.addresses.length)[0];
  const lock = await checkLockContention(largest.ctx, largest.stack, largest.targets, work);
  checks.push(`lock: while a plan of ${largest.stack.name} held ${lock.lockObject}, a second plan failed with "Error acquiring the state lock"; the holder was killed, \`terraform force-unlock\` ${lock.lockId} released it, plan empty`);
  log(`  ${checks[checks.length - 1]}`);

  // Independent of each other: destroy takes each stack's lock, delivery reads state without one.
  const archive = deployed.find((d) => phaseOf(d.stack.name) === "archive");
  const sources = deployed.filter((d) => phaseOf(d.stack.name) === "monitoring").map((d) => d.ctx);
  const refusing = allOrFail(deployed.map((d) => checkDestroyRefused(d.ctx, d.stack, d.targets)));
  const delivering = archive ? checkArchiveDelivery(archive.ctx, sources) : Promise.resolve(undefined);
  await allOrFail<unknown>([refusing, delivering]);
  const [refusals, delivery] = [await refusing, await delivering];
  checks.push(
    `destroy: \`terraform destroy\` refused by prevent_destroy in all ${refusals.length} stacks before any action started; ` +
      `${refusals.reduce((n, r) => n + r.protectedResources.length, 0)} protected resources, Terraform named ${refusals.reduce((n, r) => n + r.refusedBy.length, 0)} (the first on each destroy path)`,
  );
  if (delivery) {
    checks.push(
      `archive: events put into ${delivery.delivered.length} subscribed log groups arrived in s3://${delivery.bucket} (e.g. ${delivery.delivered[0].key}) with their log group, account and messages`,
      ...delivery.notExercised.map((n) => `archive, not exercised: ${n}`),
    );
  }
  for (const c of checks.slice(-1 - (delivery ? 1 + delivery.notExercised.length : 0))) log(`  ${c}`);

  expectDeployedUnchanged(
    deployed.map((d) => d.ctx.dir),
    references.stateInS3,
  );
  checks.push("unchanged: every directory Terraform ran in holds the product's cdk.tf.json byte for byte (sha256 against an independent synth), and no Terraform file besides emulator_override.tf.json (provider max_retries) in the working copies");
  log(`  ${checks[checks.length - 1]}`);

  await Promise.all([...accounts.values()].map((a) => a.moto.stop()));
}

/** One `terraform init` before the parallel ones, so they only read the provider plugin cache. */
async function warmPluginCache(work: string, env: NodeJS.ProcessEnv): Promise<void> {
  const dir = join(work, "plugin-cache-warmup");
  mkdirSync(dir, { recursive: true });
  const stack = [...readSynthesizedStacks(join(work, "reference-state-in-s3", "cdktf.out")).values()][0];
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: (stack.json.terraform as { required_providers?: object }).required_providers } }));
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
