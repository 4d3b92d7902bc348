import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError, formatPath, type ConfigProblem } from "./errors";
import { configSchema, type Config } from "./schema";

/** Read, parse and validate a config file. Throws ConfigError naming the file and field of every problem. */
export function loadConfigFile(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError([{ file, path: "", message: `cannot read the config file (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
  return parseConfigText(text, file);
}

/** Parse YAML (a superset of JSON) or JSON text and validate it. */
export function parseConfigText(text: string, file: string): Config {
  const isJson = extname(file).toLowerCase() === ".json";
  const document = isJson ? parseJson(text, file) : parseYaml(text, file);
  return validateConfig(document, file);
}

export function validateConfig(document: unknown, file: string): Config {
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
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  // Warnings are unresolved tags (`!Ref`, `!!js/function`): YAML would read them as plain strings.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new ConfigError(problems.map((err) => ({ file, path: "", message: `not valid ${format}: ${err.message.split("\n")[0]}` })));
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // e.g. an alias bomb ("Excessive alias count indicates a resource exhaustion attack").
    throw new ConfigError([{ file, path: "", message: `not valid ${format}: ${(e as Error).message}` }]);
  }
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
        message: `found ${describeValue(input)}; valid: ${issue.values.map((v) => String(v)).join(", ")}`,
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
