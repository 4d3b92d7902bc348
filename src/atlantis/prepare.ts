import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { loadSynthOutput, type SynthOutput } from "../review";
import { SYNTH_COMMAND } from "./commands";
import { compareStacks } from "./changed-stacks";
import { git, HookError, runSynth, sameFilesIn } from "./processes";
import { nameList, renderPullRequestAtlantisYaml, type PullRequestPlan } from "./pull-request-config";
import { PR_FILES } from "./pull-request-files";
import { applyOrderOf, hasRemoteState, readStacks } from "./stacks";
import { writeFileAtomically } from "../atomic-write";

/**
 * The pre-workflow hook of pull-request mode (`npm run atlantis -- prepare-pull-request`). Atlantis
 * runs it in the pull request's checkout before it parses the repo config, for every command
 * ("Dynamic Repo Config Generation", https://www.runatlantis.io/docs/pre-workflow-hooks), with
 * DIR, BASE_BRANCH_NAME, HEAD_COMMIT, PULL_NUM, COMMAND_NAME, PROJECT_NAME and OUTPUT_STATUS_FILE
 * set (same page, Reference). It
 * 1. synthesizes the checkout once into PR_FILES.head (again only when the checkout's commit or the
 *    config changes),
 * 2. synthesizes the base branch's tip once into PR_FILES.base, from a git worktree that borrows the
 *    checkout's node_modules,
 * 3. lists as Atlantis projects only the stacks whose Terraform JSON differs, and writes the repo config
 *    (PR_FILES.repoConfig) with `parallel_plan` and the apply order as `execution_order_group`.
 * Commands other than `plan` (apply, unlock, ...) keep the projects the last plan listed, so an apply
 * never meets a project list that moved with the base branch in between.
 */

/** Dependencies come from the checkout's node_modules for both syntheses: when they change, plan everything. */
export const DEPENDENCY_FILES = ["package.json", "package-lock.json"];

export interface PrepareOptions {
  /** The repository root of the checkout (Atlantis' DIR). */
  readonly root: string;
  /** The config file as named (--config or AI_LOGS_CONFIG), relative to `root` or absolute. */
  readonly configFile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
}

export interface PrepareResult {
  readonly planned: readonly string[];
  /** The one line for Atlantis' commit status (OUTPUT_STATUS_FILE). */
  readonly status: string;
  /** How many syntheses this run did (0 to 2). */
  readonly synthRuns: number;
}

type BaseOutcome = "synthesized" | "no-config" | "failed";

