import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { formatPath } from "../../src/config/errors";
import { configSchema } from "../../src/config/schema";
import { EXAMPLE_CONFIG } from "../support/synth";
import type { BadInput } from "./harness";
import { ANY_KEY, describePath, schemaFields, type PathStep, type SchemaField } from "./schema-walk";

/**
 * The generated part of the bad-input corpus: for every field of the config schema (found by
 * walking it, see schema-walk.ts), a value of the wrong type and, for objects, an unknown key; and
 * with fast-check, values of the right type that the field's own rules reject (out of range,
 * malformed). Each is put into the example config at that field, so everything around it is valid.
 */

type Doc = Record<string | number, unknown>;

export const FIELDS: readonly SchemaField[] = schemaFields(configSchema);

export function exampleDocument(): Doc {
  return parse(readFileSync(EXAMPLE_CONFIG, "utf8")) as Doc;
}

const rejects = (field: SchemaField, value: unknown) => !field.schema.safeParse(value).success;

/** A key that the record's key schema accepts, preferring one the document already has. */
function recordKey(node: unknown, field: SchemaField | undefined): string {
  const existing = node && typeof node === "object" && !Array.isArray(node) ? Object.keys(node) : [];
  if (existing.length > 0) return existing[0];
  return ["key", "k1", "Key"].find((k) => !field?.keySchema || field.keySchema.safeParse(k).success) ?? "key";
}

/**
 * Puts `value` at `path` in a copy of `base`, creating what is missing on the way ({} or [{}]).
 * Returns the document and the concrete path (record placeholders replaced by real keys).
 */
export function placeValue(base: Doc, path: readonly PathStep[], value: unknown): { document: Doc; path: (string | number)[] } {
  const document = structuredClone(base);
  const concrete: (string | number)[] = [];
  let node: Doc = document;
  path.forEach((step, i) => {
    const last = i === path.length - 1;
    const key = step === ANY_KEY ? recordKey(node, FIELDS.find((f) => f.kind === "record" && describePath(f.path) === describePath(path.slice(0, i)))) : step;
    concrete.push(key);
    if (last) {
      node[key] = value;
      return;
    }
    const next = path[i + 1];
    const child = node[key];
    const wantArray = typeof next === "number";
    if (wantArray ? !Array.isArray(child) : !child || typeof child !== "object" || Array.isArray(child)) node[key] = wantArray ? [] : {};
    const container = node[key] as Doc & unknown[];
    if (wantArray && container.length === 0) container.push({});
    node = container as Doc;
  });
  return { document, path: concrete };
}

/** Values of the wrong JSON type for a field of this kind (filtered by the field's schema). */
const WRONG_TYPES: readonly unknown[] = ["a string", 42, true, ["a list"], { a: "mapping" }, null];

function reportedPath(field: SchemaField, concrete: (string | number)[]): (string | number)[] {
  return concrete.slice(0, field.reportedAt.length);
}

function caseFor(field: SchemaField, what: string, value: unknown, base: Doc): BadInput {
  const { document, path } = placeValue(base, field.path, value);
  return { name: `${describePath(field.path)}: ${what}`, content: document, path: formatPath(reportedPath(field, path)) };
}

/** Deterministic cases: two wrong types per field, and an unknown key in every object. */
export function typeCases(base: Doc = exampleDocument()): BadInput[] {
  const out: BadInput[] = [];
  for (const field of FIELDS) {
    if (field.path.length === 0) continue; // the whole document: see the table (empty file, a list)
    const wrong = WRONG_TYPES.filter((v) => rejects(field, v) && !(v === null && field.kind === "null"));
    // The first wrong type plus one of a different JSON kind, so each field gets two.
    for (const v of wrong.slice(0, 2)) out.push(caseFor(field, `wrong type ${JSON.stringify(v)}`, v, base));
  }
  for (const field of FIELDS.filter((f) => f.kind === "object")) {
    // What the base has at this object (if anything), plus a misspelt key.
    const at = placeValue(base, field.path, null).path;
    const original = at.reduce<unknown>((n, k) => (n as Doc | undefined)?.[k], base);
    const value = { ...(original && typeof original === "object" && !Array.isArray(original) ? structuredClone(original) : {}), unknwonKey: 1 };
    const { document, path } = field.path.length === 0 ? { document: value as Doc, path: [] } : placeValue(base, field.path, value);
    const reported = field.reportedAt.length === field.path.length ? [...path, "unknwonKey"] : reportedPath(field, path);
    out.push({ name: `${describePath(field.path)}: unknown key`, content: document, path: formatPath(reported) });
  }
  return out;
}

/** Right-typed values likely to break a field's own rules; only those the field rejects are used. */
function outOfRange(field: SchemaField): fc.Arbitrary<unknown> | undefined {
  switch (field.kind) {
    case "string":
    case "enum":
    case "literal":
      return fc.oneof(
        fc.constantFrom("", " ", "UPPER", "a--b", "-a", "a-", "x".repeat(1100), "a b", "a:b*c$", "aws/x", "AWS/x", "http://x", "arn:aws:sns:::x", "\u{1F600}", "12345", "ab"),
        fc.string({ maxLength: 70 }),
      );
    case "number":
      return fc.oneof(
        fc.constantFrom(-1, 0, 0.5, 59, 90, 730, 1e9, 1e12, Number.POSITIVE_INFINITY, Number.NaN),
        fc.integer({ min: -1_000_000, max: 10_000_000 }),
        fc.double(),
      );
    case "array":
      return fc.constant([]);
    default:
      return undefined;
  }
}

/** Fields that have values of the right type which their rules reject. */
export const RANGED_FIELDS: readonly SchemaField[] = FIELDS.filter((f) => {
  const arb = outOfRange(f);
  return arb !== undefined && fc.sample(arb, { numRuns: 200, seed: 7 }).some((v) => rejects(f, v));
});

/** fast-check: a field with a right-typed value its rules reject, placed in the example config. */
export function outOfRangeCase(base: Doc = exampleDocument()): fc.Arbitrary<BadInput> {
  return fc
    .constantFrom(...RANGED_FIELDS)
    .chain((field) => outOfRange(field)!.filter((v) => rejects(field, v)).map((v) => caseFor(field, `rejected value ${JSON.stringify(v)?.slice(0, 40)}`, v, base)));
}
