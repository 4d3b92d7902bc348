/**
 * The shell commands the Atlantis workflows and hooks run, each in one place: the static
 * atlantis.yaml, the pull-request hooks and docs/reviewing.md all use these.
 */

/**
 * Synthesizes the config named by AI_LOGS_CONFIG into CDKTF_OUTDIR, from the repository root.
 * Switch it here (e.g. to compiled JavaScript) and every workflow and hook follows.
 */
export const SYNTH_COMMAND = "npm run --silent synth";

/** Installs dependencies unless node_modules is newer than the lock file (npm writes node_modules/.package-lock.json). */
export const INSTALL_COMMAND = "[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund";

/** Pre-workflow hook: synthesize base and head once, write the pull request's repo config (src/atlantis/prepare.ts). */
export const PREPARE_HOOK_COMMAND = `{ ${INSTALL_COMMAND}; } && npm run --silent atlantis -- prepare-pull-request`;

/** Post-workflow hook after `plan`: one consolidated review comment (src/atlantis/review-comment.ts). */
export const REVIEW_HOOK_COMMAND = "npm run --silent atlantis -- review-pull-request";
