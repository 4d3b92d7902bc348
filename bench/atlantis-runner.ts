// Plays Atlantis for a pull request, offline: a git remote with a base and a head commit of this
// project, Atlantis' clone of the head (branch checkout strategy: `git clone --depth=1 --branch`),
// its server-side hooks and the repo config's workflow steps run with the environment variables
// Atlantis documents (https://www.runatlantis.io/docs/pre-workflow-hooks#reference,
// https://www.runatlantis.io/docs/custom-workflows#native-environment-variables), and real Terraform
// in place of AWS: a shim on PATH adds an override file (local backend, skip flags) to every stack
// directory before running terraform with the offline provider mirror. Used by the pull-request tests
// (__tests__/atlantis) and the bench (bench/pr-bench.ts), which counts the CPU of every step.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { offlineTerraformEnv } from "../src/terraform/offline-plan";

const ROOT = join(__dirname, "..");

/** What the checkout needs to synthesize and run the hooks (the rest of the repository plays no part). */
const PROJECT_FILES = ["package.json", "package-lock.json", "main.ts", "cdktf.json", "tsconfig.json", "tsconfig.build.json", ".gitignore", "bin", "src", "scripts", "config"];

export interface PullRequestRepo {
  /** Atlantis' clone of the pull request (DIR). */
  readonly checkout: string;
  readonly baseBranch: string;
  readonly headBranch: string;
  readonly headCommit: string;
  /** Files the pull request modifies (what Atlantis gets from the VCS). */
  readonly modifiedFiles: readonly string[];
}

const gitIn = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const GIT_ID = ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"];

/**
 * Under `work`: `origin.git` with branch `main` (this project with `files` written on top) and branch
 * `change` (with `changes` written on top of that), and Atlantis' clone of `change` in `checkout/`,
 * sharing this worktree's node_modules.
 */
export function createPullRequestRepo(work: string, files: Record<string, string>, changes: Record<string, string>): PullRequestRepo {
  const source = join(work, "source");
  mkdirSync(source, { recursive: true });
  for (const f of PROJECT_FILES) cpSync(join(ROOT, f), join(source, f), { recursive: true });
  const write = (all: Record<string, string>) => {
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(join(source, path, ".."), { recursive: true });
      writeFileSync(join(source, path), text);
    }
  };
  write(files);
  gitIn(source, "init", "--quiet", "--initial-branch=main");
  gitIn(source, "add", "-A");
  gitIn(source, ...GIT_ID, "commit", "--quiet", "-m", "base");
  gitIn(source, "checkout", "--quiet", "-b", "change");
  write(changes);
  gitIn(source, "add", "-A");
  gitIn(source, ...GIT_ID, "commit", "--quiet", "-m", "change");
  const modifiedFiles = gitIn(source, "diff", "--name-only", "main", "change").split("\n").filter(Boolean);
  const origin = join(work, "origin.git");
  gitIn(work, "clone", "--quiet", "--bare", source, origin);

  const checkout = join(work, "checkout");
  gitIn(work, "clone", "--quiet", "--depth=1", "--branch", "change", "--single-branch", `file://${origin}`, checkout);
  symlinkSync(join(ROOT, "node_modules"), join(checkout, "node_modules"), "dir");
  // Git does not keep modification times: make the lock file older than node_modules, as after `npm ci`,
  // so the workflows' install step skips (it would otherwise run `npm ci` through the symlink).
  utimesSync(join(checkout, "package-lock.json"), new Date("2000-01-01"), new Date("2000-01-01"));
  return { checkout, baseBranch: "main", headBranch: "change", headCommit: gitIn(checkout, "rev-parse", "HEAD"), modifiedFiles };
}

/** The server-side settings this runner honours (https://www.runatlantis.io/docs/server-side-repo-config#reference). */
export interface ServerSideRepo {
  readonly repoConfigFile: string;
  readonly preWorkflowHooks: readonly { readonly run: string; readonly commands?: string }[];
  readonly postWorkflowHooks: readonly { readonly run: string; readonly commands?: string }[];
}

