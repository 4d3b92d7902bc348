/**
 * Parser for the restricted regex dialect allowed between `%…%` (reference §4).
 *
 * Only the syntax is handled here; `regex.ts` turns the tree into an automaton. Groups cannot occur:
 * `(` and `)` are outside the allowed character set and are rejected before parsing.
 *
 * Choices where the reference is silent (all compile errors give AWS's
 * "Failed to compile regular expression."):
 * - escapes: `\d \D \s \S \w \W \xhh \t \n \r \f`, and `\` before any non-alphanumeric character
 *   (a literal). Other letter or digit escapes (`\b`, `\1`, `\p`…) are rejected, because the AWS
 *   page lists only the escapes above and accepting more could pass a pattern AWS refuses;
 * - `{m,n}` may omit either bound (as the AWS page says); bounds above 1000 are rejected;
 * - a lazy `?` after a quantifier is accepted (it cannot change whether a match exists), a
 *   possessive `+` and stacked quantifiers (`a**`, `a{2}{3}`) are rejected;
 * - `[]`, `[^]` and an unescaped `[` inside a class are rejected.
 */
import { FilterPatternError } from "./errors";

/** A set of UTF-16 code units: sorted, non-overlapping inclusive `[lo, hi]` pairs, maybe negated. */
export interface CharSet {
  readonly ranges: readonly number[];
  readonly negated: boolean;
}

export type RegexNode =
  | { readonly t: "empty" }
  | { readonly t: "set"; readonly set: CharSet }
  | { readonly t: "bol" }
  | { readonly t: "eol" }
  | { readonly t: "cat"; readonly items: readonly RegexNode[] }
  | { readonly t: "alt"; readonly items: readonly RegexNode[] }
  /** `max` is -1 for "no upper bound". */
  | { readonly t: "repeat"; readonly node: RegexNode; readonly min: number; readonly max: number };

/** Largest `{m,n}` bound we accept; keeps the automaton small. */
export const MAX_REPEAT_BOUND = 1000;

const MAX_CODE_UNIT = 0xffff;
const DIGIT_RANGES = [0x30, 0x39];
const WORD_RANGES = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
// Java's \s: space, \t, \n, \x0B, \f, \r.
const SPACE_RANGES = [0x09, 0x0d, 0x20, 0x20];
const SYMBOLS_ALLOWED = ":_#=@/;,-^$?[]{}|\\*+. ";

/** Characters AWS accepts inside `%…%`: ASCII letters and digits, a few symbols, and space. */
export function isAllowedRegexChar(code: number): boolean {
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
    return true;
  }
  return code < 0x80 && SYMBOLS_ALLOWED.includes(String.fromCharCode(code));
}

/** Whether `set` contains code unit `code`. */
export function charSetHas(set: CharSet, code: number): boolean {
  const r = set.ranges;
  let inside = false;
  for (let i = 0; i < r.length; i += 2) {
    if (code < r[i]) break;
    if (code <= r[i + 1]) {
      inside = true;
      break;
    }
  }
  return inside !== set.negated;
}

/** Parses the text between the `%` delimiters; throws FilterPatternError on any syntax error. */
export function parseRegexSyntax(source: string): RegexNode {
  return new RegexParser(source).parse();
}

function fail(): never {
  throw FilterPatternError.regexCompile();
}

/** Sorts and merges `[lo, hi]` pairs. */
function normalise(pairs: number[]): number[] {
  const list: [number, number][] = [];
  for (let i = 0; i < pairs.length; i += 2) list.push([pairs[i], pairs[i + 1]]);
  list.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of list) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last] + 1) {
      out[last] = Math.max(out[last], hi);
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

function complement(ranges: readonly number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] > next) out.push(next, ranges[i] - 1);
    next = ranges[i + 1] + 1;
  }
  if (next <= MAX_CODE_UNIT) out.push(next, MAX_CODE_UNIT);
  return out;
}

function single(code: number): CharSet {
  return { ranges: [code, code], negated: false };
}

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 0x09, n: 0x0a, r: 0x0d, f: 0x0c };
const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: { ranges: DIGIT_RANGES, negated: false },
  D: { ranges: DIGIT_RANGES, negated: true },
  s: { ranges: SPACE_RANGES, negated: false },
  S: { ranges: SPACE_RANGES, negated: true },
  w: { ranges: WORD_RANGES, negated: false },
  W: { ranges: WORD_RANGES, negated: true },
};

class RegexParser {
  private pos = 0;

