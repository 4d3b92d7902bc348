/**
 * Terraform reads every string of a `*.tf.json` file as a template: `${...}` interpolates an
 * expression and `%{...}` runs a directive. A string that came from config is data, so every such
 * sequence in it must reach Terraform escaped (`$${`, `%%{`), or a config value could read files of
 * the plan server (`${file("/etc/passwd")}`) or reference resources.
 * https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 * https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping
 */

/** A literal string as a Terraform template that evaluates to exactly that string. */
export function escapeTemplateLiteral(literal: string): string {
  // Replacement functions, not strings: in a replacement string `$$` would mean one `$`.
  return literal.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * The literal value of a Terraform template that holds no interpolation or directive (the inverse of
 * `escapeTemplateLiteral`). For readers of synthesized JSON (review, backtest) that need the value
 * AWS will see. Unescaped `${` or `%{` sequences are left as they are.
 */
export function unescapeTemplateLiteral(template: string): string {
  return template.replace(/\$\$\{/g, () => "${").replace(/%%\{/g, () => "%{");
}

/**
 * cdktf's marker for a string token (a reference or expression the product made), e.g.
 * `${TfToken[TOKEN.12]}`: resolved by cdktf after this encoding, so it stays a reference.
 * Config can never contain one: validation rejects the marker text (src/config/raw-document.ts).
 */
const STRING_TOKEN_MARKER = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/** Marker texts cdktf gives special meaning to in any string (string, list and map tokens). */
export const CDKTF_TOKEN_MARKER_TEXT = /[$#&]\{TfToken\[/;

/*
 * Escaping happens in two steps around cdktf's token resolution, because cdktf itself reads `${` in a
 * literal as the start of a raw Terraform expression and then renders the references after it without
 * their `${ }` (so even an escaped `$${` before a reference would break it). Before resolution, the
 * literal parts of a string are encoded so that they hold no `${`: `${` becomes SENTINEL + `{`, each `$`
 * of a run right before a reference SENTINEL + `D` (a literal `$` there would turn the reference's `${`
 * into the escape `$${`), and a SENTINEL already in the text is doubled. After resolution, decoding turns those
 * into `$${` and `${"$"}`. `%{` means nothing to cdktf and is escaped directly.
 */
const SENTINEL = "\uE000";
const DECODED: Readonly<Record<string, string>> = { [SENTINEL]: SENTINEL, "{": "$${", D: '${"$"}' };

function encodeLiteral(literal: string, beforeReference: boolean): string {
  let out = literal
    .replace(/\uE000/g, () => SENTINEL + SENTINEL)
    .replace(/\$\{/g, () => `${SENTINEL}{`)
    .replace(/%\{/g, () => "%%{");
  // Every `$` of a trailing run: `$` + `${"$"}` would again make `$${`, so each is an expression.
  return beforeReference ? out.replace(/\$+$/, (run) => `${SENTINEL}D`.repeat(run.length)) : out;
}

/** What encoding changes: `${`, `%{`, the sentinel, and `$` before a reference (token markers hold a `$` too). */
const ENCODED_CHARACTERS = /[$%\uE000]/;

/** A string of unresolved construct output with its literal parts encoded and its token markers kept. */
export function encodeLiteralParts(value: string): string {
  if (!ENCODED_CHARACTERS.test(value)) return value; // most strings: nothing to encode, no regex passes
  let out = "";
  let last = 0;
  for (const match of value.matchAll(STRING_TOKEN_MARKER)) {
    out += encodeLiteral(value.slice(last, match.index), true) + match[0];
    last = match.index + match[0].length;
  }
  return out + encodeLiteral(value.slice(last), false);
}

/** A resolved string with the encoded literal parts turned into Terraform escapes. */
export function decodeLiteralParts(value: string): string {
  return value.includes(SENTINEL) ? value.replace(/\uE000([\uE000{D])/g, (_, c: string) => DECODED[c]) : value;
}

/**
 * Applies `transform` to every string (and object key) in a tree of construct output: plain objects
 * and arrays in which a string changes are copied, the rest of the tree is returned as it is (a stack's
 * output is mostly strings that need nothing, and copying all of it cost 5% of a large synth);
 * anything else (numbers, booleans, cdktf resolvables) is kept.
 */
export function mapStrings<T>(value: T, transform: (s: string) => string): T {
  if (typeof value === "string") return transform(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const mapped = mapStrings(v, transform);
      if (out === undefined && mapped !== v) out = value.slice(0, i);
      out?.push(mapped);
    });
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === "object" && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    const keys = Object.keys(record);
    keys.forEach((k, i) => {
      const [key, mapped] = [transform(k), mapStrings(record[k], transform)];
      if (out === undefined && (key !== k || mapped !== record[k])) out = Object.fromEntries(keys.slice(0, i).map((before) => [before, record[before]]));
      if (out !== undefined) out[key] = mapped;
    });
    return (out ?? value) as T;
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
