import fc from "fast-check";
import { compileFilterPattern, parseFilterPattern } from "../../src/patterns";

// A spread of patterns over every kind, run against arbitrary strings (any UTF-16 code units,
// lone surrogates included) and against JSON-looking ones.
const PATTERNS = [
  "",
  "ERROR",
  "?ERROR ?WARN -DEBUG",
  '" "',
  "%^ERROR\\s[0-9]{3}$%",
  "%a*a*a*a*b%",
  "%.*x.*y.*z%",
  '{ $.level = "ERROR" }',
  "{ $.v != 1 || $.v IS NULL }",
  "{ $.items[*].a = %x% && $.b NOT EXISTS }",
  '{ $.* = "*" }',
  "{ $.a.b[0] >= 10 }",
  "[]",
  "[a, b]",
  "[..., status = 5*, bytes > 10]",
  "[ip, ..., last]",
  "[w = %^[a-z]+$%, rest]",
];

const jsonish = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify({ v, level: "ERROR", items: [{ a: v }] })),
  fc.string().map((s) => `prefix\t{"a":{"b":[${s.length}]}}`)
);

describe("evaluate never throws and stays fast", () => {
  const matchers = PATTERNS.map((p) => compileFilterPattern(parseFilterPattern(p)));

  test("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ maxLength: 300 }), jsonish), (message) => {
        for (const matcher of matchers) {
          const result = matcher.evaluate(message);
          expect(typeof result.matched).toBe("boolean");
          if (!result.matched) expect(result.extractedValues).toEqual({});
        }
      }),
      { numRuns: 400 }
    );
  });

  test("on long repetitive strings (generous bound; real numbers live in bench/evaluator.ts)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 10_000, max: 50_000 }), (unit, times) => {
        const message = unit.repeat(times).slice(0, 60_000);
        const start = performance.now();
        for (const matcher of matchers) matcher.evaluate(message);
        expect(performance.now() - start).toBeLessThan(1000);
      }),
      { numRuns: 20 }
    );
  });

  test("on deeply nested JSON", () => {
    const deep = '{"a":' + "[".repeat(50_000) + "]".repeat(50_000) + "}";
    for (const matcher of matchers) expect(() => matcher.evaluate(deep)).not.toThrow();
  });

  test("on deeply nested JSON when a number has to be re-read with its spelling", () => {
    const deep = '{"v":1,"a":' + "[".repeat(50_000) + "]".repeat(50_000) + "}";
    const matcher = compileFilterPattern(parseFilterPattern('{ $.v = "1" }'));
    expect(matcher.evaluate(deep).matched).toBe(true);
  });
});
