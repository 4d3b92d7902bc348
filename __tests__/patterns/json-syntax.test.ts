import { JsonAst, parseFilterPattern } from "../../src/patterns";
import { rejection } from "./helpers";

function expression(pattern: string): JsonAst["expression"] {
  return (parseFilterPattern(pattern) as JsonAst).expression;
}

// Reference §5.1: the JSON grammar and what AWS rejects.
describe("JSON pattern grammar", () => {
  test.each([
    '{ $.eventType = "UpdateTrail" }',
    "{ $.eventType = UpdateTrail }",
    "{ $.sourceIPAddress = 123.123.* }",
    "{ $.v = true }",
    "{ $.bandwidth > 75 }",
    "{ $.latency <= +1000 }",
    "{ $.ratio >= 55.5 }",
    "{ $.tiny < 1e-3 }",
    "{ $.big = 10e3 }",
    "{ $.v = * }",
    '{ $.v = "*" }',
    "{ $.v = %^Al.*% }",
    "{ $.v != %x% }",
    "{ $.v IS NULL }",
    "{ $.v IS TRUE }",
    "{ $.v IS FALSE }",
    "{ $.v NOT EXISTS }",
    "{ $.a.b.c = 1 }",
    "{ $.arr[0] = 1 }",
    "{ $.arr[*] = 1 }",
    "{ $.* = 1 }",
    "{ $.['cluster.name'] = \"x\" }",
    "{ $.attributes.['gen_ai.request.model'] = \"gpt-4o\" }",
    "{ $.kebab-name_1 = 1 }",
    "{ ($.a = 1 || $.b = 2) && $.c = 3 }",
    "{$.a=1&&$.b!=2}",
  ])("accepts %j", (pattern) => {
    expect(parseFilterPattern(pattern).kind).toBe("json");
  });

  test("&& binds tighter than ||; parentheses regroup", () => {
    expect(expression("{ $.a = 1 || $.b = 2 && $.c = 3 }").type).toBe("or");
    expect(expression("{ ($.a = 1 || $.b = 2) && $.c = 3 }").type).toBe("and");
  });

  test("bare true and 1.0 keep their meaning: a string, and a number with its spelling", () => {
    const t = expression("{ $.v = true }");
    expect(t).toMatchObject({ type: "equality", value: { type: "string", value: "true" } });
    const n = expression("{ $.v = 1.0 }");
    expect(n).toMatchObject({ type: "equality", value: { type: "number", value: 1, text: "1.0" } });
  });

  test("a quoted or bare * means any value", () => {
    expect(expression('{ $.v = "*" }')).toMatchObject({ value: { type: "any" } });
    expect(expression("{ $.v = * }")).toMatchObject({ value: { type: "any" } });
  });

  test.each([
    ["{ $.v IS NOT NULL }", "Invalid character(s) in term 'NOT'"],
    ["{ $.v EXISTS }", "Invalid metric filter pattern"],
    ["{ $.v == 1 }", "Invalid metric filter pattern"],
    ["{ !($.v = 1) }", "Invalid character(s) in term '!('"],
    ["{ $.v > 0 AND $.v < 2 }", "Invalid metric filter pattern"],
    ["{ $.v > 0 OR $.v < 2 }", "Invalid metric filter pattern"],
    ["{ $.v = null }", "Invalid metric filter pattern"],
    ['{ $..value = "hit" }', "Invalid character(s) in term '$..'"],
    ['{ $.arr[-1] = "hit" }', "Invalid character(s) in term '[-'"],
    ['{ $.arr[0:2] = "hit" }', "Invalid character(s) in term '[0:'"],
    ['{ $.v > "Alpha" }', "Invalid character(s) in term '\"Alpha\"'"],
    ["{ $.v = %(Alpha|Beta)% }", "Invalid character(s) in term '%('"],
    ['{ "v": [1] }', "Invalid character(s) in term ':'"],
    ["{ $.userIdentity.type = 'Root' }", "Invalid character(s) in term '''"],
    ['{ status = "401" }', "Invalid metric filter pattern"],
    ["{ }", "Invalid metric filter pattern"],
    ["{ $.a = 1 && }", "Invalid metric filter pattern"],
    ["{ ($.a = 1 }", "Invalid metric filter pattern"],
    ["{ $.a = 1 $.b = 2 }", "Invalid metric filter pattern"],
    ["{ $.v is null }", "Invalid metric filter pattern"],
    ["{ $.v = 1 } trailing", "If a filter pattern starts with '{' it must end with '}'"],
  ])("rejects %j with %j", (pattern, message) => {
    expect(rejection(pattern)).toBe(message);
  });
});

describe("wildcard quotas", () => {
  test("one wildcard per selector", () => {
    expect(rejection("{ $.items[*].* = 1 }")).toBe(
      "Your filter pattern has a JSON path selector that exceeds the maximum of 1 wildcard allowed per json selector."
    );
    expect(rejection("{ $.m[*][*] = 1 }")).toBe(
      "Your filter pattern has a JSON path selector that exceeds the maximum of 1 wildcard allowed per json selector."
    );
  });

  test("three wildcard selectors per pattern, counted across || chains", () => {
    expect(() => parseFilterPattern('{ $.a[*] = "hit" || $.items[*].a = 1 || $.* = "hit" }')).not.toThrow();
    expect(rejection('{ $.arr[*] = "hit" || $.items[*].a = 1 || $.* = "hit" || $.matrix[*][0] = 0 }')).toBe(
      "Your input has exceeded the maximum of 3 JSON wildcard selectors allowed per filter pattern."
    );
  });

  test("two regexes per pattern, counted across || chains", () => {
    expect(() => parseFilterPattern("{ $.v = %Alpha% || $.v = %Beta% }")).not.toThrow();
    expect(rejection("{ $.v = %Alpha% || $.v = %Beta% || $.v = %Gamma% }")).toBe(
      "Your input has exceeded the maximum of 2 regular expressions per filter pattern."
    );
  });
});
