/**
 * Property: for generated builder calls and generated events, evaluating the rendered pattern
 * (`evaluate(parse(render(x)), event)`) gives what the builder call means, computed here by a
 * small oracle written directly from the reference (§3, §5.2, §6), independent of the evaluator.
 * Also: rendering is a fixed point of parse → print.
 */
import fc from "fast-check";
import {
  evaluate,
  FilterPattern,
  FilterPatternError,
  IFilterPattern,
  JsonPattern,
  NumberOperator,
  parseFilterPattern,
  printFilterPattern,
  SpaceDelimitedPattern,
  StringOperator,
} from "../../src/patterns";

// ---------------------------------------------------------------------------------------------
// Oracle helpers
// ---------------------------------------------------------------------------------------------

/** `*` is a wildcard, everything else literal, whole-string match. */
function globMatches(pattern: string, text: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "s").test(text);
}

const isStringOrNumber = (v: unknown): v is string | number => typeof v === "string" || typeof v === "number";
const textOf = (v: string | number): string => (typeof v === "string" ? v : String(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const compare = (op: NumberOperator, a: number, b: number): boolean =>
  op === "=" ? a === b : op === "!=" ? a !== b : op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;

// Regexes with the same meaning in JavaScript (dot matches newline, so the `s` flag).
const REGEXES = ["x", "^x", "y$", "x|1", "[0-9]", "x.y", "^$", "[^x]", "a b"];
const jsRegex = (source: string): RegExp => new RegExp(source, "s");

// ---------------------------------------------------------------------------------------------
// JSON patterns
// ---------------------------------------------------------------------------------------------

interface Selector {
  readonly keys: readonly string[];
  readonly wildcard: boolean;
}

type Condition =
  | { readonly t: "string"; readonly sel: Selector; readonly op: StringOperator; readonly value: string }
  | { readonly t: "number"; readonly sel: Selector; readonly op: NumberOperator; readonly value: number }
  | { readonly t: "regex"; readonly sel: Selector; readonly op: StringOperator; readonly source: string }
  | { readonly t: "exists" | "notExists" | "isNull"; readonly sel: Selector }
  | { readonly t: "boolean"; readonly sel: Selector; readonly value: boolean };

type Expr = Condition | { readonly t: "all"; readonly items: readonly Expr[] } | { readonly t: "any"; readonly items: readonly Expr[] };

const selectorText = (s: Selector): string => "$." + s.keys.join(".") + (s.wildcard ? "[*]" : "");

function buildJson(e: Expr): JsonPattern {
  switch (e.t) {
    case "all":
      return FilterPattern.all(...e.items.map(buildJson));
    case "any":
      return FilterPattern.any(...e.items.map(buildJson));
    case "string":
      return FilterPattern.stringValue(selectorText(e.sel), e.op, e.value);
    case "number":
      return FilterPattern.numberValue(selectorText(e.sel), e.op, e.value);
    case "regex":
      return FilterPattern.regexValue(selectorText(e.sel), e.op, e.source);
    case "exists":
      return FilterPattern.exists(selectorText(e.sel));
    case "notExists":
      return FilterPattern.notExists(selectorText(e.sel));
    case "isNull":
      return FilterPattern.isNull(selectorText(e.sel));
    case "boolean":
      return FilterPattern.booleanValue(selectorText(e.sel), e.value);
  }
}

/** Values the selector reaches; a wildcard takes array elements and object member values. */
function reach(doc: unknown, sel: Selector): unknown[] {
  let values: unknown[] = [doc];
  for (const key of sel.keys) {
    values = values.flatMap((v) => (isObject(v) && Object.prototype.hasOwnProperty.call(v, key) ? [v[key]] : []));
  }
  if (sel.wildcard) values = values.flatMap((v) => (Array.isArray(v) ? v : isObject(v) ? Object.values(v) : []));
  return values;
}

/** `=` for one reached value; `!=` is "a string or number for which `=` is false". */
function equalsLiteral(c: Condition, v: unknown): boolean {
  if (!isStringOrNumber(v)) return false;
  if (c.t === "string") return c.value === "*" || globMatches(c.value, textOf(v));
  if (c.t === "regex") return jsRegex(c.source).test(textOf(v));
  if (c.t === "number") return typeof v === "number" ? v === c.value : v === String(c.value);
  return false;
}

function oracleCondition(c: Condition, doc: unknown): boolean {
  const values = reach(doc, c.sel);
  switch (c.t) {
    case "notExists":
      return values.length === 0;
    case "exists":
      return values.some(isStringOrNumber);
    case "isNull":
      return values.some((v) => v === null || (Array.isArray(v) && v.includes(null)));
    case "boolean":
      return values.some((v) => v === c.value);
    case "number":
      if (c.op !== "=" && c.op !== "!=") return values.some((v) => typeof v === "number" && compare(c.op, v, c.value));
      break;
  }
  const op = (c as { op: string }).op;
  return op === "=" ? values.some((v) => equalsLiteral(c, v)) : values.some((v) => isStringOrNumber(v) && !equalsLiteral(c, v));
}

function oracleJson(e: Expr, message: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(message);
  } catch {
    return false;
  }
  if (!isObject(doc)) return false;
  const run = (x: Expr): boolean => (x.t === "all" ? x.items.every(run) : x.t === "any" ? x.items.some(run) : oracleCondition(x, doc));
  return run(e);
}

const countConditions = (e: Expr, p: (c: Condition) => boolean): number =>
  e.t === "all" || e.t === "any" ? e.items.reduce((n, i) => n + countConditions(i, p), 0) : p(e) ? 1 : 0;

const KEYS = ["a", "b", "c"] as const;
const selectorArb: fc.Arbitrary<Selector> = fc.record({
  keys: fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 2 }),
  wildcard: fc.boolean(),
});
const stringOpArb = fc.constantFrom<StringOperator>("=", "!=");
const numberOpArb = fc.constantFrom<NumberOperator>("=", "!=", "<", "<=", ">", ">=");
const STRINGS = ["x", "xy", "", "1", "1.5", "x*", "*y", "*", "x*y", "*y*", "1*", "a b", 'q"r', "back\\slash", "true", "null"];
const NUMBERS = [0, 1, -2, 1.5, 10];

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ t: fc.constant("string" as const), sel: selectorArb, op: stringOpArb, value: fc.constantFrom(...STRINGS) }),
  fc.record({ t: fc.constant("number" as const), sel: selectorArb, op: numberOpArb, value: fc.constantFrom(...NUMBERS) }),
  fc.record({ t: fc.constant("regex" as const), sel: selectorArb, op: stringOpArb, source: fc.constantFrom(...REGEXES) }),
  fc.record({ t: fc.constantFrom("exists" as const, "notExists" as const, "isNull" as const), sel: selectorArb }),
  fc.record({ t: fc.constant("boolean" as const), sel: selectorArb, value: fc.boolean() })
);

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    conditionArb,
    fc.record({ t: fc.constant("all" as const), items: fc.array(tie("expr"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ t: fc.constant("any" as const), items: fc.array(tie("expr"), { minLength: 1, maxLength: 3 }) })
  ),
})).expr;