/** The first `repos` entry of a server-side repo config; none means the committed atlantis.yaml and no hooks. */
export function serverSideRepo(yamlText?: string): ServerSideRepo {
  if (!yamlText) return { repoConfigFile: "atlantis.yaml", preWorkflowHooks: [], postWorkflowHooks: [] };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const repo = (parse(yamlText) as any).repos[0];
  return { repoConfigFile: repo.repo_config_file ?? "atlantis.yaml", preWorkflowHooks: repo.pre_workflow_hooks ?? [], postWorkflowHooks: repo.post_workflow_hooks ?? [] };
}

export interface StepRun {
  /** `pre hook`, `post hook`, or `<project> plan`. */
  readonly where: string;
  readonly command: string;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** User + system CPU of the command and every process it waited for. */
  readonly cpuMs: number;
}

export interface CommandRun {
  readonly steps: readonly StepRun[];
  /** Projects in the order Atlantis ran them, with their execution group and whether the stage succeeded. */
  readonly projects: readonly ProjectRun[];
  /** The parsed repo config Atlantis used. */
  readonly repoConfig: AtlantisRepoConfig;
  readonly repoConfigText: string;
  readonly cpuMs: number;
}

/** Parses bash's `times` output: the second line is the children's user and system time. */
function childCpuMs(times: string): number {
  const line = times.trim().split("\n")[1] ?? "";
  const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return seconds.reduce((a, b) => a + b, 0) * 1000;
}

let measured = 0;

