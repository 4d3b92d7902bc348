import { parse } from "yaml";
import { z } from "zod";

/**
 * A lint of repo-level atlantis.yaml files, written from Atlantis' documentation (Atlantis parses
 * strictly: an unknown key is an error):
 * - top level, Project, Autoplan, RepoLocks: https://www.runatlantis.io/docs/repo-level-atlantis-yaml
 *   ("Example Using All Keys" and "Reference"; `version` "must be set to 3");
 * - Workflow, Stage, Step (built-ins, `run`, `env`, `multienv`): https://www.runatlantis.io/docs/custom-workflows#reference
 *   (`env`: exactly one of `value` and `command`; `shellArgs` not without `shell`).
 * Beyond the shapes: project names unique (they share `dir` and `workspace`, so each needs one), and
 * every project's workflow defined.
 */

const BUILT_INS = ["init", "plan", "apply", "import", "state_rm"] as const;
const output = z.union([z.enum(["show", "hide", "strip_refreshing"]), z.array(z.union([z.enum(["show", "hide", "strip_refreshing"]), z.strictObject({ filter_regex: z.string() })]))]);
const shellArgs = z.union([z.string(), z.array(z.string())]);

const step = z.union([
  z.enum(BUILT_INS),
  ...BUILT_INS.map((name) => z.strictObject({ [name]: z.strictObject({ extra_args: z.array(z.string()).optional() }) })),
  z.strictObject({ run: z.string() }),
  z.strictObject({
    run: z
      .strictObject({ command: z.string(), shell: z.string().optional(), shellArgs: shellArgs.optional(), output: output.optional() })
      .refine((r) => r.shellArgs === undefined || r.shell !== undefined, "run.shellArgs needs run.shell"),
  }),
  z.strictObject({
    env: z
      .strictObject({ name: z.string().min(1), value: z.string().optional(), command: z.string().optional(), shell: z.string().optional(), shellArgs: shellArgs.optional() })
      .refine((e) => (e.value === undefined) !== (e.command === undefined), "env needs exactly one of value and command"),
  }),
  z.strictObject({ multienv: z.string() }),
  z.strictObject({ multienv: z.strictObject({ command: z.string(), shell: z.string().optional(), shellArgs: shellArgs.optional(), output: z.enum(["show", "hide"]).optional() }) }),
]);

const stage = z.strictObject({ steps: z.array(step).optional() });
const workflow = z.strictObject({ plan: stage.optional(), apply: stage.optional(), import: stage.optional(), state_rm: stage.optional() });
const requirements = z.array(z.enum(["approved", "mergeable", "undiverged"]));
const repoLocks = z.strictObject({ mode: z.enum(["disabled", "on_plan", "on_apply"]) });

const project = z.strictObject({
  name: z.string().min(1).optional(),
  branch: z.string().optional(),
  dir: z.string().min(1),
  workspace: z.string().optional(),
  terraform_distribution: z.string().optional(),
  terraform_version: z.string().optional(),
  delete_source_branch_on_merge: z.boolean().optional(),
  repo_locking: z.boolean().optional(),
  repo_locks: repoLocks.optional(),
  custom_policy_check: z.boolean().optional(),
  autoplan: z.strictObject({ enabled: z.boolean().optional(), when_modified: z.array(z.string()).optional() }).optional(),
  plan_requirements: requirements.optional(),
  apply_requirements: requirements.optional(),
  import_requirements: requirements.optional(),
  silence_pr_comments: z.array(z.enum(["plan", "apply"])).optional(),
  execution_order_group: z.number().int().optional(),
  depends_on: z.array(z.string()).optional(),
  workflow: z.string().optional(),
});

const repoConfig = z.strictObject({
  version: z.literal(3),
  automerge: z.boolean().optional(),
  autodiscover: z.strictObject({ mode: z.enum(["auto", "enabled", "disabled"]), ignore_paths: z.array(z.string()).optional() }).optional(),
  delete_source_branch_on_merge: z.boolean().optional(),
  parallel_plan: z.boolean().optional(),
  parallel_apply: z.boolean().optional(),
  abort_on_execution_order_fail: z.boolean().optional(),
  projects: z.array(project).optional(),
  workflows: z.record(z.string(), workflow).optional(),
  allowed_regexp_prefixes: z.array(z.string()).optional(),
});

/** Problems of one atlantis.yaml text, each as `path: message`; none when Atlantis would accept it. */
export function lintRepoConfig(text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return [`not YAML: ${(e as Error).message}`];
  }
  const parsed = repoConfig.safeParse(doc);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
  const problems: string[] = [];
  const projects = parsed.data.projects ?? [];
  const place = (p: (typeof projects)[number]) => `${p.dir} ${p.workspace ?? "default"}`;
  for (const p of projects) {
    if (p.name === undefined && projects.filter((o) => place(o) === place(p)).length > 1) problems.push(`projects: several projects in dir ${p.dir} need a name each`);
  }
  const names = projects.map((p) => p.name);
  for (const n of new Set(names.filter((n, i) => n !== undefined && names.indexOf(n) !== i))) problems.push(`projects: name ${n} is used twice`);
  for (const p of parsed.data.projects ?? []) {
    if (p.workflow && !parsed.data.workflows?.[p.workflow]) problems.push(`projects.${p.name}.workflow: no workflow named ${p.workflow}`);
  }
  return problems;
}