const leafArb = fc.constantFrom<unknown>(
  "x",
  "xy",
  "xay",
  "yxy",
  "",
  "1",
  "1.5",
  "10",
  "y",
  "a b",
  'q"r',
  "true",
  "x\ny",
  0,
  1,
  -2,
  1.5,
  10,
  true,
  false,
  null
);
const jsonValueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    leafArb,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 3 })
  ),
})).value;
const jsonEventArb = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), jsonValueArb, { maxKeys: 3 }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.constantFrom("not json", '[{"a":"x"}]', "{broken", "") }
);

// ---------------------------------------------------------------------------------------------
// Space-delimited patterns
// ---------------------------------------------------------------------------------------------

type Restriction =
  | { readonly t: "string"; readonly column: string; readonly op: StringOperator; readonly value: string }
  | { readonly t: "number"; readonly column: string; readonly op: NumberOperator; readonly value: number }
  | { readonly t: "regex"; readonly column: string; readonly op: StringOperator; readonly source: string };

interface SpaceSpec {
  readonly columns: readonly string[];
  readonly restrictions: readonly Restriction[];
}

const COLUMN_NAMES = ["a", "b", "c", "d"];

const spaceSpecArb: fc.Arbitrary<SpaceSpec> = fc
  .record({
    names: fc.uniqueArray(fc.constantFrom(...COLUMN_NAMES), { minLength: 1, maxLength: 4 }),
    ellipsisAt: fc.option(fc.nat(4), { nil: undefined }),
    trailingUnnamed: fc.boolean(),
    picks: fc.array(
      fc.record({
        which: fc.nat(3),
        t: fc.constantFrom("string" as const, "number" as const, "regex" as const),
        stringOp: stringOpArb,
        numberOp: numberOpArb,
        text: fc.constantFrom("x", "x*", "*y", "x*y", "*y*", "*-*", "1", "-", "y z", "p q"),
        number: fc.constantFrom(0, 1, 10, -1.5),
        source: fc.constantFrom(...REGEXES),
      }),
      { maxLength: 3 }
    ),
  })
  .map(({ names, ellipsisAt, trailingUnnamed, picks }) => {
    const columns: string[] = [...names];
    if (ellipsisAt !== undefined) columns.splice(Math.min(ellipsisAt, columns.length), 0, "...");
    if (trailingUnnamed) columns.push("");
    const restrictions = picks.map((p): Restriction => {
      const column = names[p.which % names.length];
      if (p.t === "string") return { t: "string", column, op: p.stringOp, value: p.text };
      if (p.t === "number") return { t: "number", column, op: p.numberOp, value: p.number };
      return { t: "regex", column, op: p.stringOp, source: p.source };
    });
    return { columns, restrictions };
  });

