/**
 * Scanning helpers shared by the term, JSON and space-delimited pattern lexers.
 *
 * Error fragments follow what AWS prints: an unterminated quote reports the text from the quote
 * to the end (`'"ERROR'`), a bad regex character reports `%` up to that character (`'%^('`).
 */
import { FilterPatternError } from "./errors";
import { isAllowedRegexChar } from "./regex-syntax";

/** Whitespace that separates tokens in a pattern. */
export function isPatternSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x0b;
}

export function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Index of the next pattern whitespace at or after `from`, or the text length. */
export function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isPatternSpace(text.charCodeAt(i))) i++;
  return i;
}

export interface Scanned<T> {
  readonly value: T;
  /** Index just past the token. */
  readonly end: number;
}

/**
 * Reads a `"…"` token starting at `start`. Inside, `\"` and `\\` are escapes (the form AWS CDK
 * renders); any other backslash is literal. This escape rule is our assumption: AWS documents none.
 */
export function readQuoted(text: string, start: number): Scanned<string> {
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\" && (text[i + 1] === '"' || text[i + 1] === "\\")) {
      value += text[i + 1];
      i += 2;
    } else if (c === '"') {
      return { value, end: i + 1 };
    } else {
      value += c;
      i++;
    }
  }
  throw FilterPatternError.invalidCharacters(text.slice(start));
}

/** Reads a `%…%` token starting at `start` and returns the text between the delimiters. */
export function readRegex(text: string, start: number): Scanned<string> {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25) return { value: text.slice(start + 1, i), end: i + 1 };
    if (!isAllowedRegexChar(code)) throw FilterPatternError.invalidCharacters(text.slice(start, i + 1));
  }
  throw FilterPatternError.invalidCharacters(text.slice(start));
}

/** Renders `value` as a `"…"` literal that `readQuoted` reads back unchanged (as AWS CDK does). */
export function quoteLiteral(value: string): string {
  return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}
