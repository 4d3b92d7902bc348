/**
 * Strings in Terraform JSON are templates: `${expr}` interpolates, `%{...}` is a directive, and
 * `$${` / `%%{` are the escapes for a literal `${` / `%{` (Terraform's "String Templates" in the
 * JSON configuration syntax: https://developer.hashicorp.com/terraform/language/syntax/json).
 * The product escapes every config-derived string that way, so a filter pattern such as
 * `{ $.x = "$${y}" }` must be read as `{ $.x = "${y}" }`. Plain strings (no escapes) read as is.
 */

/** What a template renders to: its text, or the first interpolation that could not be resolved. */
export type Rendered = { readonly text: string } | { readonly unresolved: string };

/**
 * Renders `template`, asking `resolve` for each `${expr}` (it returns the expression's value as
 * text, or undefined when it cannot). Directives (`%{if}`, `%{for}`) are reported as unresolved.
 */
export function renderTemplate(template: string, resolve: (expression: string) => string | undefined): Rendered {
  let text = "";
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    const opensBlock = template[i + 1] === "{";
    if ((c === "$" || c === "%") && template[i + 1] === c && template[i + 2] === "{") {
      text += `${c}{`; // `$${` -> `${`, `%%{` -> `%{`
      i += 3;
    } else if ((c === "$" || c === "%") && opensBlock) {
      const end = closingBrace(template, i + 2);
      if (end < 0) return { unresolved: template.slice(i) };
      const inner = template.slice(i + 2, end).trim();
      if (c === "%") return { unresolved: `%{${inner}}` };
      const value = resolve(inner);
      if (value === undefined) return { unresolved: `\${${inner}}` };
      text += value;
      i = end + 1;
    } else {
      text += c;
      i++;
    }
  }
  return { text };
}

/** Index of the `}` that closes a block opened just before `from`, skipping nested braces and quoted strings; -1 if none. */
function closingBrace(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === "\\") i++;
    } else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** `aws_cloudwatch_log_group.chat.name` -> its parts; undefined for other expressions (`var.x`, functions). */
export function resourceAttribute(expression: string): { type: string; name: string; attribute: string } | undefined {
  const m = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
  if (!m || m[1] === "data" || m[1] === "var" || m[1] === "local" || m[1] === "module") return undefined;
  return { type: m[1], name: m[2], attribute: m[3] };
}
