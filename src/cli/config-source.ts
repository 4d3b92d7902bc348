import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";

/** The environment variable naming the config file when `--config` is not given. */
export const CONFIG_ENV = "AI_LOGS_CONFIG";

/** Where a command's config file came from, for messages that name it. */
export interface ConfigSource {
  readonly file: string;
  readonly from: "--config" | typeof CONFIG_ENV | "default";
}

/** A config choice that cannot be right: the message names the flag or variable at fault. */
export class ConfigSourceError extends Error {}

/**
 * The config file a command works on: `--config`, else AI_LOGS_CONFIG, else `fallback` (the
 * bundled example for `npm run synth` and `npm run atlantis`; none for the Atlantis hooks, which
 * must never plan the example by accident). A set-but-empty variable is an error, never the fallback.
 */
export function configSource(flag: string | undefined, env: NodeJS.ProcessEnv, fallback: string | undefined, whatTheFallbackDoes: string): ConfigSource {
  if (flag !== undefined) {
    if (flag.trim() === "") throw new ConfigSourceError("--config needs a file name");
    return { file: flag, from: "--config" };
  }
  const fromEnv = env[CONFIG_ENV];
  if (fromEnv === undefined) {
    if (fallback === undefined) throw new ConfigSourceError(`name the config file: --config FILE, or set ${CONFIG_ENV}`);
    return { file: fallback, from: "default" };
  }
  if (fromEnv.trim() === "") {
    throw new ConfigSourceError(
      fallback === undefined ? `${CONFIG_ENV} is set but empty; name a config file` : `${CONFIG_ENV} is set but empty; name a config file, or unset it to ${whatTheFallbackDoes}`,
    );
  }
  return { file: fromEnv, from: CONFIG_ENV };
}

/** Like configSource, and the file must exist (relative names resolve against `cwd`). */
export function existingConfigSource(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  fallback: string | undefined,
  whatTheFallbackDoes: string,
  cwd: string = process.cwd(),
): ConfigSource {
  const source = configSource(flag, env, fallback, whatTheFallbackDoes);
  const path = resolve(cwd, source.file);
  const named = source.from === "default" ? source.file : `${source.from} ${source.file}`;
  if (!existsSync(path)) throw new ConfigSourceError(`${named}: no such file${source.from === "default" ? "" : ` (relative to ${cwd})`}`);
  if (!statSync(path).isFile()) throw new ConfigSourceError(`${named} is not a file`);
  return source;
}
