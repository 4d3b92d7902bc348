/**
 * Where the pull-request hooks and workflow keep their work, relative to the repository root of the
 * Atlantis checkout. All of it is git-ignored and lives as long as the checkout.
 */
export const PR_FILES = {
  /** Everything below. */
  root: ".ai-logs",
  /** The repo config Atlantis reads (server-side `repo_config_file`). */
  repoConfig: ".ai-logs/atlantis.yaml",
  /** The checkout (the pull request's head, or its merge into the base), synthesized once. */
  head: ".ai-logs/head/cdktf.out",
  /** The base branch, synthesized once per base commit. */
  base: ".ai-logs/base/cdktf.out",
  /** The base branch's files while its synth runs (a git worktree, removed after). */
  baseSource: ".ai-logs/base-src",
  /** `terraform show -json` of each project's last successful plan: `<project>.json`. */
  plans: ".ai-logs/plans",
  /** What was synthesized from which commits, and which projects the last plan listed. */
  state: ".ai-logs/state.json",
  /** The consolidated review of the last plan. */
  review: ".ai-logs/review.md",
} as const;
