import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { HookError } from "./processes";

/**
 * One comment per pull request, updated in place: the comment that starts with MARKER is edited,
 * otherwise one is created. Through the GitHub CLI's `gh api` (token from GH_TOKEN or GITHUB_TOKEN):
 * list, create and update issue comments, https://docs.github.com/en/rest/issues/comments
 */

/** Hidden in the rendered comment; finds our comment again on the next plan. */
export const MARKER = "<!-- ai-logs-review -->";

/** GitHub refuses comment bodies longer than this many characters. */
export const MAX_COMMENT_CHARS = 65_536;

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: string;
}

export type PostResult = { readonly posted: "created" | "updated"; readonly id: string } | { readonly posted: false; readonly why: string };

function gh(args: readonly string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync("gh", args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new HookError(`gh ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) throw new HookError(`gh ${args.slice(0, 3).join(" ")} failed (exit ${result.status}): ${result.stderr.trim()}`);
  return result.stdout;
}

/** Whether `gh` can post here: on PATH, with a token. */
export function githubCliReady(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GH_TOKEN && !env.GITHUB_TOKEN) return "neither GH_TOKEN nor GITHUB_TOKEN is set";
  const found = spawnSync("gh", ["--version"], { env, encoding: "utf8" });
  return found.status === 0 ? undefined : "the GitHub CLI (gh) is not on PATH";
}

/** Creates or updates the pull request's review comment; `bodyFile` receives the request body. */
export function upsertReviewComment(pr: PullRequestRef, body: string, bodyFile: string, env: NodeJS.ProcessEnv): PostResult {
  const notReady = githubCliReady(env);
  if (notReady) return { posted: false, why: notReady };
  const issue = `repos/${pr.owner}/${pr.repo}/issues`;
  const ids = gh(["api", "--paginate", `${issue}/${pr.number}/comments`, "--jq", `.[] | select(.body | startswith("${MARKER}")) | .id`], env)
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
  writeFileSync(bodyFile, JSON.stringify({ body }));
  const existing = ids.at(-1);
  if (existing) {
    gh(["api", "--method", "PATCH", `${issue}/comments/${existing}`, "--input", bodyFile], env);
    return { posted: "updated", id: existing };
  }
  const created = JSON.parse(gh(["api", "--method", "POST", `${issue}/${pr.number}/comments`, "--input", bodyFile], env)) as { id: number };
  return { posted: "created", id: String(created.id) };
}

/**
 * Fits a Markdown report into one comment: drops its last sections (### Details, then ### Affected
 * flow) before cutting, and says where the whole report is.
 */
export function fitComment(markdown: string, whereTheRestIs: string, limit = MAX_COMMENT_CHARS): string {
  if (markdown.length <= limit) return markdown;
  const note = `\n\n_The report is longer than a comment allows; the rest is in ${whereTheRestIs}._\n`;
  for (const section of ["\n### Details", "\n### Affected flow"]) {
    const at = markdown.indexOf(section);
    const kept = markdown.slice(0, at).trimEnd();
    if (at >= 0 && kept.length + note.length <= limit) return kept + note;
  }
  const cut = markdown.lastIndexOf("\n", limit - note.length);
  return markdown.slice(0, cut > 0 ? cut : limit - note.length) + note;
}