/** Runs `command` with `sh -c` (Atlantis' default shell for hooks and steps) and measures its CPU. */
export function runMeasured(command: string, cwd: string, env: NodeJS.ProcessEnv, where: string): StepRun {
  const timesFile = join(tmpdir(), `atlantis-runner-times-${process.pid}-${++measured}`);
  const result = spawnSync("bash", ["-c", '(sh -c "$ATLANTIS_RUNNER_COMMAND"); s=$?; times > "$ATLANTIS_RUNNER_TIMES"; exit $s'], {
    cwd,
    env: { ...env, ATLANTIS_RUNNER_COMMAND: command, ATLANTIS_RUNNER_TIMES: timesFile },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const cpuMs = existsSync(timesFile) ? childCpuMs(readFileSync(timesFile, "utf8")) : 0;
  rmSync(timesFile, { force: true });
  return { where, command, status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr, cpuMs };
}

/** `when_modified` patterns (dockerignore syntax, relative to the repository root for `dir: .`). */
function matches(pattern: string, file: string): boolean {
  const regex = pattern
    .split("**/")
    .map((part) => part.split("**").map((p) => p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")).join(".*"))
    .join("(?:.*/)?");
  return new RegExp(`^${regex}$`).test(file);
}

/** A terraform on PATH that first adds the offline override to the stack directory it is pointed at. */
function offlineTerraformShim(work: string): { path: string; env: NodeJS.ProcessEnv } {
  const bin = join(work, "offline-bin");
  mkdirSync(bin, { recursive: true });
  const override = join(work, "offline_override.tf.json");
  writeFileSync(
    override,
    JSON.stringify({
      terraform: { backend: { local: { path: "terraform.tfstate" } } },
      // The default AWS provider; its account allow-list cannot be checked without AWS.
      provider: { aws: [{ allowed_account_ids: null, skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, skip_region_validation: true }] },
    }),
  );
  const real = execFileSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" }).trim();
  writeFileSync(
    join(bin, "terraform"),
    [
      "#!/bin/sh",
      'for a in "$@"; do case "$a" in -chdir=*) d="${a#-chdir=}";; esac; done',
      `if [ -n "$d" ] && [ -f "$d/cdk.tf.json" ]; then cp ${JSON.stringify(override)} "$d/offline_override.tf.json"; fi`,
      `exec ${JSON.stringify(real)} "$@"`,
      "",
    ].join("\n"),
  );
  chmodSync(join(bin, "terraform"), 0o755);
  const env = offlineTerraformEnv(work);
  return { path: bin, env: { ...env, PATH: `${bin}:${env.PATH}` } };
}

export interface AtlantisOptions {
  readonly repo: PullRequestRepo;
  readonly server: ServerSideRepo;
  /** The Atlantis server's own environment (AI_LOGS_CONFIG, tokens, PATH for a fake gh, ...). */
  readonly serverEnv?: NodeJS.ProcessEnv;
  /** Scratch space for the runner (plan files, terraform CLI config). */
  readonly work: string;
}

/** The variables Atlantis sets for workflow hooks (pre-workflow-hooks#reference). */
function hookEnv(o: AtlantisOptions, command: string, projectName: string, statusFile: string): NodeJS.ProcessEnv {
  return {
    BASE_REPO_NAME: "ai-logs-cloudwatch",
    BASE_REPO_OWNER: "acme",
    HEAD_REPO_NAME: "ai-logs-cloudwatch",
    HEAD_REPO_OWNER: "acme",
    HEAD_BRANCH_NAME: o.repo.headBranch,
    HEAD_COMMIT: o.repo.headCommit,
    BASE_BRANCH_NAME: o.repo.baseBranch,
    PULL_NUM: "42",
    PULL_URL: "https://github.com/acme/ai-logs-cloudwatch/pull/42",
    PULL_AUTHOR: "dev",
    DIR: o.repo.checkout,
    USER_NAME: "atlantis",
    COMMENT_ARGS: "",
    COMMAND_NAME: command,
    OUTPUT_STATUS_FILE: statusFile,
    PROJECT_NAME: projectName,
  };
}

/** The workflow hooks of the server-side config that apply to `command`, run in the checkout. */
export function runHooks(o: AtlantisOptions, kind: "pre" | "post", command: string, projectName = ""): StepRun[] {
  const lockAge = (f: string) => statSync(join(o.repo.checkout, f)).mtimeMs;
  if (lockAge("package-lock.json") >= lockAge("node_modules/.package-lock.json")) throw new Error("the checkout's lock file is newer than node_modules: a hook would run npm ci");
  const list = kind === "pre" ? o.server.preWorkflowHooks : o.server.postWorkflowHooks;
  const env = { ...process.env, ...o.serverEnv, ...hookEnv(o, command, projectName, statusFile(o, kind)) };
  rmSync(statusFile(o, kind), { force: true });
  return list
    .filter((h) => !h.commands || h.commands.split(",").map((c) => c.trim()).includes(command))
    .map((hook) => runMeasured(hook.run, o.repo.checkout, env, `${kind} hook`));
}

/** What a hook wrote to OUTPUT_STATUS_FILE (Atlantis shows it as the hook's commit status), if anything. */
export function hookStatus(o: AtlantisOptions, kind: "pre" | "post"): string | undefined {
  return existsSync(statusFile(o, kind)) ? readFileSync(statusFile(o, kind), "utf8").trim() : undefined;
}

const statusFile = (o: AtlantisOptions, kind: string) => join(o.work, `${kind}-hook-status`);

/** The repo config Atlantis parses after the pre-workflow hooks. */
export function readRepoConfig(o: AtlantisOptions): { readonly text: string; readonly doc: AtlantisRepoConfig } {
  const text = readFileSync(join(o.repo.checkout, o.server.repoConfigFile), "utf8");
  return { text, doc: parse(text) as AtlantisRepoConfig };
}

export interface AtlantisProject {
  readonly name: string;
  readonly dir: string;
  readonly workflow: string;
  readonly execution_order_group?: number;
  readonly autoplan?: { readonly when_modified?: readonly string[] };
}

type StageStep = { env: { name: string; value?: string; command?: string } } | { run: string | { command: string } };

export interface AtlantisRepoConfig {
  readonly abort_on_execution_order_fail?: boolean;
  readonly projects?: readonly AtlantisProject[];
  readonly workflows: Record<string, Record<"plan" | "apply", { steps: StageStep[] }>>;
}

/** The projects a command runs: the one `-p` names, or those whose when_modified matches a modified file. */
export function selectProjects(o: AtlantisOptions, config: AtlantisRepoConfig, projectName = ""): AtlantisProject[] {
  return (config.projects ?? []).filter((p) =>
    projectName ? p.name === projectName : (p.autoplan?.when_modified ?? []).some((w) => o.repo.modifiedFiles.some((f) => matches(w, f))),
  );
}

/**
 * Each project's `command` stage, steps in order until one fails, groups by execution_order_group one
 * after the other (Atlantis runs a group's projects in parallel with parallel_plan; CPU is the same),
 * a failed group stopping the later ones under abort_on_execution_order_fail.
 */
export function runProjects(o: AtlantisOptions, config: AtlantisRepoConfig, projects: readonly AtlantisProject[], command: "plan" | "apply"): { steps: StepRun[]; projects: ProjectRun[] } {
  const tf = offlineTerraformShim(o.work);
  const base = { ...tf.env, ...o.serverEnv, PATH: `${tf.path}:${o.serverEnv?.PATH ?? tf.env.PATH}` };
  const steps: StepRun[] = [];
  const runs: ProjectRun[] = [];
  const group = (p: AtlantisProject) => p.execution_order_group ?? 0;
  for (const g of [...new Set(projects.map(group))].sort((a, b) => a - b)) {
    for (const project of projects.filter((p) => group(p) === g)) {
      const dir = join(o.repo.checkout, project.dir);
      const vars: NodeJS.ProcessEnv = {
        ...base,
        ...hookEnv(o, command, project.name, ""),
        WORKSPACE: "default",
        ATLANTIS_TERRAFORM_VERSION: "1.11.4",
        DIR: dir,
        PLANFILE: join(dir, `default-${project.name}.tfplan`),
        SHOWFILE: join(dir, `default-${project.name}.json`),
        REPO_REL_DIR: project.dir,
        PROJECT_NAME: project.name,
      };
      delete vars.OUTPUT_STATUS_FILE; // hooks only
      let ok = true;
      for (const step of config.workflows[project.workflow][command].steps) {
        if ("env" in step) {
          if (step.env.value !== undefined) vars[step.env.name] = step.env.value;
          else {
            const run = runMeasured(step.env.command!, dir, vars, `${project.name} ${command} env`);
            steps.push(run);
            vars[step.env.name] = run.stdout.trim();
          }
          continue;
        }
        const run = runMeasured(typeof step.run === "string" ? step.run : step.run.command, dir, vars, `${project.name} ${command}`);
        steps.push(run);
        if (run.status !== 0) {
          ok = false;
          break;
        }
      }
      runs.push({ name: project.name, group: g, ok });
    }
    if (config.abort_on_execution_order_fail && runs.some((p) => !p.ok)) break;
  }
  return { steps, projects: runs };
}

export interface ProjectRun {
  readonly name: string;
  readonly group: number;
  readonly ok: boolean;
}

/** One Atlantis command on the pull request: pre-workflow hooks, the repo config, the projects' stage, post-workflow hooks. */
export function runAtlantisCommand(o: AtlantisOptions, command: "plan" | "apply", projectName = ""): CommandRun {
  const pre = runHooks(o, "pre", command, projectName);
  const { text, doc } = readRepoConfig(o);
  const ran = runProjects(o, doc, selectProjects(o, doc, projectName), command);
  const post = runHooks(o, "post", command, projectName);
  const steps = [...pre, ...ran.steps, ...post];
  return { steps, projects: ran.projects, repoConfig: doc, repoConfigText: text, cpuMs: steps.reduce((n, s) => n + s.cpuMs, 0) };
}

/** Synthesized outputs (directories holding a manifest.json) anywhere in the checkout: one per synth run. */
export function synthOutputs(checkout: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (existsSync(join(dir, "manifest.json")) && existsSync(join(dir, "stacks"))) found.push(dir);
    if (depth === 0) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== "node_modules" && e.name !== ".git" && e.name !== "stacks") walk(join(dir, e.name), depth - 1);
    }
  };
  walk(checkout, 3);
  return found.sort();
}
