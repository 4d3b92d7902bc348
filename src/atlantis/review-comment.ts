import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPlanFile, loadSynthOutput, renderMarkdown, reviewChanges, type Review, type SynthOutput } from "../review";
import { fitComment, MARKER, upsertReviewComment, type PostResult } from "./github-comment";
import { HookError } from "./processes";
import { PR_FILES } from "./pull-request-files";

/**
 * The post-workflow hook of pull-request mode (`npm run atlantis -- review-pull-request`, server-side
 * `post_workflow_hooks` with `commands: plan`, https://www.runatlantis.io/docs/post-workflow-hooks):
 * after Atlantis planned the changed stacks (in parallel), one review of the whole pull request, from
 * the plans that succeeded (real actions, replacements included) and the synth diff for the rest. It
 * goes to PR_FILES.review, to the hook's output (Atlantis' job log), to the commit status line
 * (OUTPUT_STATUS_FILE), and, where the GitHub CLI and a token are at hand, into one pull request
 * comment that every later plan updates in place.
 */

export interface ReviewCommentResult {
  readonly review: Review;
  readonly markdown: string;
  /** One line for the commit status. */
  readonly status: string;
  readonly post: PostResult;
}

export function reviewPullRequest(root: string, env: NodeJS.ProcessEnv): ReviewCommentResult {
  const stateFile = join(root, PR_FILES.state);
  if (!existsSync(stateFile)) throw new HookError(`${PR_FILES.state} is missing: the pre-workflow hook (npm run atlantis -- prepare-pull-request) has not run in this checkout`);
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as { base?: { outcome: string }; projects?: string[]; requested?: string[] };
  const head = loadSynthOutput(PR_FILES.head, "head", root);
  // A base without the config has no stacks: everything is new. A base that failed to synthesize gives plans only.
  const base: SynthOutput | undefined =
    state.base?.outcome === "synthesized" ? loadSynthOutput(PR_FILES.base, "base", root) : state.base?.outcome === "no-config" ? { dir: "(none)", stacks: new Map() } : undefined;
  const projects = [...new Set([...(state.projects ?? []), ...(state.requested ?? [])])].sort();
  const planFile = (p: string) => `${PR_FILES.plans}/${p}.json`;
  const withPlan = projects.filter((p) => existsSync(join(root, planFile(p))));
  const plans = withPlan.map((p) => loadPlanFile(`${p}=${planFile(p)}`, "plan", root));
  if (!base && plans.length === 0) throw new HookError("nothing to review: the base did not synthesize and no plan succeeded");
  const review = reviewChanges({ base, head, plans });

  const failed = projects.filter((p) => !withPlan.includes(p));
  const markdown = [
    MARKER,
    renderMarkdown(review).trimEnd(),
    "",
    `_Atlantis planned ${projects.length === 0 ? "no stack" : projects.map((p) => `\`${p}\``).join(", ")} in this pull request${
      failed.length > 0 ? `; no plan for ${failed.map((p) => `\`${p}\``).join(", ")} (failed or not run: reviewed from the synth diff)` : ""
    }. Unchanged stacks are not planned._`,
    "",
  ].join("\n");
  writeFileSync(join(root, PR_FILES.review), markdown);

  const status = `${markdown.split("\n")[1].replace(/^## /, "")}; ${projects.length} stacks planned`;
  const pr = { owner: env.BASE_REPO_OWNER ?? "", repo: env.BASE_REPO_NAME ?? "", number: env.PULL_NUM ?? "" };
  const post: PostResult =
    env.COMMAND_NAME && env.COMMAND_NAME !== "plan"
      ? { posted: false, why: `not after ${env.COMMAND_NAME}` }
      : !pr.owner || !pr.repo || !pr.number
        ? { posted: false, why: "BASE_REPO_OWNER, BASE_REPO_NAME or PULL_NUM is not set" }
        : postOrSayWhy(() => upsertReviewComment(pr, fitComment(markdown, `${PR_FILES.review} and the post-workflow hook's output`), join(root, PR_FILES.root, "comment.json"), env));
  return { review, markdown, status, post };
}

/** A comment that cannot be posted must not lose the review, which is in the file and the hook's output. */
function postOrSayWhy(post: () => PostResult): PostResult {
  try {
    return post();
  } catch (e) {
    if (e instanceof HookError) return { posted: false, why: e.message };
    throw e;
  }
}
