/**
 * What a subcommand may touch of the outside world, so tests can run `main()` in-process: output
 * streams, file reads for `file://` arguments, and the working directory those are relative to.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 file; relative paths are resolved against `cwd`. */
  readFile(path: string): string;
  readonly cwd: string;
}

/** The real process streams and file system. */
export function processIo(): CliIo {
  const cwd = process.cwd();
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFileSync(resolve(cwd, path), "utf8"),
    cwd,
  };
}

/** Exit code for usage errors (bad flags, unreadable `file://`, malformed JSON arguments). */
export const EXIT_USAGE = 2;
/** Exit code the AWS CLI uses when the service rejects a request. */
export const EXIT_SERVICE_ERROR = 255;

/**
 * Thrown by a subcommand to stop with an exit code; `main` prints `stderrText` (never a stack
 * trace) and returns the code.
 */
export class CliExit extends Error {
  public constructor(public readonly exitCode: number, public readonly stderrText: string) {
    super(stderrText);
    this.name = "CliExit";
  }
}

/** A usage error naming the argument at fault. */
export function usageError(message: string): CliExit {
  return new CliExit(EXIT_USAGE, `error: ${message}\n`);
}

/** The AWS CLI's rendering of a service error, e.g. for an invalid filter pattern. */
export function serviceError(code: string, operation: string, message: string): CliExit {
  return new CliExit(EXIT_SERVICE_ERROR, `\nAn error occurred (${code}) when calling the ${operation} operation: ${message}\n`);
}

/**
 * Asserts options a subcommand needs, after commander has rejected unknown ones (commander's own
 * `requiredOption` check runs first and would hide a misspelled flag behind "not specified").
 */
export function requireOptions<T extends object>(options: Partial<T>, flags: { readonly [K in keyof T]?: string }): asserts options is T {
  for (const [key, flag] of Object.entries(flags) as [keyof T, string][]) {
    if (options[key] === undefined) throw usageError(`required option '${flag}' not specified`);
  }
}
