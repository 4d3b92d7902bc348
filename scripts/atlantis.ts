// `npm run atlantis`: the Atlantis side of the project (docs/reviewing.md, section Atlantis).
//   npm run atlantis [-- --config FILE]                       static mode: writes atlantis.yaml, one project
//                                                             per stack with remote state (small repos)
//   npm run atlantis -- prepare-pull-request [--config FILE]  pull-request mode, pre-workflow hook: synth
//                                                             base and head once, list only changed stacks
//   npm run atlantis -- review-pull-request                   pull-request mode, post-workflow hook (plan):
//                                                             one consolidated review comment
// The config: --config, else AI_LOGS_CONFIG; static mode falls back to config/example.yaml when
// AI_LOGS_CONFIG is unset, the hooks never do.
import { mkdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { Command, CommanderError } from "commander";
import { PR_FILES } from "../src/atlantis/pull-request-files";
import { preparePullRequest } from "../src/atlantis/prepare";
import { HookError } from "../src/atlantis/processes";
import { renderPullRequestAtlantisYaml } from "../src/atlantis/pull-request-config";
import { reviewPullRequest } from "../src/atlantis/review-comment";
import { ATLANTIS_FILE, staticAtlantisYamlFor } from "../src/atlantis/static-config";
import { ConfigSourceError, existingConfigSource } from "../src/cli/config-source";
import { ConfigError } from "../src/config/errors";
import { ReviewInputError } from "../src/review";
import { DEFAULT_CONFIG_FILE } from "../src/synth";

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A wrong command line. */
class UsageError extends Error {}

/** Errors with a message for people; anything else is a bug and keeps its stack. */
const EXPECTED = [UsageError, ConfigSourceError, ConfigError, HookError, ReviewInputError];

/** Runs the command line; resolves to the exit code. `root` is the repository (the hooks: Atlantis' DIR). */
export function main(args: readonly string[], env: NodeJS.ProcessEnv, io: Io, root = resolve(__dirname, "..")): number {
  const fail = (message: string) => {
    io.stderr(`ai-logs: atlantis: ${message}\n`);
    return 1;
  };
  let code = 0;
  const guarded = (action: () => void, onError?: (message: string) => void) => () => {
    try {
      action();
    } catch (e) {
      if (!EXPECTED.some((type) => e instanceof type)) throw e;
      onError?.((e as Error).message);
      code = fail((e as Error).message);
    }
  };

  const program = new Command("npm run atlantis --")
    .description("Atlantis repo config for the synthesized stacks (docs/reviewing.md, section Atlantis).")
    .option("--config <file>", `the config file; else AI_LOGS_CONFIG, else ${DEFAULT_CONFIG_FILE}`)
    .enablePositionalOptions()
    .allowExcessArguments(true) // reported below, with the commands there are
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(`ai-logs: atlantis: ${s.replace(/^error: /, "")}`) })
    .action(
      guarded(() => {
        if (program.args.length > 0) {
          throw new UsageError(`unknown command '${program.args[0]}'; commands: ${program.commands.map((c) => c.name()).join(", ")} (none: write ${ATLANTIS_FILE})`);
        }
        const source = existingConfigSource(program.opts<{ config?: string }>().config, env, DEFAULT_CONFIG_FILE, `use ${DEFAULT_CONFIG_FILE}`, root);
        const inRepo = relative(root, resolve(root, source.file));
        if (inRepo.startsWith("..") || isAbsolute(inRepo)) {
          throw new ConfigSourceError(`${source.file} is outside the repository; the committed ${ATLANTIS_FILE} synthesizes it in Atlantis' checkout, so it must be in the repository`);
        }
        const text = staticAtlantisYamlFor(root, inRepo);
        writeFileSync(join(root, ATLANTIS_FILE), text);
        io.stdout(`wrote ${ATLANTIS_FILE} for ${inRepo}\n`);
      }),
    );

  program
    .command("prepare-pull-request")
    .description("Pre-workflow hook: synthesize base and head once, write the repo config with only the changed stacks")
    .option("--config <file>", "the config file; else AI_LOGS_CONFIG (required: never the bundled example)")
    .action((options: { config?: string }) => {
      const hookRoot = env.DIR || process.cwd();
      guarded(
        () => {
          const source = existingConfigSource(options.config, env, undefined, "", hookRoot);
          const result = preparePullRequest({ root: hookRoot, configFile: source.file, env, log: (line) => io.stdout(`${line}\n`) });
          if (env.OUTPUT_STATUS_FILE) writeFileSync(env.OUTPUT_STATUS_FILE, `${result.status}\n`);
        },
        // Never leave the projects of an earlier run for Atlantis to plan.
        (message) => {
          const header = [`The pre-workflow hook failed, so nothing is planned: ${message.split("\n")[0]}`];
          try {
            mkdirSync(join(hookRoot, PR_FILES.root), { recursive: true });
            writeFileSync(join(hookRoot, PR_FILES.repoConfig), renderPullRequestAtlantisYaml({ stacks: [], planned: [], notes: header }));
          } catch {
            // no checkout to write into: Atlantis finds no repo config and plans nothing either
          }
        },
      )();
    });

  program
    .command("review-pull-request")
    .description("Post-workflow hook after plan: one review of the whole pull request, posted as one comment")
    .action(
      guarded(() => {
        const hookRoot = env.DIR || process.cwd();
        const result = reviewPullRequest(hookRoot, env);
        io.stdout(result.markdown);
        io.stdout(result.post.posted ? `\nai-logs: review comment ${result.post.posted} (id ${result.post.id})\n` : `\nai-logs: review not posted: ${result.post.why}\n`);
        if (env.OUTPUT_STATUS_FILE) writeFileSync(env.OUTPUT_STATUS_FILE, `${result.status}\n`);
      }),
    );

  try {
    program.parse([...args], { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return e.code === "commander.helpDisplayed" ? 0 : 1;
  }
  return code;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env, {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
  });
}
