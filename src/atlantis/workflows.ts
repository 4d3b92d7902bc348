import { INSTALL_COMMAND, SYNTH_COMMAND } from "./commands";
import { PR_FILES } from "./pull-request-files";

/**
 * The custom workflows of the two atlantis.yaml modes, as data (src/atlantis/repo-config.ts renders
 * them). Step kinds, their keys and the variables Atlantis sets for `run` (PROJECT_NAME, PLANFILE,
 * SHOWFILE, BASE_BRANCH_NAME, PULL_NUM, ...): https://www.runatlantis.io/docs/custom-workflows#reference
 */

/** `env` sets a variable for the steps below it; `run` runs a shell command from the project's dir. */
export type Step =
  | { readonly env: { readonly name: string; readonly value: string } }
  | { readonly env: { readonly name: string; readonly command: string } }
  | { readonly run: { readonly command: string; readonly output?: "show" | "hide" | "strip_refreshing" } };

export interface Workflow {
  readonly plan: readonly Step[];
  readonly apply: readonly Step[];
}

/** Every project of both modes plans in one stack directory, named by this variable. */
const STACK = "AI_LOGS_STACK";
const stackIn = (outdir: string): Step => ({ env: { name: STACK, command: `echo "${outdir}/stacks/$PROJECT_NAME"` } });
const init: Step = { run: { command: `terraform -chdir="$${STACK}" init -input=false -no-color`, output: "hide" } };
const apply: Step = { run: { command: `terraform -chdir="$${STACK}" apply -input=false -no-color "$PLANFILE"` } };

/**
 * Static mode (`npm run atlantis`, committed atlantis.yaml): every project synthesizes the whole app
 * into a directory of its own (`cdktf.out.atlantis-<project>`, so a later project's synth never
 * replaces an earlier project's initialized stack before its apply), then plans its stack.
 */
export function staticWorkflow(configFile: string): Workflow {
  const out = "cdktf.out.atlantis-$PROJECT_NAME";
  const prelude: Step[] = [{ env: { name: "AI_LOGS_CONFIG", value: configFile } }, { env: { name: "AI_LOGS_OUT", command: `echo "${out}"` } }, stackIn("$AI_LOGS_OUT")];
  return {
    plan: [
      ...prelude,
      { run: { command: INSTALL_COMMAND, output: "hide" } },
      { run: { command: `CDKTF_OUTDIR="$AI_LOGS_OUT" ${SYNTH_COMMAND}`, output: "hide" } },
      init,
      // A plan that Terraform refuses (prevent_destroy on a log group, say) still gets a review: from the
      // synth diff against the base branch, synthesized in a worktree with this checkout's node_modules.
      {
        run: {
          command: [
            `if terraform -chdir="$${STACK}" plan -input=false -no-color -out="$PLANFILE"; then`,
            `  terraform -chdir="$${STACK}" show -json "$PLANFILE" > "$SHOWFILE"`,
            "else",
            "  status=$?",
            '  base="$AI_LOGS_OUT.base"',
            '  git fetch --quiet --depth=1 origin "$BASE_BRANCH_NAME" && git worktree add --force --detach "$base" FETCH_HEAD > /dev/null',
            '  ln -sfn "$PWD/node_modules" "$base/node_modules"',
            `  (cd "$base" && CDKTF_OUTDIR=cdktf.out ${SYNTH_COMMAND})`,
            '  echo "terraform plan failed; the ai-logs review of the synthesized change from $BASE_BRANCH_NAME explains what it would do:"',
            '  node bin/ai-logs.js review --base "$base/cdktf.out" --head "$AI_LOGS_OUT" --no-fail-on-risk',
            '  git worktree remove --force "$base"',
            '  exit "$status"',
            "fi",
          ].join("\n"),
          output: "strip_refreshing",
        },
      },
      // The report beside the plan: in the Atlantis comment, and as its own Markdown comment when gh can post it.
      {
        run: {
          command: [
            'node bin/ai-logs.js review --head "$AI_LOGS_OUT" --plan "$PROJECT_NAME=$SHOWFILE" --no-fail-on-risk > "$AI_LOGS_OUT/review.md"',
            'cat "$AI_LOGS_OUT/review.md"',
            'if command -v gh > /dev/null && [ -n "${GITHUB_TOKEN:-}" ]; then',
            '  gh pr comment "$PULL_NUM" --repo "$BASE_REPO_OWNER/$BASE_REPO_NAME" --body-file "$AI_LOGS_OUT/review.md" > /dev/null',
            "fi",
          ].join("\n"),
        },
      },
    ],
    // The apply runs in the same checkout; re-create the initialized stack directory if it is gone.
    apply: [
      ...prelude,
      {
        run: {
          command: [
            `if [ ! -d "$${STACK}/.terraform" ]; then`,
            `  ${INSTALL_COMMAND}`,
            `  CDKTF_OUTDIR="$AI_LOGS_OUT" ${SYNTH_COMMAND}`,
            `  terraform -chdir="$${STACK}" init -input=false -no-color`,
            "fi",
          ].join("\n"),
          output: "hide",
        },
      },
      apply,
    ],
  };
}

/**
 * Pull-request mode (the pre-workflow hook writes the repo config): the hook has synthesized the
 * checkout into PR_FILES.head already, so a project only initializes and plans its stack directory,
 * and keeps the plan's JSON for the post-workflow hook's consolidated review.
 */
export function pullRequestWorkflow(): Workflow {
  return {
    plan: [
      stackIn(PR_FILES.head),
      init,
      {
        run: {
          command: [
            "set -e",
            `rm -f "${PR_FILES.plans}/$PROJECT_NAME.json"`,
            `terraform -chdir="$${STACK}" plan -input=false -no-color -out="$PLANFILE"`,
            `terraform -chdir="$${STACK}" show -json "$PLANFILE" > "$SHOWFILE"`,
            `mkdir -p "${PR_FILES.plans}" && cp "$SHOWFILE" "${PR_FILES.plans}/$PROJECT_NAME.json"`,
          ].join("\n"),
          output: "strip_refreshing",
        },
      },
    ],
    apply: [stackIn(PR_FILES.head), apply],
  };
}
