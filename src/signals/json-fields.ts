/**
 * JSON field names as applications log them, turned into filter-pattern selectors and Logs Insights
 * field names. OpenTelemetry attribute names such as `gen_ai.request.model` are usually logged as
 * flat keys that contain dots, which a filter pattern must address with bracket notation.
 */

/** A field given as a `$.` selector is taken as is; anything else is one (flat) JSON key. */
export function selectorOf(field: string): string {
  if (field.startsWith("$.") || field.startsWith("$[")) return field;
  return /^[A-Za-z0-9_-]+$/.test(field) ? `$.${field}` : `$.['${field}']`;
}

/** The name Logs Insights discovers for the field: nested keys and dotted flat keys both read `a.b.c`. */
export function insightsFieldOf(field: string): string {
  if (!field.startsWith("$")) return field;
  return field
    .replace(/^\$\.?/, "")
    .replace(/\.?\['([^']*)'\]/g, (_m, key: string, offset: number) => (offset === 0 ? key : `.${key}`));
}

/** Characters a field name may hold in config: what a JSON key or a plain selector needs, no quotes. */
export const FIELD_NAME_PATTERN = /^(\$\.)?[A-Za-z0-9_@-][A-Za-z0-9_.@-]{0,199}$/;
