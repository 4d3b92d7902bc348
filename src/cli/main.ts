/**
 * The `ai-logs` command line. Each subcommand lives in its own file under `src/cli/` and exports
 * `register(program, io)`; to add one, import its module below and list it in SUBCOMMANDS.
 * (Static imports on purpose: bin/ai-logs.js runs through tsx's CommonJS hook, which does not
 * serve dynamic `import()`.)
 *
 * Usage errors exit with 2 and a one-line message on stderr (commander runs with `exitOverride`),
 * `--help` exits with 0; subcommands stop with other codes by throwing `CliExit`.
 */
import { Command, CommanderError } from "commander";
import { CliExit, CliIo, EXIT_USAGE, processIo } from "./io";
import * as testMetricFilter from "./test-metric-filter";
import * as review from "./review";
import * as backtest from "./backtest";

/** What a subcommand module exports. */
export interface Subcommand {
  register(program: Command, io: CliIo): void;
}

const SUBCOMMANDS: readonly Subcommand[] = [testMetricFilter, review, backtest];

/** Builds the program with every subcommand registered. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("ai-logs")
    .description("CloudWatch Logs monitoring for AI workloads: offline filter-pattern tools and more.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showSuggestionAfterError(true);
  for (const subcommand of SUBCOMMANDS) subcommand.register(program, io);
  return program;
}

/** Runs the command line (`argv` as in `process.argv`) and resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "node" });
    return 0;
  } catch (error) {
    if (error instanceof CliExit) {
      io.stderr(error.stderrText);
      return error.exitCode;
    }
    if (error instanceof CommanderError) return commanderExitCode(error);
    throw error;
  }
}

/** Commander already printed its message; only the exit code is left to decide. */
function commanderExitCode(error: CommanderError): number {
  if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
  return EXIT_USAGE;
}
