import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createPullRequestRepo,
  hookStatus,
  readRepoConfig,
  runAtlantisCommand,
  runHooks,
  serverSideRepo,
  synthOutputs,
  type AtlantisOptions,
  type CommandRun,
} from "../../bench/atlantis-runner";
import { fencedBlocks } from "../../scripts/docs/markdown";
import { main } from "../../scripts/atlantis";
import { MARKER } from "../../src/atlantis/github-comment";
import { PULL_REQUEST_WORKFLOW } from "../../src/atlantis/pull-request-config";
import { PR_FILES } from "../../src/atlantis/pull-request-files";
import { serverSideRepoConfig } from "../../src/atlantis/server-side";
import { lintRepoConfig } from "../support/atlantis-repo-config";
import { terraformGuard } from "../support/terraform-guard";

/**
 * Pull-request mode, played as Atlantis runs it (bench/atlantis-runner.ts): the server-side config
 * exactly as docs/reviewing.md shows it, a pull request of the example config that shortens the
 * retention of rag-retriever (group `search`, stack monitoring-prod-search), Atlantis' clone of it,
 * the hooks and the generated workflow's plan steps with Atlantis' environment variables, and real
 * offline Terraform for the plan.
 */

const ROOT = join(__dirname, "..", "..");
const documented = fencedBlocks(readFileSync(join(ROOT, "docs", "reviewing.md"), "utf8")).find((b) => b.body.includes("pre_workflow_hooks:"))?.body;
const EXAMPLE = readFileSync(join(ROOT, "config", "example.yaml"), "utf8");
const SHORTER_RETENTION = EXAMPLE.replace("    group: search\n", "    group: search\n    logGroup: { retentionDays: 14 }\n");
const CONFIG = "config/example.yaml";
const REMOTE_STACKS = ["log-archive", "monitoring-prod", "monitoring-prod-search", "monitoring-staging"];

describe("the server-side repo config in docs/reviewing.md", () => {
  test("is the one the code renders (repo_config_file, both hooks)", () => {
    expect(`${documented}\n`).toBe(serverSideRepoConfig("github.com/acme/ai-logs-cloudwatch"));
  });
});

describe("the pre-workflow hook refuses to guess the config", () => {
  let dir = "";
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "ai-logs-hook-config-"))));
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));
  const run = (env: NodeJS.ProcessEnv) => {
    let stderr = "";
    const code = main(["prepare-pull-request"], { DIR: dir, ...env }, { stdout: () => undefined, stderr: (s) => void (stderr += s) });
    return { code, stderr, repoConfig: readFileSync(join(dir, PR_FILES.repoConfig), "utf8") };
  };

  test.each([
    [{}, "name the config file: --config FILE, or set AI_LOGS_CONFIG"],
    [{ AI_LOGS_CONFIG: " " }, "AI_LOGS_CONFIG is set but empty; name a config file"],
    [{ AI_LOGS_CONFIG: "config/prod.yaml" }, "AI_LOGS_CONFIG config/prod.yaml: no such file (relative to DIR)"],
  ])("%j: a clear error, and a repo config that plans nothing", (env, message) => {
    const r = run(env);
    message = message.replace("DIR", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`ai-logs: atlantis: ${message}\n`);
    expect(r.repoConfig).toContain(`# The pre-workflow hook failed, so nothing is planned: ${message}`);
    expect(r.repoConfig).toContain("projects: []");
    expect(lintRepoConfig(r.repoConfig)).toEqual([]);
  });
});

const { describePlans } = terraformGuard("the pull-request workflow's offline plan");

