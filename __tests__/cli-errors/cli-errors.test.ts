import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command, Option } from "commander";
import { buildProgram, main } from "../../src/cli/main";
import { EXIT_USAGE, type CliIo } from "../../src/cli/io";

/**
 * Malformed input to every `ai-logs` subcommand gets a usage error (exit 2, a one-line message, no
 * stack trace), never a crash. Subcommands and their options are read from the program itself, so a
 * subcommand added to src/cli is covered without touching this file.
 */

const root = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "ai-logs-cli-errors-"));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (p) => readFileSync(resolve(work, p), "utf8"),
    cwd: work,
  };
}

/** Runs the CLI in-process; a rejected promise is a crash (bin/ai-logs.js would print "internal error"). */
async function cli(args: string[]): Promise<Run> {
  const streams = io();
  let code: number;
  try {
    code = await main(["node", "ai-logs", ...args], streams);
  } catch (e) {
    throw new Error(`ai-logs ${args.join(" ")} crashed: ${(e as Error).stack}`);
  }
  return { code, stdout: streams.out.join(""), stderr: streams.err.join("") };
}

function expectUsageError(run: Run, mentions?: string): void {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: EXIT_USAGE, stdout: "" });
  expect(run.stderr.trim()).not.toBe("");
  expect(run.stderr).not.toMatch(/^\s+at .*:\d+:\d+/m);
  if (mentions) expect(run.stderr).toContain(mentions);
}

const subcommands: readonly Command[] = buildProgram(io()).commands;
const names = subcommands.map((c) => c.name());

/** Options that name a file or directory (by their value name or their description). */
const takesPath = (o: Option) => /<(file|path|dir|directory)[^>]*>/i.test(o.flags) || /\b(file|directory|path)\b/i.test(o.description);
const takesJson = (o: Option) => /json/i.test(`${o.flags} ${o.description}`);
const acceptsFileUrl = (o: Option) => o.description.includes("file://");
const valueName = (o: Option) => /<([^>]+)>/.exec(o.flags)?.[1] ?? "";

/** Every mandatory option with a placeholder value, then the overrides. */
function argsFor(command: Command, overrides: Map<Option, string>): string[] {
  const args = [command.name()];
  for (const o of command.options) {
    const value = overrides.get(o) ?? (o.mandatory ? "x" : undefined);
    if (value !== undefined) args.push(o.long!, value);
  }
  return args;
}

const missing = join(work, "does-not-exist", "input.json");
const badJsonFile = join(work, "bad.json");
writeFileSync(badJsonFile, '{"not": json');
// A directory that looks like a cdktf.out, with JSON files that do not parse.
const badJsonDir = join(work, "bad-cdktf.out");
mkdirSync(join(badJsonDir, "stacks", "s"), { recursive: true });
writeFileSync(join(badJsonDir, "manifest.json"), "{ nope");
writeFileSync(join(badJsonDir, "stacks", "s", "cdk.tf.json"), "{ nope");

describe("ai-logs", () => {
  it("has subcommands to test", () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it("an unknown subcommand is a usage error", async () => {
    expectUsageError(await cli(["no-such-command"]), "no-such-command");
  });

  it("no subcommand at all is a usage error", async () => {
    expectUsageError(await cli([]));
  });
});

describe.each(names)("ai-logs %s", (name) => {
  const command = subcommands.find((c) => c.name() === name)!;
  const mandatory = command.options.filter((o) => o.mandatory);
  const pathOptions = command.options.filter(takesPath);

  it("--help exits 0", async () => {
    const run = await cli([name, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(name);
  });

  it("an unknown flag is a usage error", async () => {
    expectUsageError(await cli([...argsFor(command, new Map()), "--no-such-flag"]), "--no-such-flag");
  });

  const withValue = command.options.find((o) => o.required);
  if (withValue) {
    it(`${withValue.long} without its value is a usage error`, async () => {
      expectUsageError(await cli([name, withValue.long!]), withValue.long!);
    });
  }

  if (mandatory.length > 0) {
    it("missing required flags are a usage error naming them", async () => {
      expectUsageError(await cli([name]), mandatory[0].long!);
    });
  }

  if (pathOptions.length > 0) {
    // All of them at once: some only work together (review's --base and --head).
    it(`missing files or directories (${pathOptions.map((o) => o.long).join(", ")}) are a usage error naming the path`, async () => {
      const missingPaths = new Map(pathOptions.map((o) => [o, acceptsFileUrl(o) ? `file://${missing}` : missing]));
      expectUsageError(await cli(argsFor(command, missingPaths)), missing);
    });
  }

  const dirOptions = command.options.filter((o) => /dir/i.test(valueName(o)));
  if (dirOptions.length > 0) {
    it(`directories whose JSON does not parse (${dirOptions.map((o) => o.long).join(", ")}) are a usage error`, async () => {
      expectUsageError(await cli(argsFor(command, new Map(dirOptions.map((o) => [o, badJsonDir])))));
    });
  }

  const choices = command.options.filter((o) => o.argChoices && o.argChoices.length > 0);
  if (choices.length > 0) {
    it.each(choices.map((o) => [o.long!, o] as const))("%s with a value outside its choices is a usage error", async (_flag, option) => {
      expectUsageError(await cli(argsFor(command, new Map([[option, "no-such-choice"]]))), "no-such-choice");
    });
  }

  const jsonOptions = command.options.filter(takesJson);
  if (jsonOptions.length > 0) {
    it.each(jsonOptions.map((o) => [o.long!, o] as const))("%s: unreadable JSON is a usage error", async (_flag, option) => {
      const dir = /dir/i.test(valueName(option));
      const value = takesPath(option) ? `${acceptsFileUrl(option) ? "file://" : ""}${dir ? badJsonDir : badJsonFile}` : '{"not": json';
      expectUsageError(await cli(argsFor(command, new Map([[option, value]]))));
    });
  }
});

describe("bin/ai-logs.js (the real process)", () => {
  it.each(names)("%s with an unknown flag exits 2 with one line and no stack", (name) => {
    const command = subcommands.find((c) => c.name() === name)!;
    const run = spawnSync(process.execPath, [join(root, "bin", "ai-logs.js"), ...argsFor(command, new Map()), "--no-such-flag"], { cwd: work, encoding: "utf8" });
    expect(run.status).toBe(EXIT_USAGE);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/unknown option '--no-such-flag'/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 30_000);
});
