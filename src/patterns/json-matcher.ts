/**
 * Evaluation of JSON patterns against a parsed message (reference §5.2).
 *
 * Each condition is existential over the values its selector reaches; each condition of an `&&`
 * is checked on its own (`$.items[*].a = 1 && $.items[*].b = 2` may use two different elements).
 * `=`, `!=` and `= *` only hold for JSON strings and numbers; `!=` is false for a missing value,
 * null, a boolean, an array or an object. Relational operators only hold for JSON numbers.
 *
 * Open question 7: we assume `!=` with a wildcard selector means "some reached string or number
 * differs", `NOT EXISTS` with a wildcard means "the selector reaches nothing", and a regex value
 * tested against a JSON number searches the number's spelling (as a string literal compares with it).
 * Open question 8: we reproduce the observed `IS NULL` match on an array that contains null.
 */
import { JsonCondition, JsonExpression, JsonValue, selectorHasWildcard } from "./ast";
import { compileGlob, StringPredicate } from "./glob";
import { MISSING, parseJsonKeepingNumberText, RawNumber, resolveAll, resolveSingle } from "./json-document";
import { compileRegex } from "./regex";

/** The message being evaluated; `raw()` re-parses it keeping number text, at most once. */
export interface JsonContext {
  readonly doc: object;
  raw(): unknown;
}

export type JsonPredicate = (ctx: JsonContext) => boolean;

/** Creates the evaluation context for one parsed message. */
export function jsonContext(doc: object, text: string): JsonContext {
  let raw: unknown;
  let parsed = false;
  return {
    doc,
    raw() {
      if (!parsed) {
        raw = parseJsonKeepingNumberText(text);
        parsed = true;
      }
      return raw;
    },
  };
}

export function compileJsonExpression(e: JsonExpression): JsonPredicate {
  if (e.type === "and" || e.type === "or") {
    const parts = e.operands.map(compileJsonExpression);
    return e.type === "and" ? (ctx) => parts.every((p) => p(ctx)) : (ctx) => parts.some((p) => p(ctx));
  }
  return compileCondition(e);
}

/** Tests one value a selector reached (a RawNumber when the number's spelling is needed). */
type CandidateTest = (value: unknown) => boolean;

function compileCondition(c: JsonCondition): JsonPredicate {
  const wildcard = selectorHasWildcard(c.selector);
  const steps = c.selector.steps;
  if (c.type === "notExists") {
    return wildcard ? (ctx) => resolveAll(ctx.doc, steps).length === 0 : (ctx) => resolveSingle(ctx.doc, steps) === MISSING;
  }
  const test = candidateTest(c);
  const needsNumberText = c.type === "equality" && (c.value.type === "string" || c.value.type === "regex");
  if (!wildcard) {
    return (ctx) => {
      const value = resolveSingle(ctx.doc, steps);
      if (needsNumberText && typeof value === "number") return test(withNumberText(ctx, steps, value));
      return value !== MISSING && test(value);
    };
  }
  return (ctx) => {
    const values = resolveAll(ctx.doc, steps);
    const raw = needsNumberText && values.some((v) => typeof v === "number") ? ctx.raw() : undefined;
    return (raw === undefined ? values : resolveAll(raw, steps)).some(test);
  };
}

/** The same value re-read from the number-preserving parse (falls back to the plain number). */
function withNumberText(ctx: JsonContext, steps: JsonCondition["selector"]["steps"], value: number): unknown {
  const raw = ctx.raw();
  return raw === undefined ? value : resolveSingle(raw, steps);
}

function candidateTest(c: Exclude<JsonCondition, { type: "notExists" }>): CandidateTest {
  switch (c.type) {
    case "isNull":
      return (v) => v === null || (Array.isArray(v) && v.includes(null));
    case "isBoolean":
      return (v) => v === c.value;
    case "relational":
      return relationalTest(c.op, c.value);
    case "equality": {
      const equal = equalityTest(c.value);
      return c.op === "=" ? equal : (v) => isStringOrNumber(v) && !equal(v);
    }
  }
}

function isStringOrNumber(v: unknown): boolean {
  return typeof v === "string" || typeof v === "number" || v instanceof RawNumber;
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  return v instanceof RawNumber ? v.value : undefined;
}

/** The text a string literal or regex is compared with: a string itself, or a number's spelling. */
function textOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (v instanceof RawNumber) return v.text;
  return typeof v === "number" ? String(v) : undefined; // only if the re-parse failed
}

function relationalTest(op: string, bound: number): CandidateTest {
  switch (op) {
    case "<":
      return (v) => typeof v === "number" && v < bound;
    case "<=":
      return (v) => typeof v === "number" && v <= bound;
    case ">":
      return (v) => typeof v === "number" && v > bound;
    default:
      return (v) => typeof v === "number" && v >= bound;
  }
}

/** The `=` test for one literal; `!=` is "string or number, and not this". */
function equalityTest(value: JsonValue): CandidateTest {
  switch (value.type) {
    case "any":
      return isStringOrNumber;
    case "number":
      // A JSON number compares numerically; a JSON string compares with the literal's spelling.
      return (v) => (typeof v === "string" ? v === value.text : numberOf(v) === value.value);
    case "string":
      return textTest(compileGlob(value.value));
    case "regex": {
      const regex = compileRegex(value.source);
      return textTest((s) => regex.test(s));
    }
  }
}

function textTest(predicate: StringPredicate): CandidateTest {
  return (v) => {
    const text = textOf(v);
    return text !== undefined && predicate(text);
  };
}
