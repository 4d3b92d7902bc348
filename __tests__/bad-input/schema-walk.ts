import type { z } from "zod";

/**
 * Every field of the config schema, found by walking the zod schema itself: a field added to
 * src/config/schema.ts (or a module it uses) is in the bad-input corpus the day it is added.
 */

/** Stands for "some key of this record" in a field path; resolved against a concrete config. */
export const ANY_KEY = Symbol("any record key");
export type PathStep = string | number | typeof ANY_KEY;

export interface SchemaField {
  /** Path from the document root; `0` for "the first element", ANY_KEY for "a record key". */
  readonly path: readonly PathStep[];
  /** zod's type name at this field: object, array, record, string, number, boolean, enum, ... */
  readonly kind: string;
  /** The field's schema, wrappers (optional, default, ...) removed: what a value here must pass. */
  readonly schema: z.ZodType;
  /** Record key schema (records only). */
  readonly keySchema?: z.ZodType;
  /**
   * Where a problem with this field is reported: the field itself, or the nearest enclosing union
   * (a union reports "no option matched" at its own path).
   */
  readonly reportedAt: readonly PathStep[];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Wrappers that do not change where a value sits. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch", "success"]);

export function schemaFields(root: z.ZodType): SchemaField[] {
  const out: SchemaField[] = [];
  const walk = (schema: z.ZodType, path: PathStep[], reportedAt: PathStep[] | undefined, depth: number) => {
    if (depth > 12) return; // recursive (lazy) schemas
    const def = defOf(schema);
    if (WRAPPERS.has(def.type) && def.innerType) return walk(def.innerType, path, reportedAt, depth);
    if (def.type === "pipe" && def.in) return walk(def.in, path, reportedAt, depth);
    if (def.type === "lazy" && def.getter) return walk(def.getter(), path, reportedAt, depth + 1);
    const field: SchemaField = { path, kind: def.type, schema, keySchema: def.keyType, reportedAt: reportedAt ?? path };
    switch (def.type) {
      case "object":
        out.push(field);
        for (const [key, child] of Object.entries(def.shape ?? {})) walk(child, [...path, key], reportedAt, depth + 1);
        return;
      case "array":
        out.push(field);
        if (def.element) walk(def.element, [...path, 0], reportedAt, depth + 1);
        return;
      case "record":
        out.push(field);
        if (def.valueType) walk(def.valueType, [...path, ANY_KEY], reportedAt, depth + 1);
        return;
      case "union":
        out.push(field);
        for (const option of def.options ?? []) walk(option, path, reportedAt ?? path, depth + 1);
        return;
      case "intersection":
        if (def.left) walk(def.left, path, reportedAt, depth + 1);
        if (def.right) walk(def.right, path, reportedAt, depth + 1);
        return;
      default:
        out.push(field);
    }
  };
  walk(root, [], undefined, 0);
  return out;
}

export function describePath(path: readonly PathStep[]): string {
  return path.map((p) => (p === ANY_KEY ? "[*]" : typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "") || "(document)";
}
