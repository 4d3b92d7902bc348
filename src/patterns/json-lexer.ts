/**
 * Lexer for the body of a JSON pattern (`{ … }` without the braces).
 *
 * AWS reports character errors before grammar errors (`{ "v": [1] }` fails on `':'`, not on the
 * misplaced string), so the whole body is tokenised before parsing starts.
 *
 * Selectors (reference §5.1): `$` followed by `.name` (letters, digits, `-`, `_`), `.*`, `[n]`,
 * `[*]` or `.['key']`. Error fragments copy AWS: `$..x` → `'$..'`, `[-1]` → `'[-'`, `[0:2]` →
 * `'[0:'`. Bare words (values such as `UpdateTrail`, `123.123.*`, `true`, `1e-3`) hold ASCII
 * letters, digits and `_ . * + -`; we assume other characters must be quoted (Open question 4).
 */
import { JsonSelector, SelectorStep } from "./ast";
import { FilterPatternError, MAX_WILDCARDS_PER_SELECTOR } from "./errors";
import { isAsciiAlphanumeric, isPatternSpace, readQuoted, readRegex } from "./lexer-utils";

export type OperatorToken = "(" | ")" | "&&" | "||" | "=" | "!=" | "<" | "<=" | ">" | ">=";

export type JsonToken =
  | { readonly t: OperatorToken }
  | { readonly t: "selector"; readonly selector: JsonSelector; readonly text: string }
  | { readonly t: "string"; readonly value: string; readonly text: string }
  | { readonly t: "regex"; readonly source: string; readonly text: string }
  | { readonly t: "word"; readonly text: string };

/** Characters of a bare word in JSON and space-delimited patterns. */
export function isBareWordChar(code: number): boolean {
  // _ . * + -
  return isAsciiAlphanumeric(code) || code === 0x5f || code === 0x2e || code === 0x2a || code === 0x2b || code === 0x2d;
}

function isNameChar(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 0x5f || code === 0x2d;
}

const TWO_CHAR_OPERATORS: readonly OperatorToken[] = ["&&", "||", "!=", "<=", ">="];
const ONE_CHAR_OPERATORS: readonly OperatorToken[] = ["(", ")", "=", "<", ">"];

/** Tokenises a JSON pattern body; throws FilterPatternError for characters AWS rejects. */
export function lexJsonBody(body: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let i = 0;
  while (i < body.length) {
    const code = body.charCodeAt(i);
    if (isPatternSpace(code)) {
      i++;
      continue;
    }
    const scanned = lexToken(body, i);
    tokens.push(scanned.token);
    i = scanned.end;
  }
  return tokens;
}

function lexToken(body: string, i: number): { token: JsonToken; end: number } {
  const two = body.slice(i, i + 2) as OperatorToken;
  if (TWO_CHAR_OPERATORS.includes(two)) return { token: { t: two }, end: i + 2 };
  const c = body[i];
  if (ONE_CHAR_OPERATORS.includes(c as OperatorToken)) return { token: { t: c as OperatorToken }, end: i + 1 };
  if (c === "$") return lexSelector(body, i);
  if (c === '"') {
    const quoted = readQuoted(body, i);
    return { token: { t: "string", value: quoted.value, text: body.slice(i, quoted.end) }, end: quoted.end };
  }
  if (c === "%") {
    const regex = readRegex(body, i);
    return { token: { t: "regex", source: regex.value, text: body.slice(i, regex.end) }, end: regex.end };
  }
  if (isBareWordChar(body.charCodeAt(i))) {
    let end = i;
    while (end < body.length && isBareWordChar(body.charCodeAt(end))) end++;
    return { token: { t: "word", text: body.slice(i, end) }, end };
  }
  // `!(`, `&x`, `|x`: AWS names the character and the one after it.
  const fragment = c === "!" || c === "&" || c === "|" ? body.slice(i, i + 2) : c;
  throw FilterPatternError.invalidCharacters(fragment);
}

/** Lexes `$…` into selector steps. */
function lexSelector(body: string, start: number): { token: JsonToken; end: number } {
  const steps: SelectorStep[] = [];
  let i = start + 1;
  for (;;) {
    const c = body[i];
    if (c === ".") {
      const step = lexDotStep(body, start, i);
      steps.push(step.step);
      i = step.end;
    } else if (c === "[") {
      const step = lexIndexStep(body, i);
      steps.push(step.step);
      i = step.end;
    } else {
      break;
    }
  }
  if (steps.length === 0) throw FilterPatternError.invalidPattern();
  if (steps.filter((s) => s.type === "wildcard").length > MAX_WILDCARDS_PER_SELECTOR) {
    throw FilterPatternError.tooManySelectorWildcards();
  }
  const text = body.slice(start, i);
  return { token: { t: "selector", selector: { steps }, text }, end: i };
}

/** `.name`, `.*` or `.['key']`, with `i` at the dot. */
function lexDotStep(body: string, selectorStart: number, i: number): { step: SelectorStep; end: number } {
  const next = body[i + 1];
  if (next === "*") return { step: { type: "wildcard", form: ".*" }, end: i + 2 };
  if (next === "[" && body[i + 2] === "'") {
    const close = body.indexOf("']", i + 3);
    if (close < 0) throw FilterPatternError.invalidCharacters(body.slice(i));
    return { step: { type: "member", name: body.slice(i + 3, close), bracket: true }, end: close + 2 };
  }
  let end = i + 1;
  while (end < body.length && isNameChar(body.charCodeAt(end))) end++;
  if (end === i + 1) throw FilterPatternError.invalidCharacters(body.slice(selectorStart, i + 2));
  return { step: { type: "member", name: body.slice(i + 1, end), bracket: false }, end };
}

/** `[n]` or `[*]`, with `i` at the bracket. */
function lexIndexStep(body: string, i: number): { step: SelectorStep; end: number } {
  if (body.startsWith("[*]", i)) return { step: { type: "wildcard", form: "[*]" }, end: i + 3 };
  let end = i + 1;
  while (end < body.length && body.charCodeAt(end) >= 0x30 && body.charCodeAt(end) <= 0x39) end++;
  if (end === i + 1 || body[end] !== "]") throw FilterPatternError.invalidCharacters(body.slice(i, end + 1));
  return { step: { type: "index", index: Number(body.slice(i + 1, end)) }, end: end + 1 };
}
