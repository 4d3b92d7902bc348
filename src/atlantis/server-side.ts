import { PREPARE_HOOK_COMMAND, REVIEW_HOOK_COMMAND } from "./commands";
import { PR_FILES } from "./pull-request-files";

/**
 * The server-side repo config (`--repo-config` repos.yaml) that turns on pull-request mode for one
 * repository. Keys: https://www.runatlantis.io/docs/server-side-repo-config#reference
 * - `repo_config_file`: Atlantis reads the hook's generated file, not the committed atlantis.yaml;
 * - `pre_workflow_hooks` run before every command and may generate that file (pre-workflow-hooks,
 *   "Dynamic Repo Config Generation"); no `commands` key, because apply and unlock need it too;
 * - `post_workflow_hooks` with `commands: plan` run once after all plans (post-workflow-hooks);
 * - `allowed_overrides: [workflow]` and `allow_custom_workflows: true` let the generated file name
 *   and define its workflow.
 * docs/reviewing.md shows exactly this text (a test compares them).
 */
export function serverSideRepoConfig(repoId: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    "repos:",
    `  - id: ${repoId}`,
    `    repo_config_file: ${PR_FILES.repoConfig}`,
    "    allowed_overrides: [workflow]",
    "    allow_custom_workflows: true",
    "    pre_workflow_hooks:",
    `      - run: ${q(PREPARE_HOOK_COMMAND)}`,
    "        description: ai-logs changed stacks",
    "    post_workflow_hooks:",
    `      - run: ${q(REVIEW_HOOK_COMMAND)}`,
    "        description: ai-logs review",
    "        commands: plan",
    "",
  ].join("\n");
}
