import { configJsonSchema } from "../../src/config/json-schema";
import { cell, code, prose, slugOf, table } from "./markdown";
import { FALLBACK_DESCRIPTIONS } from "./config-descriptions";

/**
 * The configuration reference, generated from the validator's JSON Schema (`configJsonSchema`): one
 * table per object, every key with its type, default and description. Descriptions come from the
 * schema (`.describe()` in src/config); the few keys without one take theirs from
 * config-descriptions.ts, and the docs test fails when a key has neither.
 */

interface JsonSchema {
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly enum?: readonly (string | number)[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly maxLength?: number;
}

/** One key of the config, wherever it sits: `workloads[].signals.<id>.threshold`. */
export interface ConfigField {
  readonly path: string;
  readonly key: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
}

/** Longer enums are named, not listed (the schema and editors list them). */
const MAX_LISTED_VALUES = 30;

/** What a record's keys are called in paths. */
const recordKeyName = (path: string) => (/\.signals$/.test(path) ? "<id>" : "<name>");

/** Objects with named keys, each with its fields, in schema order (the top level first). */
export function configSections(schema: JsonSchema = configJsonSchema() as JsonSchema): { path: string; schema: JsonSchema; fields: ConfigField[] }[] {
  const sections: { path: string; schema: JsonSchema; fields: ConfigField[] }[] = [];
  const visit = (path: string, node: JsonSchema) => {
    if (node.properties) {
      const fields = Object.entries(node.properties).map(([key, child]) => ({
        path: path ? `${path}.${key}` : key,
        key,
        schema: child,
        required: (node.required ?? []).includes(key),
      }));
      sections.push({ path, schema: node, fields });
      for (const f of fields) visit(f.path, f.schema);
    }
    if (node.items) visit(`${path}[]`, node.items);
    if (typeof node.additionalProperties === "object") visit(`${path}.${recordKeyName(path)}`, node.additionalProperties);
  };
  visit("", schema);
  return sections;
}

/** Every key of every section. */
export function configFields(): ConfigField[] {
  return configSections().flatMap((s) => s.fields);
}

const sectionTitle = (path: string) => (path === "" ? "Top level" : code(path));

/** Where a field's own table is: itself, its items, or its record values, if they are objects. */
function sectionOf(path: string, schema: JsonSchema): string | undefined {
  if (schema.properties) return path;
  if (schema.items) return sectionOf(`${path}[]`, schema.items);
  if (typeof schema.additionalProperties === "object") return sectionOf(`${path}.${recordKeyName(path)}`, schema.additionalProperties);
  return undefined;
}

function typeOf(path: string, s: JsonSchema): string {
  if (s.enum) {
    return s.enum.length <= MAX_LISTED_VALUES
      ? `one of ${s.enum.map((v) => code(String(v))).join(", ")}`
      : `one of ${s.enum.length} names (listed in \`config/schema.json\`)`;
  }
  const bounds = [
    s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : undefined,
    s.minimum !== undefined ? `≥ ${s.minimum}` : undefined,
    s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? `≤ ${s.maximum}` : undefined,
    s.maxLength !== undefined ? `at most ${s.maxLength} characters` : undefined,
  ].filter(Boolean);
  const section = sectionOf(path, s);
  const link = section === undefined ? "" : ` ([fields](#${slugOf(sectionTitle(section))}))`;
  switch (s.type) {
    case "array": {
      const count = [s.minItems !== undefined ? `at least ${s.minItems}` : "", s.maxItems !== undefined ? `at most ${s.maxItems}` : ""].filter(Boolean).join(", ");
      const itemType = typeOf(`${path}[]`, s.items ?? {});
      const item = s.items?.properties ? "objects" : itemType === "string" ? "strings" : itemType;
      return `list of ${item}${count ? ` (${count})` : ""}${s.items?.properties ? link : ""}`;
    }
    case "object":
      if (s.properties) return `object${link}`;
      if (typeof s.additionalProperties === "object") {
        const value = s.additionalProperties.properties ? `object${link}` : typeOf(`${path}.${recordKeyName(path)}`, s.additionalProperties);
        return `map of ${code(recordKeyName(path))} to ${value}`;
      }
      return "object";
    case "string":
      return [s.pattern ? `string matching ${code(s.pattern)}` : "string", ...bounds].join(", ");
    case "number":
    case "integer":
      return bounds.length > 0 ? `${s.type} ${bounds.join(", ")}` : s.type;
    case "boolean":
      return "boolean";
    default:
      return "any";
  }
}

/** Prose and `@default` of a description text. */
function splitDefault(text: string): { description: string; default?: string } {
  const at = text.indexOf("@default");
  if (at < 0) return { description: text.trim() };
  return { description: text.slice(0, at).trim().replace(/[.;:]$/, ""), default: text.slice(at + "@default".length).trim() };
}

/** A field's description and default: the schema's, completed from the fallback list. */
export function describeField(f: ConfigField): { description: string; default?: string } {
  const own = splitDefault(f.schema.description ?? "");
  const fallback = splitDefault(FALLBACK_DESCRIPTIONS[f.path] ?? "");
  return { description: own.description || fallback.description, default: own.default ?? fallback.default };
}

/** A section's own description: the object's, or that of the list or map it is the value of. */
function sectionIntro(path: string): string {
  if (path === "") return "";
  const owner = path.replace(/\[\]$|\.<(id|name)>$/, "");
  const field = configFields().find((f) => f.path === owner);
  const text = field ? describeField(field).description : "";
  return text ? `${prose(text).replace(/\.?$/, ".")}\n\n` : "";
}

/** The reference tables, as Markdown. */
export function renderConfigReference(): string {
  return configSections()
    .filter((s) => s.fields.length > 0)
    .map((section) => {
      const rows = section.fields.map((f) => {
        const { description, default: dflt } = describeField(f);
        return [`${code(f.key)}${f.required ? " (required)" : ""}`, cell(typeOf(f.path, f.schema)), dflt === undefined ? "" : cell(prose(dflt)), cell(prose(description))];
      });
      const intro = sectionIntro(section.path);
      return `### ${sectionTitle(section.path)}\n\n${intro}${table(["Key", "Type", "Default", "Description"], rows)}`;
    })
    .join("\n\n");
}