function buildSpace(spec: SpaceSpec): SpaceDelimitedPattern {
  let pattern = FilterPattern.spaceDelimited(...spec.columns);
  for (const r of spec.restrictions) {
    if (r.t === "string") pattern = pattern.whereString(r.column, r.op, r.value);
    else if (r.t === "number") pattern = pattern.whereNumber(r.column, r.op, r.value);
    else pattern = pattern.whereRegex(r.column, r.op, r.source);
  }
  return pattern;
}

/** Fields per reference §6.2, with a sticky regex: "…", […], or a run of non-blanks. */
function oracleSplit(message: string): { value: string; start: number }[] {
  const fields: { value: string; start: number }[] = [];
  const token = /[ \t]*(?:"([^"]*)"|\[([^\]]*)\]|([^ \t]+))/y;
  let m: RegExpExecArray | null;
  while ((m = token.exec(message)) !== null) {
    fields.push({ value: m[1] ?? m[2] ?? m[3], start: m.index + m[0].length - m[0].trimStart().length });
  }
  return fields;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function restrictionHolds(r: Restriction, value: string): boolean {
  if (r.t === "string") return (r.op === "=") === globMatches(r.value, value);
  if (r.t === "regex") return (r.op === "=") === jsRegex(r.source).test(value);
  if (r.op === "=" || r.op === "!=") return (r.op === "=") === (value === String(r.value));
  return DECIMAL.test(value) && compare(r.op, Number(value), r.value);
}

function oracleSpace(spec: SpaceSpec, message: string): { matched: boolean; extractedValues: Record<string, string> } {
  const none = { matched: false, extractedValues: {} };
  const fields = oracleSplit(message);
  const n = fields.length;
  const ellipsis = spec.columns.indexOf("...");
  const slots = spec.columns.filter((c) => c !== "...");
  const assigned: { column: string | undefined; value: string; position: number }[] = [];
  if (ellipsis < 0) {
    if (n < slots.length) return none;
    slots.forEach((column, k) => {
      const last = k === slots.length - 1;
      const value = last && n > slots.length ? message.slice(fields[k].start) : fields[k].value;
      assigned.push({ column: column || undefined, value, position: k + 1 });
    });
  } else {
    const prefix = slots.slice(0, ellipsis);
    const suffix = slots.slice(ellipsis);
    if (n < prefix.length + suffix.length) return none;
    fields.forEach((field, k) => {
      const column = k < prefix.length ? prefix[k] : k >= n - suffix.length ? suffix[k - (n - suffix.length)] : undefined;
      assigned.push({ column: column || undefined, value: field.value, position: k + 1 });
    });
  }
  for (const r of spec.restrictions) {
    const slot = assigned.find((a) => a.column === r.column);
    if (!slot || !restrictionHolds(r, slot.value)) return none;
  }
  const extractedValues: Record<string, string> = {};
  for (const a of assigned) extractedValues[a.column ? `$${a.column}` : `$${a.position}`] = a.value;
  return { matched: true, extractedValues };
}

const fieldArb = fc.constantFrom("x", "xy", "xay", "x-y", "1", "10", "-1.5", "-", '"y z"', "[p q]", '"open', "x*y", "q]", "yy");
const separatorArb = fc.constantFrom(" ", "\t", "  ", " \t ");
const spaceEventArb = fc
  .tuple(fc.array(fieldArb, { maxLength: 7 }), fc.array(separatorArb, { minLength: 7, maxLength: 7 }), fc.boolean(), fc.boolean())
  .map(([fields, seps, leading, trailing]) => {
    const line = fields.map((f, i) => (i === 0 ? f : seps[i] + f)).join("");
    return (leading ? " " : "") + line + (trailing ? "\t " : "");
  })
  .filter((line) => line.length > 0);

// ---------------------------------------------------------------------------------------------
// Term patterns
// ---------------------------------------------------------------------------------------------

type TermSpec =
  | { readonly t: "allTerms"; readonly terms: readonly string[] }
  | { readonly t: "anyTerm"; readonly terms: readonly string[] }
  | { readonly t: "termsExcluding"; readonly required: readonly string[]; readonly excluded: readonly string[] };