describePlans("pull-request mode, played as Atlantis runs it", () => {
  let work = "";
  afterAll(() => work && rmSync(work, { recursive: true, force: true }));
  let o: AtlantisOptions;
  let plan: CommandRun;
  const at = (p: string) => join(o.repo.checkout, p);
  const planned = () => (readRepoConfig(o).doc.projects ?? []).map((p) => p.name);

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "ai-logs-pr-"));
    const repo = createPullRequestRepo(work, {}, { [CONFIG]: SHORTER_RETENTION });
    o = { repo, server: serverSideRepo(`${documented}\n`), serverEnv: { AI_LOGS_CONFIG: CONFIG, GH_TOKEN: undefined, GITHUB_TOKEN: undefined }, work };
    plan = runAtlantisCommand(o, "plan");
  }, 240_000);

  test("the pre-workflow hook synthesizes the checkout and the base branch once each", () => {
    const pre = plan.steps.find((s) => s.where === "pre hook")!;
    expect(pre.status).toBe(0);
    expect(pre.stdout).toMatch(/^synthesized the checkout \(\w{12}\) into \.ai-logs\/head\/cdktf\.out in [\d.]+ s\nbase main \(\w{12}\): synthesized into \.ai-logs\/base\/cdktf\.out in [\d.]+ s\n/);
    expect(synthOutputs(o.repo.checkout)).toEqual([at(PR_FILES.base), at(PR_FILES.head)]);
    expect(hookStatus(o, "pre")).toBe("plans 1 of 4 stacks: monitoring-prod-search");
  });

  test("the repo config lists only the changed stack, in its execution group, planned in parallel, and lints clean", () => {
    const { text, doc } = readRepoConfig(o);
    expect(lintRepoConfig(text)).toEqual([]);
    expect(doc).toMatchObject({ version: 3, parallel_plan: true, parallel_apply: true, abort_on_execution_order_fail: true, autodiscover: { mode: "disabled" } });
    expect(doc.projects).toEqual([
      { name: "monitoring-prod-search", dir: ".", workflow: PULL_REQUEST_WORKFLOW, execution_order_group: 2, autoplan: { enabled: true, when_modified: ["**/*"] } },
    ]);
    expect(text).toContain("# Unchanged, not planned: log-archive, monitoring-prod, monitoring-staging, state-acme-ai-tfstate-prod, state-acme-ai-tfstate-staging.");
  });

  test("the project's workflow plans the synthesized stack with real Terraform and synthesizes nothing", () => {
    expect(plan.projects).toEqual([{ name: "monitoring-prod-search", group: 2, ok: true }]);
    const steps = plan.steps.filter((s) => s.where.startsWith("monitoring-prod-search"));
    expect(steps.every((s) => s.status === 0)).toBe(true);
    expect(steps.map((s) => s.command).join("\n")).not.toMatch(/synth/);
    const json = JSON.parse(readFileSync(at(`${PR_FILES.plans}/monitoring-prod-search.json`), "utf8"));
    const group = json.resource_changes.find((c: { address: string }) => c.address === "aws_cloudwatch_log_group.rag_retriever");
    expect(group.change.after.retention_in_days).toBe(14);
    expect(synthOutputs(o.repo.checkout)).toHaveLength(2);
  });

  test("the post-workflow hook writes one review of the pull request from the plan, and says why it did not post it", () => {
    const post = plan.steps.find((s) => s.where === "post hook")!;
    expect(post.status).toBe(0);
    const review = readFileSync(at(PR_FILES.review), "utf8");
    expect(review.startsWith(`${MARKER}\n## ai-logs review: `)).toBe(true);
    expect(review).toContain("plan `.ai-logs/plans/monitoring-prod-search.json` (stack `monitoring-prod-search`)");
    expect(review).toContain("_Atlantis planned `monitoring-prod-search` in this pull request. Unchanged stacks are not planned._");
    expect(post.stdout).toContain("ai-logs: review not posted: neither GH_TOKEN nor GITHUB_TOKEN is set");
    expect(hookStatus(o, "post")).toMatch(/^ai-logs review: .*; 1 stacks planned$/);
  });

  test("a second plan of the same commits synthesizes nothing and lists the same project", () => {
    const [pre] = runHooks(o, "pre", "plan");
    expect(pre.status).toBe(0);
    expect(pre.stdout).toBe("wrote .ai-logs/atlantis.yaml: plans 1 of 4 stacks: monitoring-prod-search\n");
    expect(planned()).toEqual(["monitoring-prod-search"]);
  });

  test("`atlantis plan -p` adds an unchanged stack (a drift check), and later commands keep it", () => {
    const run = runAtlantisCommand(o, "plan", "monitoring-prod");
    expect(run.projects).toEqual([{ name: "monitoring-prod", group: 2, ok: true }]);
    expect(planned()).toEqual(["monitoring-prod", "monitoring-prod-search"]);
    const [again] = runHooks(o, "pre", "plan");
    expect(again.status).toBe(0);
    expect(planned()).toEqual(["monitoring-prod", "monitoring-prod-search"]);
  }, 120_000);

  test("apply keeps the projects of the last plan and their synthesized, initialized stack directories", () => {
    const [pre] = runHooks(o, "pre", "apply");
    expect(pre.stdout).toBe("apply: keeping the projects of the last plan\nwrote .ai-logs/atlantis.yaml: plans 2 of 4 stacks: monitoring-prod, monitoring-prod-search\n");
    expect(existsSync(at(`${PR_FILES.head}/stacks/monitoring-prod-search/.terraform`))).toBe(true);
    expect(readRepoConfig(o).doc.workflows[PULL_REQUEST_WORKFLOW].apply.steps).toEqual([
      { env: { name: "AI_LOGS_STACK", command: 'echo ".ai-logs/head/cdktf.out/stacks/$PROJECT_NAME"' } },
      { run: { command: 'terraform -chdir="$AI_LOGS_STACK" apply -input=false -no-color "$PLANFILE"' } },
    ]);
  });

  test("a new commit that changes dependencies plans every stack: both sides used the checkout's node_modules", () => {
    const pkg = JSON.parse(readFileSync(at("package.json"), "utf8"));
    writeFileSync(at("package.json"), `${JSON.stringify({ ...pkg, description: `${pkg.description} (changed)` }, null, 2)}\n`);
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-am", "dependencies"], { cwd: o.repo.checkout });
    const [pre] = runHooks(o, "pre", "plan");
    expect(pre.status).toBe(0);
    expect(pre.stdout).toMatch(/^synthesized the checkout/);
    expect(pre.stdout).not.toMatch(/base main/); // the base is cached
    expect(planned()).toEqual(REMOTE_STACKS);
    expect(readRepoConfig(o).text).toContain("# Planning every stack: package.json or package-lock.json changed");
    expect(existsSync(at(PR_FILES.plans))).toBe(false); // plans of the old head are gone
  }, 60_000);

  test("a config that does not synthesize fails the hook with its problems and plans nothing", () => {
    writeFileSync(at("config/broken.yaml"), EXAMPLE.replace("kind: generic", "kind: nonsense"));
    const [pre] = runHooks({ ...o, serverEnv: { ...o.serverEnv, AI_LOGS_CONFIG: "config/broken.yaml" } }, "pre", "plan");
    expect(pre.status).not.toBe(0);
    expect(pre.stderr).toContain("ai-logs: atlantis: the pull request does not synthesize (config/broken.yaml):");
    expect(pre.stderr).toMatch(/workloads\[\d+\]\.kind: found "nonsense"/);
    expect(readRepoConfig(o).doc.projects).toEqual([]);
  }, 60_000);
});
