import { closeSync, openSync, readSync } from "node:fs";
import { extname } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError, formatPath, type ConfigProblem } from "./errors";
import { checkRawDocument } from "./raw-document";
import { configSchema, type Config } from "./schema";

/**
 * The largest config file read: a fleet of 1,000 workloads is about 300 KB. The cap keeps a wrong
 * path (`/dev/zero`, a log file) from hanging the synth or exhausting memory.
 */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

/** Read, parse and validate a config file. Throws ConfigError naming the file and field of every problem. */
export function loadConfigFile(file: string): Config {
  return parseConfigText(readConfigText(file), file);
}

/** The file's text, read up to MAX_CONFIG_BYTES (devices and pipes included, so never past the cap). */
function readConfigText(file: string): string {
  const problem = (message: string) => new ConfigError([{ file, path: "", message }]);
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw problem(`cannot read the config file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_CONFIG_BYTES) throw problem(`the config file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB; is this the right file?`);
    return buffer.toString("utf8", 0, length);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw problem(`cannot read the config file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  } finally {
    closeSync(fd);
  }
}

/** Parse YAML (a superset of JSON) or JSON text and validate it. */
export function parseConfigText(text: string, file: string): Config {
  const isJson = extname(file).toLowerCase() === ".json";
  const document = isJson ? parseJson(text, file) : parseYaml(text, file);
  return validateConfig(document, file);
}

export function validateConfig(document: unknown, file: string): Config {
  const raw = checkRawDocument(document, file);
  if (raw.length > 0) throw new ConfigError(raw);
  const result = configSchema.safeParse(document, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.flatMap((issue) => describeIssue(issue, file)));
}

function parseJson(text: string, file: string): unknown {
  try {
    JSON.parse(text);
  } catch (e) {
    throw new ConfigError([{ file, path: "", message: `not valid JSON: ${(e as Error).message}` }]);
  }
  // JSON is YAML: the YAML reader adds what JSON.parse lacks, a duplicate key check (the last
  // duplicate would silently win otherwise).
  return parseYaml(text, file, "JSON");
}

function parseYaml(text: string, file: string, format = "YAML"): unknown {
  // Merge keys (`<<: *defaults`) are YAML 1.1 that most tools accept; JSON has no such thing.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, merge: format === "YAML" });
  // Warnings are unresolved tags (`!Ref`, `!!js/function`): YAML would read them as plain strings.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new ConfigError(problems.map((err) => ({ file, path: "", message: `not valid ${format}: ${withContext(err.message)}` })));
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // e.g. an alias bomb ("Excessive alias count indicates a resource exhaustion attack").
    throw new ConfigError([{ file, path: "", message: `not valid ${format}: ${(e as Error).message}` }]);
  }
}

/**
 * The parser's message on one line, with the text of the line it points at: yaml's pretty errors put
 * that line (and a caret) on lines of their own, after "at line 13, column 7:".
 */
function withContext(message: string): string {
  const [first, ...rest] = message.trimEnd().split("\n");
  const caret = rest.findIndex((l) => /^\s*\^+\s*$/.test(l)); // the caret sits under the line it points at
  const line = caret > 0 ? rest[caret - 1] : undefined;
  const head = first.replace(/:$/, "");
  return line === undefined ? head : `${head}: ${JSON.stringify(line.length > 100 ? `${line.slice(0, 97)}...` : line)}`;
}

function describeIssue(issue: z.core.$ZodIssue, file: string): ConfigProblem | ConfigProblem[] {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "unrecognized_keys": {
      const valid = validKeysAt(issue.path);
      return issue.keys.map((key) => ({
        file,
        path: formatPath([...issue.path, key]),
        message: `unknown key '${key}'${valid ? `; valid keys here: ${valid.join(", ")}` : ""}`,
      }));
    }
    case "invalid_type":
      return {
        file,
        path: formatPath(issue.path),
        message: input === undefined ? `required ${typeName(issue.expected)} is missing` : `expected ${typeName(issue.expected)}, found ${describeValue(input)}`,
      };
    case "invalid_value":
      return {
        file,
        path: formatPath(issue.path),
        message: `${input === undefined ? "required value is missing" : `found ${describeValue(input)}`}; valid: ${issue.values.map((v) => String(v)).join(", ")}`,
      };
    default:
      return {
        file,
        path: formatPath(issue.path),
        message: input === undefined || typeof input === "object" ? issue.message : `${issue.message} (found ${describeValue(input)})`,
      };
  }
}

/** zod's type names in the words of YAML, the format users write: a mapping, a list. */
function typeName(expected: string): string {
  return expected === "object" || expected === "record" ? "mapping" : expected === "array" ? "list" : expected;
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  return `${typeof v} ${String(v)}`;
}

/** The keys the schema allows at a path, so "unknown key" messages can say what would be valid. */
function validKeysAt(path: readonly PropertyKey[]): string[] | undefined {
  let schema: unknown = configSchema;
  for (const part of path) {
    schema = unwrap(schema);
    const def = defOf(schema);
    if (def?.type === "object") schema = (def.shape as Record<string, unknown>)[String(part)];
    else if (def?.type === "array") schema = def.element;
    else if (def?.type === "record") schema = def.valueType;
    else return undefined;
  }
  const def = defOf(unwrap(schema));
  return def?.type === "object" ? Object.keys(def.shape as object) : undefined;
}

function unwrap(schema: unknown): unknown {
  let s = schema;
  for (let def = defOf(s); def && (def.type === "optional" || def.type === "default" || def.type === "nullable"); def = defOf(s)) {
    s = def.innerType;
  }
  return s;
}

function defOf(schema: unknown): Record<string, unknown> | undefined {
  return (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
}
