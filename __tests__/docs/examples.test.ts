import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as ts from "typescript";
import { buildApp } from "../../src/app";
import { ConfigError } from "../../src/config/errors";
import { parseConfigText } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { synthesize } from "../../src/synth";
import { fencedBlocks, type FencedBlock } from "../../scripts/docs/markdown";
import { DOC_FILES, read, ROOT } from "./pages";

/**
 * Every page's example runs. A fenced block whose info string has the word `example` is one:
 * - `yaml example`: a whole config; it validates and synthesizes (`fails=AIL016`: synth refuses it with that code);
 * - `ts example`: a script at the repository root; it type-checks (the package's own name,
 *   `ai-logs-cloudwatch`, imports `./src`: packaged-library.test.ts checks the published package);
 * - `sh example`: runs in a temporary directory and exits 0 (`synthesized`: with config/example.yaml
 *   synthesized into cdktf.out and base/cdktf.out first);
 * - `console example`: each `$` command runs there and prints exactly the lines below it.
 * Examples may call `ai-logs` (or `npx ai-logs`) and nothing else that needs the network.
 */

interface Example extends FencedBlock {
  readonly file: string;
  readonly lang: string;
  readonly words: readonly string[];
}

const examples: Example[] = DOC_FILES.flatMap((file) =>
  fencedBlocks(read(file)).flatMap((b) => {
    const [lang, ...words] = b.info.split(/\s+/);
    return words.includes("example") ? [{ ...b, file, lang, words }] : [];
  }),
);
const named = (e: Example) => `${e.file}:${e.line}`;
const ofLang = (lang: string) => examples.filter((e) => e.lang === lang).map((e) => [named(e), e] as const);

const work = mkdtempSync(join(tmpdir(), "ai-logs-docs-examples-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("documentation pages", () => {
  it.each(DOC_FILES.filter((f) => f.startsWith("docs/") && !f.startsWith("docs/runbooks/")))("%s starts with a runnable example", (file) => {
    const first = fencedBlocks(read(file)).find((b) => !b.info.startsWith("mermaid"));
    expect(first?.info.split(/\s+/)).toContain("example");
  });

  it("mark examples in every language the runner knows, and only those", () => {
    expect(new Set(examples.map((e) => e.lang))).toEqual(new Set(["yaml", "ts", "sh", "console"]));
  });
});

describe.each(ofLang("yaml"))("config example %s", (name, example) => {
  const expected = example.words.find((w) => w.startsWith("fails="))?.slice("fails=".length);
  const synth = () => {
    const file = `${name}.yaml`;
    const outdir = join(work, name.replace(/[/:.]/g, "_"));
    buildApp(buildModel(parseConfigText(example.body, file), file), outdir).synth();
    return readdirSync(join(outdir, "stacks"));
  };

  if (expected) {
    it(`is refused with ${expected}`, () => {
      expect(synth).toThrow(ConfigError);
      expect(synth).toThrow(expected);
    });
  } else {
    it("validates and synthesizes", () => {
      expect(synth()).toEqual(expect.arrayContaining([expect.stringMatching(/^monitoring-/)]));
    });
  }
});

describe("TypeScript examples", () => {
  const scripts = examples.filter((e) => e.lang === "ts");

  it("type-check as scripts at the repository root", () => {
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    const file = (i: number) => join(ROOT, `docs-example-${i}.ts`);
    const sources = new Map(scripts.map((e, i) => [file(i), e.body.replace(/from "ai-logs-cloudwatch"/g, 'from "./src"')]));
    const tsconfig = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), { noEmit: true, incremental: false }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } })!;
    const host = ts.createCompilerHost(tsconfig.options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.fileExists = (f) => sources.has(f) || ts.sys.fileExists(f);
    host.readFile = (f) => sources.get(f) ?? readFile(f);
    host.getSourceFile = (f, lang, ...rest) => (sources.has(f) ? ts.createSourceFile(f, sources.get(f)!, lang, true) : getSourceFile(f, lang, ...rest));
    const program = ts.createProgram([...sources.keys()], tsconfig.options, host);
    const problems = [...sources.keys()].flatMap((f, i) =>
      [...program.getSyntacticDiagnostics(program.getSourceFile(f)), ...program.getSemanticDiagnostics(program.getSourceFile(f))].map((d) => {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `${named(scripts[i])} (+${line}): ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
    expect(problems).toEqual([]);
  });
});

/** Bash with `ai-logs` and `npx ai-logs` bound to this checkout's command; other npx calls fail. */
function shell(script: string, cwd: string) {
  const prelude = [
    `ai-logs() { node ${JSON.stringify(join(ROOT, "bin", "ai-logs.js"))} "$@"; }`,
    `npx() { if [ "$1" = ai-logs ]; then shift; ai-logs "$@"; else echo "docs examples may run only ai-logs, not npx $1" >&2; return 127; fi; }`,
  ].join("\n");
  return spawnSync("bash", ["-e", "-c", `${prelude}\n${script}`], { cwd, encoding: "utf8" });
}

/** A fresh directory, with config/example.yaml synthesized into cdktf.out and base/cdktf.out when asked. */
let synthesized: string | undefined;
function workspace(example: Example): string {
  const dir = join(work, `sh-${example.file.replace(/\W/g, "_")}-${example.line}`);
  mkdirSync(dir, { recursive: true });
  if (example.words.includes("synthesized")) {
    if (!synthesized) {
      synthesized = join(work, "synthesized", "cdktf.out");
      mkdirSync(dirname(synthesized), { recursive: true });
      synthesize({ configFile: join(ROOT, "config", "example.yaml"), outdir: synthesized });
    }
    cpSync(synthesized, join(dir, "cdktf.out"), { recursive: true });
    cpSync(synthesized, join(dir, "base", "cdktf.out"), { recursive: true });
  }
  return dir;
}

describe.each(ofLang("sh"))("shell example %s", (_name, example) => {
  it("exits 0", () => {
    const run = shell(example.body, workspace(example));
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  });
});

/** `$ command` (continued by a trailing `\`) and the output printed below it. */
function sessions(body: string): { command: string; output: string }[] {
  const result: { command: string; output: string[] }[] = [];
  let continued = false;
  for (const line of body.split("\n")) {
    if (continued) result[result.length - 1].command += `\n${line}`;
    else if (line.startsWith("$ ")) result.push({ command: line.slice(2), output: [] });
    else result[result.length - 1]?.output.push(line);
    continued = line.endsWith("\\") && (continued || line.startsWith("$ "));
  }
  return result.map((s) => ({ command: s.command, output: s.output.join("\n") }));
}

describe.each(ofLang("console"))("console example %s", (_name, example) => {
  it.each(sessions(example.body).map((s) => [s.command.split("\n")[0], s] as const))("%s prints what the page shows", (_c, session) => {
    const run = shell(session.command, workspace(example));
    expect({ status: run.status, stdout: run.stdout.trimEnd(), stderr: run.stderr }).toEqual({ status: 0, stdout: session.output.trimEnd(), stderr: "" });
  });
});
