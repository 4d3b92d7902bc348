/**
 * JSON field names as applications log them, turned into filter-pattern selectors and Logs Insights
 * field names. OpenTelemetry attribute names such as `gen_ai.request.model` are usually logged as
 * flat keys that contain dots, which a filter pattern must address with bracket notation.
 */

/** A field given as a `$.` selector is taken as is; anything else is one JSON key under `parent` (default: the top level). */
export function selectorOf(field: string, parent = "$"): string {
  if (isPath(field)) return field;
  return /^[A-Za-z0-9_-]+$/.test(field) ? `${parent}.${field}` : `${parent}.['${field}']`;
}

/** The name Logs Insights discovers for the field: nested keys and dotted flat keys both read `a.b.c`. */
export function insightsFieldOf(field: string, parent?: string): string {
  if (!isPath(field)) return parent === undefined ? field : `${parent}.${field}`;
  return field
    .replace(/^\$\.?/, "")
    .replace(/\.?\['([^']*)'\]/g, (_m, key: string, offset: number) => (offset === 0 ? key : `.${key}`));
}

/** `$.a.b` or `$.['a.b']`: a selector, not a key as logged. */
export function isPath(field: string): boolean {
  return field.startsWith("$.") || field.startsWith("$[");
}

/** A JSON key as logged: what a key needs, no quotes (dots, `@` and `-` allowed). */
const KEY = "[A-Za-z0-9_@-][A-Za-z0-9_.@-]{0,199}";
/** One step of a `$.` path: `.name`, or `.['dotted.key']` for a key that holds dots. */
const STEP = "(?:\\.[A-Za-z0-9_@-]+|\\.\\['[A-Za-z0-9_@-][A-Za-z0-9_.@-]*'\\])";

/**
 * What a field name may be in config: a JSON key as logged, or a `$.` path into nested objects whose
 * steps are names or bracketed dotted keys (`$.attributes.['gen_ai.usage.input_tokens']`). No quotes
 * other than the brackets' own, so a name can never break out of the pattern it is rendered into.
 */
export const FIELD_NAME_PATTERN = new RegExp(`^(?:${KEY}|\\$(?=.{1,200}$)${STEP}+)$`);
