/**
 * The decimal number grammar shared by pattern literals, space-delimited fields and metric values:
 * `[+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?`.
 *
 * Hand-written (no RegExp) because it runs on message data in the evaluator's hot path, and
 * stricter than `Number()`, which would also accept `0x1F`, `Infinity` or an empty string.
 */

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Index just past the digits starting at `i`. */
function skipDigits(text: string, i: number): number {
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** True when the whole of `text` is a decimal number (`400`, `+1000`, `55.5`, `1e-3`, `.5`). */
export function isDecimalNumber(text: string): boolean {
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 0x2b || first === 0x2d) i++; // + or -
  const intEnd = skipDigits(text, i);
  let digits = intEnd - i;
  i = intEnd;
  if (text.charCodeAt(i) === 0x2e) {
    const fracEnd = skipDigits(text, i + 1);
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return false;
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    const expEnd = skipDigits(text, i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === text.length;
}

/** The number `text` spells, or null when it is not a decimal number. */
export function parseDecimalNumber(text: string): number | null {
  return isDecimalNumber(text) ? Number(text) : null;
}

/**
 * Reads an extracted value as a metric value (`"11.5"` → 11.5). Surrounding whitespace is ignored;
 * anything else that is not a finite decimal number gives null (no datapoint, reference §7).
 */
export function parseMetricNumber(text: string): number | null {
  const value = parseDecimalNumber(text.trim());
  return value !== null && Number.isFinite(value) ? value : null;
}
