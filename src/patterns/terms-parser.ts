/**
 * Parser for unstructured patterns: whitespace-separated terms with optional `?` / `-` prefixes
 * (reference §3), and the standalone `%regex%` pattern (§4).
 *
 * Open question 4 of the reference (which characters a bare term may hold): we assume only ASCII
 * letters, digits and `_`, as the AWS page says terms with other characters must be quoted.
 * Anything else is rejected with AWS's `Invalid character(s) in term '<rest of the word>'` (for
 * `ERR*` that is `'*'`, as observed). Quoting always works, so rejecting is the safe side.
 *
 * Open question 11 (a regex next to plain terms, `%foo% bar`): AWS's error messages call a regex a
 * "term", so we assume it is accepted as one term that must (or, with `?` / `-`, may / must not)
 * match. A pattern that is exactly one unprefixed regex is the `regex` kind.
 */
import { RegexAst, Term, TermMode, TermsAst } from "./ast";
import { FilterPatternError } from "./errors";
import { isAsciiAlphanumeric, isPatternSpace, readQuoted, readRegex, tokenEnd } from "./lexer-utils";
import { compileRegex } from "./regex";

/** Letters, digits and `_`: what a bare (unquoted) term may contain. */
export function isBareTermChar(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 0x5f;
}

/** True when `text` can be written as a bare term, without quotes. */
export function isBareTerm(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isBareTermChar(text.charCodeAt(i))) return false;
  return true;
}

/** Parses a trimmed, non-empty pattern that starts with neither `{` nor `[`. */
export function parseTermsPattern(text: string): TermsAst | RegexAst {
  const terms: Term[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && isPatternSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const scanned = readTerm(text, i);
    terms.push(scanned.term);
    i = scanned.end;
  }
  const only = terms[0];
  if (terms.length === 1 && only.type === "regex" && only.mode === "required") {
    return { kind: "regex", source: only.source };
  }
  return { kind: "terms", terms };
}

function prefixMode(code: number): TermMode {
  if (code === 0x3f) return "optional"; // ?
  if (code === 0x2d) return "excluded"; // -
  return "required";
}

function readTerm(text: string, start: number): { term: Term; end: number } {
  const mode = prefixMode(text.charCodeAt(start));
  const i = mode === "required" ? start : start + 1;
  if (i >= text.length || isPatternSpace(text.charCodeAt(i))) {
    throw FilterPatternError.invalidCharacters(text.slice(start, i));
  }
  const c = text[i];
  let term: Term;
  let end: number;
  if (c === '"') {
    const quoted = readQuoted(text, i);
    term = { type: "text", mode, text: quoted.value };
    end = quoted.end;
  } else if (c === "%") {
    const regex = readRegex(text, i);
    compileRegex(regex.value);
    term = { type: "regex", mode, source: regex.value };
    end = regex.end;
  } else {
    end = i;
    while (end < text.length && isBareTermChar(text.charCodeAt(end))) end++;
    term = { type: "text", mode, text: text.slice(i, end) };
    if (end === i) throw FilterPatternError.invalidCharacters(text.slice(i, tokenEnd(text, i)));
  }
  // A term must be followed by whitespace or the end: `ERR*` and `"a"b` are rejected here.
  if (end < text.length && !isPatternSpace(text.charCodeAt(end))) {
    throw FilterPatternError.invalidCharacters(text.slice(end, tokenEnd(text, end)));
  }
  return { term, end };
}
