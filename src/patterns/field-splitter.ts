/**
 * Splitting a message into fields for space-delimited patterns (reference §6.2).
 *
 * Fields are separated by runs of spaces and tabs. A field that starts with `"` runs to the next
 * `"`, and one that starts with `[` to the next `]`; the enclosing characters are stripped from
 * the value. Without a closing character the quote or bracket is ordinary text (`"unterminated`
 * stays one field, quote kept). Our assumption where the reference is silent: a quote or bracket
 * only groups at the start of a field, and text right after the closing character starts a new
 * field.
 */

export interface Fields {
  /** Field values, enclosing quotes or brackets removed. */
  readonly values: string[];
  /** Index in the message where each field starts (at its quote or bracket, if any). */
  readonly starts: number[];
  /** True when the split stopped at `limit` fields and more text follows. */
  readonly truncated: boolean;
}

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;

/** Splits `message` into at most `limit` fields (all fields when `limit` is omitted). */
export function splitFields(message: string, limit = Infinity): Fields {
  const values: string[] = [];
  const starts: number[] = [];
  const n = message.length;
  let i = 0;
  for (;;) {
    let c = message.charCodeAt(i);
    while (c === SPACE || c === TAB) c = message.charCodeAt(++i);
    if (i >= n) return { values, starts, truncated: false };
    if (values.length >= limit) return { values, starts, truncated: true };
    starts.push(i);
    if (c === QUOTE || c === OPEN_BRACKET) {
      const close = message.indexOf(c === QUOTE ? '"' : "]", i + 1);
      if (close >= 0) {
        values.push(message.slice(i + 1, close));
        i = close + 1;
        continue;
      }
    }
    const start = i;
    while (i < n && c !== SPACE && c !== TAB) c = message.charCodeAt(++i);
    values.push(message.slice(start, i));
  }
}
