/**
 * Reading a log message as JSON and resolving selectors in it (reference §5.2).
 *
 * Messages are parsed once with `JSON.parse`. That loses how a number was spelled, which AWS
 * needs when it compares a number with a string literal (`"1"` matches `1` but not `1.0`), so a
 * second, slower parser that keeps number text (`parseJsonKeepingNumberText`) runs only when a
 * condition actually compares a string or regex with a JSON number.
 */
import { SelectorStep } from "./ast";

/** A JSON number with its spelling in the message. */
export class RawNumber {
  public constructor(public readonly value: number, public readonly text: string) {}
}

/** What the message holds as JSON: the top-level object and the text it was parsed from. */
export interface JsonMessage {
  readonly doc: object;
  readonly text: string;
}

/**
 * Parses `message` as a JSON object, or returns undefined (then every condition is false, even
 * `NOT EXISTS`). A top-level array, scalar or broken JSON does not count.
 *
 * Open question 1 of the reference (JSON after a non-JSON prefix, as in Lambda's
 * `<time>\t<request id>\tINFO\t{…}` lines): we assume AWS parses it, as reported in
 * localstack/localstack#9355. When the message does not start with `{`, the text from its first
 * `{` to the end must be one JSON object; plain text and `[{"v":1}]` still do not match.
 */
export function parseJsonMessage(message: string): JsonMessage | undefined {
  let i = 0;
  while (i < message.length && isJsonSpace(message.charCodeAt(i))) i++;
  let text = message;
  if (message.charCodeAt(i) !== 0x7b) {
    const brace = message.indexOf("{", i);
    if (brace < 0) return undefined;
    text = message.slice(brace);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isJsonObject(doc) ? { doc, text } : undefined;
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** A JSON object (not an array, not null, not a RawNumber). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof RawNumber);
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Marks "the path does not resolve" in the single-value fast path. */
export const MISSING: unique symbol = Symbol("missing");

/** Resolves a selector without wildcards; `[n]` indexes arrays only, `.name` objects only. */
export function resolveSingle(doc: unknown, steps: readonly SelectorStep[]): unknown {
  let current: unknown = doc;
  for (const step of steps) {
    if (step.type === "member") {
      if (!isJsonObject(current) || !hasOwn(current, step.name)) return MISSING;
      current = current[step.name];
    } else if (step.type === "index") {
      if (!Array.isArray(current) || step.index >= current.length) return MISSING;
      current = current[step.index];
    } else {
      return MISSING;
    }
  }
  return current;
}

/**
 * All values a selector reaches. A wildcard (`.*` or `[*]`) takes every element of an array and
 * every member value of an object, one level only (`[["hit"]]` gives the inner array).
 */
export function resolveAll(doc: unknown, steps: readonly SelectorStep[]): unknown[] {
  let current: unknown[] = [doc];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.type === "wildcard") {
        if (Array.isArray(value)) next.push(...value);
        else if (isJsonObject(value)) next.push(...Object.values(value));
      } else {
        const one = resolveSingle(value, [step]);
        if (one !== MISSING) next.push(one);
      }
    }
    current = next;
  }
  return current;
}

/**
 * Parses JSON text that `JSON.parse` already accepted, keeping each number's spelling as a
 * RawNumber. Objects have no prototype so a `__proto__` key stays an ordinary member, and the last
 * of duplicate keys wins, as with `JSON.parse`. Returns undefined if the input is not valid JSON.
 */
export function parseJsonKeepingNumberText(text: string): unknown {
  try {
    const reader = new RawJsonReader(text);
    const value = reader.readValue();
    reader.skipSpace();
    return reader.atEnd() ? value : undefined;
  } catch {
    return undefined; // also covers stack exhaustion on absurdly deep nesting
  }
}

class RawJsonReader {
  private pos = 0;

  public constructor(private readonly text: string) {}

  public atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  public skipSpace(): void {
    while (this.pos < this.text.length && isJsonSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  public readValue(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === "{") return this.readObject();
    if (c === "[") return this.readArray();
    if (c === '"') return this.readString();
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.readNumber();
  }

  private readObject(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const key = this.readString();
      this.skipSpace();
      this.expect(":");
      out[key] = this.readValue();
      this.skipSpace();
      if (this.text[this.pos] === "}") {
        this.pos++;
        return out;
      }
      this.expect(",");
    }
  }

  private readArray(): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.readValue());
      this.skipSpace();
      if (this.text[this.pos] === "]") {
        this.pos++;
        return out;
      }
      this.expect(",");
    }
  }

  private readString(): string {
    const start = this.pos;
    if (this.text[start] !== '"') throw new SyntaxError("string expected");
    let i = start + 1;
    while (i < this.text.length && this.text[i] !== '"') i += this.text[i] === "\\" ? 2 : 1;
    this.pos = i + 1;
    return JSON.parse(this.text.slice(start, i + 1)) as string;
  }

  private readNumber(): RawNumber {
    const start = this.pos;
    while (this.pos < this.text.length && NUMBER_CHARS.includes(this.text[this.pos])) this.pos++;
    const spelled = this.text.slice(start, this.pos);
    const value = Number(spelled);
    if (spelled === "" || Number.isNaN(value)) throw new SyntaxError("number expected");
    return new RawNumber(value, spelled);
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) throw new SyntaxError(`${c} expected`);
    this.pos++;
  }
}

const LITERALS: readonly [string, unknown][] = [
  ["true", true],
  ["false", false],
  ["null", null],
];
const NUMBER_CHARS = "+-0123456789.eE";
