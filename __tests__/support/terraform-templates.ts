/**
 * What Terraform's template scanner sees in a string: the `${...}` interpolations and `%{...}`
 * directives it would evaluate, skipping the escapes `$${` and `%%{` (which it reads as literal `${`
 * and `%{`). Written from the HCL template syntax, independently of the product's escaper, so the
 * tests can check that escaper against it.
 * https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md#template-expressions
 */
export interface TemplateSequence {
  readonly kind: "interpolation" | "directive";
  /** The whole sequence, `${` or `%{` to its closing brace (or to the end when unclosed). */
  readonly text: string;
}

export function templateSequences(value: string): TemplateSequence[] {
  const out: TemplateSequence[] = [];
  let i = 0;
  while (i < value.length) {
    if (value.startsWith("$${", i) || value.startsWith("%%{", i)) {
      i += 3;
      continue;
    }
    if (value.startsWith("${", i) || value.startsWith("%{", i)) {
      const end = closingBrace(value, i + 2);
      out.push({ kind: value[i] === "$" ? "interpolation" : "directive", text: value.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    i++;
  }
  return out;
}

/** Every template sequence in every string (keys included) of a parsed JSON document, with where it is. */
export function templateSequencesIn(document: unknown, path = ""): { path: string; sequence: TemplateSequence }[] {
  if (typeof document === "string") return templateSequences(document).map((sequence) => ({ path, sequence }));
  if (Array.isArray(document)) return document.flatMap((v, i) => templateSequencesIn(v, `${path}[${i}]`));
  if (document !== null && typeof document === "object") {
    return Object.entries(document).flatMap(([k, v]) => [
      ...templateSequences(k).map((sequence) => ({ path: `${path}{key ${k}}`, sequence })),
      ...templateSequencesIn(v, path ? `${path}.${k}` : k),
    ]);
  }
  return [];
}

/** Index of the brace closing the one opened before `from`, with nested braces and quoted strings skipped. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return text.length - 1;
}
