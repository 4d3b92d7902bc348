import { matchedNumbers, matches } from "./helpers";

// One JSON value per event (reference §5.2 probes); numbers below are 1-based positions.
const SCALARS = [
  "{}", //  1 missing
  '{"v":null}', //  2
  '{"v":"null"}', //  3
  '{"v":true}', //  4
  '{"v":false}', //  5
  '{"v":"true"}', //  6
  '{"v":"false"}', //  7
  '{"v":0}', //  8
  '{"v":1}', //  9
  '{"v":1.0}', // 10
  '{"v":1e0}', // 11
  '{"v":"1"}', // 12
  '{"v":"1.0"}', // 13
  '{"v":-1}', // 14
  '{"v":1.5}', // 15
  '{"v":10}', // 16
  '{"v":"10"}', // 17
  '{"v":"Alpha"}', // 18
  '{"v":"alpha"}', // 19
  '{"v":"Alphabet"}', // 20
  '{"v":"xAlpha"}', // 21
  '{"v":""}', // 22
  '{"v":[]}', // 23
  '{"v":{}}', // 24
  '{"v":[1,"Alpha",null]}', // 25
  '{"v":"a*b"}', // 26
  '{"v":"a?b"}', // 27
  '{"v":1,"v":2}', // 28 duplicate key: the last one wins (v = 2)
  '{"v":2,"v":1}', // 29 (v = 1)
  "not JSON", // 30
  '[{"v":1}]', // 31 top-level array
  "{broken", // 32
];

const STRINGS_AND_NUMBERS = [3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 26, 27, 28, 29];
const without = (all: number[], ...drop: number[]): number[] => all.filter((n) => !drop.includes(n));

describe("JSON evaluation: scalar values", () => {
  test.each<[string, string, number[]]>([
    [
      "a numeric literal equals JSON numbers numerically (1, 1.0, 1e0) and JSON strings spelled like it",
      "{ $.v = 1 }",
      [9, 10, 11, 12, 29],
    ],
    [
      "!= holds for every other string or number, never for null, booleans, containers or missing",
      "{ $.v != 1 }",
      without(STRINGS_AND_NUMBERS, 9, 10, 11, 12, 29),
    ],
    ['relational operators only hold for JSON numbers ("10" is a string)', "{ $.v > 1 }", [15, 16, 28]],
    ["<= on numbers", "{ $.v <= 0 }", [8, 14]],
    ["a quoted number is a string literal: it matches the number spelled 1, not 1.0 or 1e0", '{ $.v = "1" }', [9, 12, 29]],
    ["string equality is exact and case-sensitive", '{ $.v = "Alpha" }', [18]],
    ["string inequality holds for numbers too", '{ $.v != "Alpha" }', without(STRINGS_AND_NUMBERS, 18)],
    ["a trailing * is a wildcard", '{ $.v = "Alpha*" }', [18, 20]],
    ["a leading * is a wildcard", '{ $.v = "*Alpha" }', [18, 21]],
    ["? is literal", '{ $.v = "a?b" }', [27]],
    ['"" matches the empty string only', '{ $.v = "" }', [22]],
    ["a regex searches string values", "{ $.v = %^Al.*% }", [18, 20]],
    ["IS NULL: null, and (observed quirk) an array containing null; not a missing field", "{ $.v IS NULL }", [2, 25]],
    ["NOT EXISTS: the key is missing (a present null does not count)", "{ $.v NOT EXISTS }", [1]],
    ["IS TRUE: the boolean only", "{ $.v IS TRUE }", [4]],
    ["IS FALSE: the boolean only", "{ $.v IS FALSE }", [5]],
    ['bare true is the string "true"', "{ $.v = true }", [6]],
    ['= * holds for any string (also "") or number', "{ $.v = * }", STRINGS_AND_NUMBERS],
    ['"*" quoted is the same as *', '{ $.v = "*" }', STRINGS_AND_NUMBERS],
    ['1e+0 equals the numbers but not the string "1"', "{ $.v = 1e+0 }", [9, 10, 11, 29]],
  ])("%s: %s", (_why, pattern, expected) => {
    expect(matchedNumbers(pattern, SCALARS)).toEqual(expected);
  });

  test("nothing matches when the message is not a JSON object, not even NOT EXISTS", () => {
    for (const pattern of ["{ $.v NOT EXISTS }", '{ $.v != "x" }', "{ $.x NOT EXISTS || $.v = 1 }"]) {
      const numbers = matchedNumbers(pattern, SCALARS);
      expect(numbers).not.toContain(30);
      expect(numbers).not.toContain(31);
      expect(numbers).not.toContain(32);
    }
  });

  test("Open question 6: a * in the middle of a value is a wildcard too", () => {
    expect(matches('{ $.v = "a*b" }', '{"v":"a-long-b"}')).toBe(true);
    expect(matches('{ $.v = "a*b" }', '{"v":"a*b"}')).toBe(true);
    expect(matches('{ $.v = "a*b" }', '{"v":"ab-"}')).toBe(false);
  });

  test("a string literal compares with a number as it is spelled in the message", () => {
    expect(matches('{ $.v = "1.50" }', '{"v":1.50}')).toBe(true);
    expect(matches('{ $.v = "1.5" }', '{"v":1.50}')).toBe(false);
    expect(matches('{ $.v = "1*" }', '{"v":1234}')).toBe(true);
  });

  test("Open question 7: a regex tested against a number searches its spelling", () => {
    expect(matches("{ $.status = %^5\\d\\d$% }", '{"status":503}')).toBe(true);
    expect(matches("{ $.status = %^5\\d\\d$% }", '{"status":404}')).toBe(false);
  });

  test("a numeric literal compares with a JSON string by its own spelling", () => {
    expect(matches("{ $.v = 1.0 }", '{"v":"1.0"}')).toBe(true);
    expect(matches("{ $.v = 1.0 }", '{"v":"1"}')).toBe(false);
  });
});

