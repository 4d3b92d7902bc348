/**
 * Small helpers over Terraform attribute values, which arrive in two shapes: synthesized JSON
 * (`${type.name.attr}` templates, a single nested block as an object) and plan JSON (resolved values,
 * every nested block a list).
 */

/** JSON with sorted keys, so equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Equal as Terraform's AWS provider treats them: the legacy SDK does not tell an unset value from an
 * empty one (a plan turns a nested block's null `default_value` into "", null `dimensions` into {}).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(withoutEmpties(a)) === stableJson(withoutEmpties(b));
}

function withoutEmpties(value: unknown): unknown {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) {
    const items = value.map(withoutEmpties);
    return items.length === 0 ? null : items;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, withoutEmpties(v)] as const)
      .filter(([, v]) => v !== null);
    return entries.length === 0 ? null : Object.fromEntries(entries);
  }
  return value;
}

/** The first (only) instance of a nested block, whichever shape it came in. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === "object" ? (first as Record<string, unknown>) : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function tagsOf(attributes: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const tags = { ...((attributes?.tags_all ?? {}) as Record<string, string>), ...((attributes?.tags ?? {}) as Record<string, string>) };
  return Object.fromEntries(Object.entries(tags).filter(([, v]) => typeof v === "string"));
}

/** `${aws_sns_topic.alerts.arn}` -> { address: "aws_sns_topic.alerts", attribute: "arn" }. Whole-string references only. */
export function parseReference(value: unknown): { address: string; attribute: string } | undefined {
  const m = typeof value === "string" ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/.exec(value) : null;
  return m ? { address: `${m[1]}.${m[2]}`, attribute: m[3] } : undefined;
}

/** Every `${type.name.attr}` reference anywhere inside a value. */
export function referencesIn(value: unknown): { address: string; attribute: string }[] {
  const found: { address: string; attribute: string }[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)/g)) found.push({ address: `${m[1]}.${m[2]}`, attribute: m[3] });
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

/** A value for a one-line summary: short values as JSON, long ones abbreviated. */
export function shortValue(value: unknown, max = 80): string {
  if (value === undefined || value === null) return "(none)";
  const text = typeof value === "string" ? JSON.stringify(value) : stableJson(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
