/**
 * Evaluation of space-delimited patterns and their extracted values (reference §6.3).
 *
 * With N entries and n message fields:
 * - `[]` matches every event and reports every field as `$1…$n`;
 * - without `...`, n ≥ N is required; entries 1…N-1 take fields 1…N-1 and the last entry takes
 *   the rest of the line: its stripped value if exactly one field is left, otherwise the raw text
 *   from that field's start to the end of the message;
 * - with `...`, the entries before it take the first fields, the entries after it the last ones,
 *   and the `...` takes the (possibly empty) middle, reported field by field.
 * Unnamed slots are reported as `$<1-based position>`, named ones as `$<name>`.
 * Open question 10: a trailing `...` does not make the last named entry absorb anything; the
 * fields it covers are reported by position like any other `...` fields.
 *
 * Field conditions: `=` / `!=` compare text exactly with `*` wildcards (a bare number too: Open
 * question 7, `=404` does not equal `404.0`); `%regex%` searches the value; `<`, `<=`, `>`, `>=`
 * need the whole value to be a decimal number (`1534 extra` fails).
 */
import { FieldExpression, SpaceDelimitedAst, SpaceEntry } from "./ast";
import { splitFields } from "./field-splitter";
import { compileGlob, StringPredicate } from "./glob";
import { parseDecimalNumber } from "./number-text";
import { compileRegex } from "./regex";

export interface SpaceMatch {
  readonly matched: boolean;
  readonly extractedValues: Record<string, string>;
}

export interface SpaceMatcher {
  test(message: string): boolean;
  evaluate(message: string): SpaceMatch;
}

interface Slot {
  /** `$name` or undefined for an unnamed slot (reported by position). */
  readonly key: string | undefined;
  readonly check: StringPredicate | undefined;
}

export function compileSpacePattern(ast: SpaceDelimitedAst): SpaceMatcher {
  const ellipsis = ast.entries.findIndex((e) => e.type === "ellipsis");
  const slots = ast.entries.filter((e) => e.type !== "ellipsis").map(toSlot);
  if (slots.length === 0 && ellipsis < 0) return everyField();
  return ellipsis < 0 ? positional(slots) : anchored(slots.slice(0, ellipsis), slots.slice(ellipsis));
}

function toSlot(entry: Exclude<SpaceEntry, { type: "ellipsis" }>): Slot {
  if (entry.type === "unnamed") return { key: undefined, check: undefined };
  return { key: "$" + entry.name, check: entry.condition ? compileFieldExpression(entry.condition) : undefined };
}

/** `[]`: every event matches; every field is reported by position. */
function everyField(): SpaceMatcher {
  return {
    test: () => true,
    evaluate(message) {
      const { values } = splitFields(message);
      const extractedValues: Record<string, string> = {};
      for (let k = 0; k < values.length; k++) extractedValues["$" + (k + 1)] = values[k];
      return { matched: true, extractedValues };
    },
  };
}

/** No `...`: the last slot takes the rest of the line. */
function positional(slots: readonly Slot[]): SpaceMatcher {
  const count = slots.length;
  const fieldsOf = (message: string): string[] | undefined => {
    const fields = splitFields(message, count);
    if (fields.values.length < count) return undefined;
    const values = fields.values;
    if (fields.truncated) values[count - 1] = message.slice(fields.starts[count - 1]);
    for (let k = 0; k < count; k++) {
      const check = slots[k].check;
      if (check && !check(values[k])) return undefined;
    }
    return values;
  };
  return {
    test: (message) => fieldsOf(message) !== undefined,
    evaluate(message) {
      const values = fieldsOf(message);
      if (!values) return { matched: false, extractedValues: {} };
      const extractedValues: Record<string, string> = {};
      for (let k = 0; k < count; k++) extractedValues[slots[k].key ?? "$" + (k + 1)] = values[k];
      return { matched: true, extractedValues };
    },
  };
}

/** With `...`: `prefix` slots take the first fields, `suffix` slots the last ones. */
function anchored(prefix: readonly Slot[], suffix: readonly Slot[]): SpaceMatcher {
  const fixed = prefix.length + suffix.length;
  const slotFor = (k: number, n: number): Slot | undefined =>
    k < prefix.length ? prefix[k] : k >= n - suffix.length ? suffix[k - (n - suffix.length)] : undefined;
  const fieldsOf = (message: string): string[] | undefined => {
    const values = splitFields(message).values;
    const n = values.length;
    if (n < fixed) return undefined;
    for (let k = 0; k < prefix.length; k++) if (!passes(prefix[k], values[k])) return undefined;
    for (let j = 0; j < suffix.length; j++) if (!passes(suffix[j], values[n - suffix.length + j])) return undefined;
    return values;
  };
  return {
    test: (message) => fieldsOf(message) !== undefined,
    evaluate(message) {
      const values = fieldsOf(message);
      if (!values) return { matched: false, extractedValues: {} };
      const extractedValues: Record<string, string> = {};
      for (let k = 0; k < values.length; k++) extractedValues[slotFor(k, values.length)?.key ?? "$" + (k + 1)] = values[k];
      return { matched: true, extractedValues };
    },
  };
}

function passes(slot: Slot, value: string): boolean {
  return slot.check === undefined || slot.check(value);
}

function compileFieldExpression(e: FieldExpression): StringPredicate {
  switch (e.type) {
    case "and": {
      const parts = e.operands.map(compileFieldExpression);
      return (v) => parts.every((p) => p(v));
    }
    case "or": {
      const parts = e.operands.map(compileFieldExpression);
      return (v) => parts.some((p) => p(v));
    }
    case "relational":
      return relational(e.op, e.value);
    case "equality": {
      const equal = equalityPredicate(e.value);
      return e.op === "=" ? equal : (v) => !equal(v);
    }
  }
}

function equalityPredicate(value: Extract<FieldExpression, { type: "equality" }>["value"]): StringPredicate {
  switch (value.type) {
    case "string":
      return compileGlob(value.value);
    case "number":
      return (v) => v === value.text;
    case "regex": {
      const regex = compileRegex(value.source);
      return (v) => regex.test(v);
    }
  }
}

function relational(op: string, bound: number): StringPredicate {
  const compare =
    op === "<"
      ? (x: number) => x < bound
      : op === "<="
      ? (x: number) => x <= bound
      : op === ">"
      ? (x: number) => x > bound
      : (x: number) => x >= bound;
  return (v) => {
    const x = parseDecimalNumber(v);
    return x !== null && compare(x);
  };
}