// Nested values (reference §5.2 selector probes).
const PATHS = [
  '{"nested":{"value":"hit"},"cluster.name":"flat","cluster":{"name":"nested"},"items":[{"a":1,"b":0},{"a":0,"b":2}],"arr":["miss","hit"],"matrix":[[0,1],[2,3]],"a":1,"b":0,"c":0}',
  '{"nested":{"value":"miss"},"cluster.name":"nested","cluster":{"name":"flat"},"items":[{"a":1,"b":2}],"arr":["hit","miss"],"matrix":[[1,0]],"a":0,"b":2,"c":3}',
  '{"nested":null,"arr":[null],"items":[],"a":0,"b":2,"c":0}',
  '{"nested":{},"arr":[],"a":1,"b":2,"c":3}',
  '{"nested":{"value":null},"arr":"hit","a":0,"b":0,"c":3}',
  '{"nested":{"value":"null"},"other":"hit"}',
  '{"nested.value":"hit","arr":[["hit"]]}',
  '{"arr":["hit","hit"],"items":[{"a":1},{"b":2}]}',
  '{"arr":{"0":"hit"},"nested":[{"value":"hit"}]}',
  "{}",
];

describe("JSON evaluation: selectors", () => {
  test.each<[string, string, number[]]>([
    ['$.a.b walks nested objects only; it never matches a literal key "a.b"', '{ $.nested.value = "hit" }', [1]],
    ["bracket notation reaches a key containing a dot", "{ $.['cluster.name'] = \"flat\" }", [1]],
    ['[n] indexes arrays only, not an object with key "0"', '{ $.arr[0] = "hit" }', [2, 8]],
    ["[*] tries every array element and every object member value, one level deep", '{ $.arr[*] = "hit" }', [1, 2, 8, 9]],
    [".* tries the member values of the object", '{ $.* = "hit" }', [5, 6, 7]],
    ["each wildcard condition of an && is checked on its own", "{ $.items[*].a = 1 && $.items[*].b = 2 }", [1, 2, 8]],
    ["&& binds tighter than ||", "{ $.a = 1 || $.b = 2 && $.c = 3 }", [1, 2, 4]],
    ["parentheses regroup", "{ ($.a = 1 || $.b = 2) && $.c = 3 }", [2, 4]],
    [
      "NOT EXISTS: a missing key, a null, empty object or array on the way; not a present null",
      "{ $.nested.value NOT EXISTS }",
      [3, 4, 7, 8, 9, 10],
    ],
    ["IS NULL on a nested value", "{ $.nested.value IS NULL }", [5]],
  ])("%s: %s", (_why, pattern, expected) => {
    expect(matchedNumbers(pattern, PATHS)).toEqual(expected);
  });

  test("a selector that reaches an array or object never satisfies = or !=", () => {
    expect(matches("{ $.users = 1 }", '{"users":[1]}')).toBe(false);
    expect(matches("{ $.users != 1 }", '{"users":[1]}')).toBe(false);
    expect(matches("{ $.users != 1 }", '{"users":{"id":1}}')).toBe(false);
  });

  test("Open question 7: != with a wildcard holds when some reached value differs", () => {
    expect(matches('{ $.arr[*] != "hit" }', '{"arr":["hit","miss"]}')).toBe(true);
    expect(matches('{ $.arr[*] != "hit" }', '{"arr":["hit","hit"]}')).toBe(false);
  });

  test("Open question 7: NOT EXISTS with a wildcard holds when the selector reaches nothing", () => {
    expect(matches("{ $.items[*].a NOT EXISTS }", '{"items":[{"b":1}]}')).toBe(true);
    expect(matches("{ $.items[*].a NOT EXISTS }", '{"items":[{"b":1},{"a":null}]}')).toBe(false);
  });

  test("inherited object properties are not JSON members", () => {
    expect(matches("{ $.constructor NOT EXISTS }", "{}")).toBe(true);
    expect(matches("{ $.toString = * }", "{}")).toBe(false);
    expect(matches('{ $.__proto__ = "x" }', '{"__proto__":"x"}')).toBe(true);
  });
});

describe("Open question 1: JSON after a non-JSON prefix", () => {
  const lambda = '2026-11-24T06:31:07.412Z\t6d1c0b9e-0f7c-4c6e-9d37-3b8f0c8a1f2e\tINFO\t{"level":"ERROR","latency":812}';

  test("the JSON object that ends the line is evaluated, as for Lambda log lines", () => {
    expect(matches('{ $.level = "ERROR" }', lambda)).toBe(true);
    expect(matches("{ $.latency > 500 }", lambda)).toBe(true);
  });

  test("text after the object, or an object that is not the rest of the line, does not count", () => {
    expect(matches('{ $.level = "ERROR" }', 'INFO {"level":"ERROR"} trailing')).toBe(false);
    expect(matches("{ $.v = 1 }", '[{"v":1}]')).toBe(false);
  });
});