interface HookState {
  head?: { key: string; commit: string };
  base?: { key: string; commit: string; outcome: BaseOutcome; message?: string };
  /** The projects the last plan listed, and the extra stacks planned on request (`atlantis plan -p`). */
  projects?: string[];
  requested?: string[];
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const short = (commit: string) => commit.slice(0, 12);

/** Writes next to the target and renames: Atlantis never reads half a file. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomically(file, text);
}

function readState(file: string): HookState {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as HookState;
  } catch {
    return {}; // an unreadable state only costs a new synth
  }
}

function timed<T>(f: () => T): [T, string] {
  const start = process.hrtime.bigint();
  const value = f();
  return [value, `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`];
}

export function preparePullRequest(options: PrepareOptions): PrepareResult {
  const { root, env, log } = options;
  const at = (p: string) => join(root, p);
  const configPath = resolve(root, options.configFile);
  const configInRepo = relative(root, configPath);
  const insideRepo = !configInRepo.startsWith("..") && !isAbsolute(configInRepo);
  const state = readState(at(PR_FILES.state));
  let synthRuns = 0;

  // 1. The checkout, once per commit and config.
  const headCommit = git(root, ["rev-parse", "HEAD"]);
  const headKey = [headCommit, configPath, sha256(configPath), SYNTH_COMMAND].join(" ");
  if (state.head?.key !== headKey || !existsSync(at(join(PR_FILES.head, "manifest.json")))) {
    const [result, took] = timed(() => runSynth(root, configPath, at(PR_FILES.head)));
    if (!result.ok) throw new HookError(`the pull request does not synthesize (${options.configFile}):\n${result.message}`);
    synthRuns++;
    log(`synthesized the checkout (${short(headCommit)}) into ${PR_FILES.head} in ${took}`);
    rmSync(at(PR_FILES.plans), { recursive: true, force: true }); // plans of an older head
    Object.assign(state, { head: { key: headKey, commit: headCommit }, projects: undefined, requested: [] });
  }
  const stacks = readStacks(at(PR_FILES.head), applyOrderOf(configPath));
  const remote = new Set(stacks.filter(hasRemoteState).map((s) => s.name));

  // `atlantis plan -p <stack>` plans an unchanged stack too (a drift check), now and in later commands.
  const requested = env.PROJECT_NAME?.trim();
  if (requested) {
    if (remote.has(requested)) state.requested = [...new Set([...(state.requested ?? []), requested])];
    else log(`-p ${requested}: no stack with remote state has that name (stacks: ${nameList([...remote])})`);
  }

  const command = env.COMMAND_NAME ?? "plan";
  let notes: string[];
  if (command !== "plan" && state.projects) {
    notes = [`Projects of the last plan, kept for \`${command}\`.`];
    log(`${command}: keeping the projects of the last plan`);
  } else {
    // 2. The base branch's tip, once per commit.
    const branch = env.BASE_BRANCH_NAME;
    if (!branch) throw new HookError("BASE_BRANCH_NAME is not set: this hook runs as an Atlantis pre-workflow hook, which sets it to the pull request's base branch");
    git(root, ["fetch", "--quiet", "--depth=1", "origin", branch]);
    const baseCommit = git(root, ["rev-parse", "FETCH_HEAD"]);
    const baseKey = [baseCommit, insideRepo ? configInRepo : `${configPath} ${sha256(configPath)}`, SYNTH_COMMAND].join(" ");
    if (state.base?.key !== baseKey) {
      const [outcome, took] = timed(() => synthesizeBase(root, baseCommit, insideRepo ? configInRepo : configPath));
      if (outcome.outcome !== "no-config") synthRuns++;
      log(`base ${branch} (${short(baseCommit)}): ${outcome.outcome === "synthesized" ? `synthesized into ${PR_FILES.base}` : outcome.message} in ${took}`);
      state.base = { key: baseKey, commit: baseCommit, ...outcome };
    }

    // 3. What to plan.
    const head = loadSynthOutput(at(PR_FILES.head), PR_FILES.head);
    const decided = decide(root, state.base!, headCommit, head, at(PR_FILES.base));
    state.projects = decided.changed.filter((name) => remote.has(name));
    notes = [`Compared: base ${branch} at ${short(baseCommit)} with the checkout at ${short(headCommit)} (pull request #${env.PULL_NUM ?? "?"}, head ${short(env.HEAD_COMMIT ?? headCommit)}).`, ...decided.notes];
  }
  const planned = [...new Set([...state.projects!, ...(state.requested ?? [])])].sort();
  if (state.requested?.length) notes.push(`Planned on request (atlantis plan -p): ${nameList(state.requested)}.`);

  const plan: PullRequestPlan = { stacks, planned, notes };
  writeAtomically(at(PR_FILES.repoConfig), renderPullRequestAtlantisYaml(plan));
  writeAtomically(at(PR_FILES.state), `${JSON.stringify(state, null, 2)}\n`);
  const status = `plans ${planned.length} of ${remote.size} stacks${planned.length > 0 ? `: ${nameList(planned)}` : ""}`;
  log(`wrote ${PR_FILES.repoConfig}: ${status}`);
  return { planned, status, synthRuns };
}

/** Synthesizes the base commit's config (relative to the repo, or the same absolute file) into PR_FILES.base. */
function synthesizeBase(root: string, commit: string, configFile: string): { outcome: BaseOutcome; message?: string } {
  const source = join(root, PR_FILES.baseSource);
  const outdir = join(root, PR_FILES.base);
  rmSync(outdir, { recursive: true, force: true });
  rmSync(source, { recursive: true, force: true });
  git(root, ["worktree", "prune"]);
  git(root, ["worktree", "add", "--force", "--detach", source, commit]);
  try {
    const config = resolve(source, configFile);
    if (!existsSync(config)) return { outcome: "no-config", message: `has no ${configFile}: every stack is new` };
    symlinkSync(join(root, "node_modules"), join(source, "node_modules"), "dir");
    const result = runSynth(source, config, outdir);
    return result.ok ? { outcome: "synthesized" } : { outcome: "failed", message: `does not synthesize: ${result.message}` };
  } finally {
    git(root, ["worktree", "remove", "--force", source]);
  }
}

/** The stacks to plan, and header lines that say why. */
function decide(
  root: string,
  base: NonNullable<HookState["base"]>,
  headCommit: string,
  head: SynthOutput,
  baseOutdir: string,
): { changed: string[]; notes: string[] } {
  const all = [...head.stacks.keys()];
  if (base.outcome === "failed") {
    return { changed: all, notes: [`Planning every stack: the base ${base.message?.split("\n")[0]}`] };
  }
  if (base.outcome === "no-config") return { changed: all, notes: [`Planning every stack: the base ${base.message}.`] };
  if (!sameFilesIn(root, base.commit, headCommit, DEPENDENCY_FILES)) {
    return { changed: all, notes: [`Planning every stack: ${DEPENDENCY_FILES.join(" or ")} changed, and both sides were synthesized with the checkout's node_modules.`] };
  }
  const { changed, unchanged, removed } = compareStacks(loadSynthOutput(baseOutdir, PR_FILES.base), head);
  return {
    changed: [...changed],
    notes: [
      `Changed (Terraform JSON differs from the base): ${nameList(changed)}.`,
      `Unchanged, not planned: ${nameList(unchanged)}.`,
      ...(removed.length > 0 ? [`Removed from the config, not planned (their resources stay in their state until destroyed by hand): ${nameList(removed)}.`] : []),
    ],
  };
}