const TERMS = ["ERROR", "WARN", "a b", 'q"r', "c\\d", " ", "x_1", "500", "é"];
const termListArb = fc.array(fc.constantFrom(...TERMS), { minLength: 1, maxLength: 3 });
const termSpecArb: fc.Arbitrary<TermSpec> = fc.oneof(
  fc.record({ t: fc.constant("allTerms" as const), terms: termListArb }),
  fc.record({ t: fc.constant("anyTerm" as const), terms: termListArb }),
  fc
    .record({
      t: fc.constant("termsExcluding" as const),
      required: fc.array(fc.constantFrom(...TERMS), { maxLength: 2 }),
      excluded: fc.array(fc.constantFrom(...TERMS), { maxLength: 2 }),
    })
    .filter((s) => s.required.length + s.excluded.length > 0)
);
const termEventArb = fc
  .array(fc.constantFrom("ERROR", "WARN", "a", "b", " ", 'q"r', "c\\d", "x_1", "500", "é", "\n"), { minLength: 1, maxLength: 6 })
  .map((p) => p.join(""));

function buildTerms(spec: TermSpec): IFilterPattern {
  if (spec.t === "allTerms") return FilterPattern.allTerms(...spec.terms);
  if (spec.t === "anyTerm") return FilterPattern.anyTerm(...spec.terms);
  return FilterPattern.termsExcluding([...spec.required], [...spec.excluded]);
}

function oracleTerms(spec: TermSpec, message: string): boolean {
  if (spec.t === "allTerms") return spec.terms.every((t) => message.includes(t));
  if (spec.t === "anyTerm") return spec.terms.some((t) => message.includes(t));
  return spec.required.every((t) => message.includes(t)) && !spec.excluded.some((t) => message.includes(t));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

function expectFixedPoint(rendered: string): void {
  expect(printFilterPattern(parseFilterPattern(rendered))).toBe(rendered);
}

describe("builder round trip: evaluate(parse(render(x))) agrees with the reference semantics", () => {
  test("JSON patterns", () => {
    fc.assert(
      fc.property(exprArb, fc.array(jsonEventArb, { minLength: 1, maxLength: 6 }), (expr, events) => {
        const pattern = buildJson(expr);
        const wildcards = countConditions(expr, (c) => c.sel.wildcard);
        const regexes = countConditions(expr, (c) => c.t === "regex");
        let rendered: string;
        try {
          rendered = pattern.render();
        } catch (error) {
          // Only the quotas may stop a well-formed builder tree.
          expect(error).toBeInstanceOf(FilterPatternError);
          expect(wildcards > 3 || regexes > 2).toBe(true);
          return;
        }
        expect(wildcards <= 3 && regexes <= 2).toBe(true);
        expectFixedPoint(rendered);
        const ast = parseFilterPattern(rendered);
        for (const event of events) expect(evaluate(ast, event).matched).toBe(oracleJson(expr, event));
      }),
      { numRuns: 600 }
    );
  });

  test("space-delimited patterns, extracted values included", () => {
    fc.assert(
      fc.property(spaceSpecArb, fc.array(spaceEventArb, { minLength: 1, maxLength: 6 }), (spec, events) => {
        const regexes = spec.restrictions.filter((r) => r.t === "regex").length;
        let rendered: string;
        try {
          rendered = buildSpace(spec).render();
        } catch (error) {
          expect(error).toBeInstanceOf(FilterPatternError);
          expect(regexes).toBeGreaterThan(2);
          return;
        }
        expectFixedPoint(rendered);
        const ast = parseFilterPattern(rendered);
        for (const event of events) {
          const result = evaluate(ast, event);
          expect({ matched: result.matched, extractedValues: { ...result.extractedValues } }).toEqual(oracleSpace(spec, event));
        }
      }),
      { numRuns: 600 }
    );
  });

  test("term patterns", () => {
    fc.assert(
      fc.property(termSpecArb, fc.array(termEventArb, { minLength: 1, maxLength: 6 }), (spec, events) => {
        const rendered = buildTerms(spec).render();
        expectFixedPoint(rendered);
        const ast = parseFilterPattern(rendered);
        for (const event of events) expect(evaluate(ast, event).matched).toBe(oracleTerms(spec, event));
      }),
      { numRuns: 400 }
    );
  });
});

describe("printing is a fixed point for hand-written patterns", () => {
  test.each([
    'ERROR ?"time out" -DEBUG %5\\d\\d%',
    "%^ERROR\\s[0-9]{3}$%",
    "{ $.a = 1 || $.b = 2 && ($.c = 3 || $.d IS NULL) }",
    "{ $.['gen_ai.system'] = openai && $.v = 1.0 && $.w = * && $.x NOT EXISTS && $.y IS TRUE }",
    "[..., request=*.html*, status_code=4*,]",
    "[w1!=ERROR&&w1!=WARN || w1 = %x%, w2]",
  ])("%j", (pattern) => {
    const once = printFilterPattern(parseFilterPattern(pattern));
    expectFixedPoint(once);
  });
});