  public constructor(private readonly src: string) {}

  public parse(): RegexNode {
    const node = this.parseAlternation();
    if (this.pos !== this.src.length) fail();
    return node;
  }

  private peek(): string {
    return this.src[this.pos] ?? "";
  }

  private parseAlternation(): RegexNode {
    const items = [this.parseConcatenation()];
    while (this.peek() === "|") {
      this.pos++;
      items.push(this.parseConcatenation());
    }
    return items.length === 1 ? items[0] : { t: "alt", items };
  }

  private parseConcatenation(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.src.length && this.peek() !== "|") {
      items.push(this.parseQuantified(this.parseAtom()));
    }
    if (items.length === 0) return { t: "empty" };
    return items.length === 1 ? items[0] : { t: "cat", items };
  }

  private parseAtom(): RegexNode {
    const c = this.src[this.pos++];
    switch (c) {
      case "^":
        return { t: "bol" };
      case "$":
        return { t: "eol" };
      case ".":
        // Open question 9 of the reference: we assume `.` matches every character, newline included.
        return { t: "set", set: { ranges: [], negated: true } };
      case "[":
        return { t: "set", set: this.parseClass() };
      case "\\":
        return { t: "set", set: this.parseEscape() };
      case "*":
      case "+":
      case "?":
      case "{":
        return fail(); // nothing to repeat
      default:
        return { t: "set", set: single(c.charCodeAt(0)) };
    }
  }

  /** After `\`: a class escape, a control escape, `\xhh`, or an escaped symbol. */
  private parseEscape(): CharSet {
    const c = this.src[this.pos++];
    if (c === undefined) return fail();
    const cls = CLASS_ESCAPES[c];
    if (cls) return cls;
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return single(control);
    if (c === "x") return single(this.parseHexByte());
    if (/[A-Za-z0-9]/.test(c)) return fail();
    return single(c.charCodeAt(0));
  }

  private parseHexByte(): number {
    const hex = this.src.slice(this.pos, this.pos + 2);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) fail();
    this.pos += 2;
    return parseInt(hex, 16);
  }

  private parseClass(): CharSet {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.pos++;
    }
    const pairs: number[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === "" || c === "[" || (c === "]" && first)) fail();
      if (c === "]") {
        this.pos++;
        break;
      }
      this.parseClassItem(pairs);
      first = false;
    }
    return { ranges: normalise(pairs), negated };
  }

  /** One class member: a character, a range `a-z`, or a class escape such as `\d`. */
  private parseClassItem(pairs: number[]): void {
    const lo = this.parseClassAtom();
    if (typeof lo !== "number") {
      pairs.push(...(lo.negated ? complement(lo.ranges) : lo.ranges));
      return;
    }
    const isRange = this.peek() === "-" && this.src[this.pos + 1] !== "]" && this.pos + 1 < this.src.length;
    if (!isRange) {
      pairs.push(lo, lo);
      return;
    }
    this.pos++;
    const hi = this.parseClassAtom();
    if (typeof hi !== "number" || hi < lo) fail();
    pairs.push(lo, hi);
  }

  private parseClassAtom(): number | CharSet {
    const c = this.src[this.pos++];
    if (c !== "\\") return c.charCodeAt(0);
    const set = this.parseEscape();
    return set.ranges.length === 2 && set.ranges[0] === set.ranges[1] && !set.negated ? set.ranges[0] : set;
  }

  private parseQuantified(atom: RegexNode): RegexNode {
    const bounds = this.parseQuantifier();
    if (!bounds) return atom;
    if (this.peek() === "?") this.pos++; // lazy: same set of matches
    const after = this.peek();
    if (after === "*" || after === "+" || after === "?" || after === "{") fail();
    return { t: "repeat", node: atom, min: bounds[0], max: bounds[1] };
  }

  private parseQuantifier(): [number, number] | undefined {
    const c = this.peek();
    if (c === "*" || c === "+" || c === "?") {
      this.pos++;
      return c === "*" ? [0, -1] : c === "+" ? [1, -1] : [0, 1];
    }
    if (c !== "{") return undefined;
    const m = /^\{(\d*)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m || (m[1] === "" && (m[2] === undefined || m[3] === ""))) return fail();
    this.pos += m[0].length;
    const min = m[1] === "" ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? -1 : Number(m[3]);
    if (min > MAX_REPEAT_BOUND || max > MAX_REPEAT_BOUND || (max !== -1 && max < min)) fail();
    return [min, max];
  }
}
