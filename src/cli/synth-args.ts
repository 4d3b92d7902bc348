import { Command, CommanderError } from "commander";
import { DEFAULT_CONFIG_FILE } from "../synth";
import { CONFIG_ENV, configSource, ConfigSourceError } from "./config-source";

/** What the synth entry point (`main.ts`) was asked to do. */
export type SynthRequest =
  | { readonly kind: "synth"; readonly configFile: string }
  /** Help was printed, or the arguments were wrong: stop with this code, synthesizing nothing. */
  | { readonly kind: "stop"; readonly exitCode: number };

/**
 * `npm run synth [-- --config FILE]`: the config comes from `--config`, else from AI_LOGS_CONFIG,
 * else the bundled example. Anything else on the command line is an error rather than a silent
 * synth of the example over `cdktf.out`; so is an AI_LOGS_CONFIG that is set but empty.
 */
export function parseSynthArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  out: { stdout(text: string): void; stderr(text: string): void },
): SynthRequest {
  const program = new Command("npm run synth --")
    .description(`Synthesize the Terraform JSON of a config into cdktf.out (or CDKTF_OUTDIR).\nThe config: --config, else ${CONFIG_ENV}, else ${DEFAULT_CONFIG_FILE}.`)
    .option("--config <file>", "the config file (YAML or JSON)")
    .helpOption("-h, --help", "show this help")
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.stdout(s), writeErr: (s) => out.stderr(`ai-logs: synth: ${s.replace(/^error: /, "")}`) })
    .showSuggestionAfterError(true)
    .allowExcessArguments(true); // reported below, with the flag the user most likely meant
  try {
    program.parse([...args], { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { kind: "stop", exitCode: e.code === "commander.helpDisplayed" ? 0 : 1 };
  }
  if (program.args.length > 0) return stop(out, `unexpected argument '${program.args[0]}'; to synthesize a config file, use --config ${program.args[0]}`);
  try {
    const { file } = configSource(program.opts<{ config?: string }>().config, env, DEFAULT_CONFIG_FILE, `synthesize ${DEFAULT_CONFIG_FILE}`);
    return { kind: "synth", configFile: file };
  } catch (e) {
    if (e instanceof ConfigSourceError) return stop(out, e.message);
    throw e;
  }
}

function stop(out: { stderr(text: string): void }, message: string): SynthRequest {
  out.stderr(`ai-logs: synth: ${message}\n`);
  return { kind: "stop", exitCode: 1 };
}
