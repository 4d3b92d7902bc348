import { FilterPattern, FilterPatternError, JsonPattern, parseFilterPattern } from "../../src/patterns";
import { matches } from "./helpers";

describe("FilterPattern renders canonical patterns", () => {
  test.each<[string, () => { render(): string }, string]>([
    ["allEvents", () => FilterPattern.allEvents(), ""],
    ["allTerms quotes what needs quotes", () => FilterPattern.allTerms("ERROR", "CUDA out of memory"), 'ERROR "CUDA out of memory"'],
    ["allTerms escapes quotes and backslashes", () => FilterPattern.allTerms('say "hi"', "C:\\tmp"), '"say \\"hi\\"" "C:\\\\tmp"'],
    ["anyTerm", () => FilterPattern.anyTerm("ERROR", "Traceback"), "?ERROR ?Traceback"],
    ["anyTerm with one term is that term", () => FilterPattern.anyTerm("ERROR"), "ERROR"],
    ["anyTermGroup of one group is allTerms", () => FilterPattern.anyTermGroup(["ERROR", "CUDA"]), "ERROR CUDA"],
    ["anyTermGroup of single terms is anyTerm", () => FilterPattern.anyTermGroup(["ERROR"], ["FATAL"]), "?ERROR ?FATAL"],
    ["termsExcluding", () => FilterPattern.termsExcluding(["ERROR"], ["DEBUG", "health check"]), 'ERROR -DEBUG -"health check"'],
    ["termsExcluding with exclusions only", () => FilterPattern.termsExcluding([], ["DEBUG"]), "-DEBUG"],
    ["regex", () => FilterPattern.regex("ERROR|WARN"), "%ERROR|WARN%"],
    ["stringValue", () => FilterPattern.stringValue("$.level", "=", "ERROR"), '{ $.level = "ERROR" }'],
    ["stringValue with a wildcard", () => FilterPattern.stringValue("$.model", "!=", "gpt-*"), '{ $.model != "gpt-*" }'],
    ['stringValue of * is "any value"', () => FilterPattern.stringValue("$.model", "=", "*"), "{ $.model = * }"],
    ["numberValue", () => FilterPattern.numberValue("$.latency_ms", ">=", 1000), "{ $.latency_ms >= 1000 }"],
    ["numberValue keeps small numbers exact", () => FilterPattern.numberValue("$.loss", "<", 1e-7), "{ $.loss < 1e-7 }"],
    ["regexValue", () => FilterPattern.regexValue("$.msg", "=", "out of memory"), "{ $.msg = %out of memory% }"],
    ["exists", () => FilterPattern.exists("$.error"), "{ $.error = * }"],
    ["notExists", () => FilterPattern.notExists("$.error"), "{ $.error NOT EXISTS }"],
    ["isNull", () => FilterPattern.isNull("$.error"), "{ $.error IS NULL }"],
    ["booleanValue", () => FilterPattern.booleanValue("$.cached", false), "{ $.cached IS FALSE }"],
    [
      "bracket selectors",
      () => FilterPattern.numberValue("$.['gen_ai.usage.output_tokens']", ">", 1000),
      "{ $.['gen_ai.usage.output_tokens'] > 1000 }",
    ],
    [
      "all / any with parentheses only where needed",
      () =>
        FilterPattern.all(
          FilterPattern.any(FilterPattern.numberValue("$.a", "=", 1), FilterPattern.numberValue("$.b", "=", 2)),
          FilterPattern.numberValue("$.c", "=", 3)
        ),
      "{ ($.a = 1 || $.b = 2) && $.c = 3 }",
    ],
    [
      "nested all flattens",
      () => FilterPattern.all(FilterPattern.all(FilterPattern.exists("$.a"), FilterPattern.exists("$.b")), FilterPattern.exists("$.c")),
      "{ $.a = * && $.b = * && $.c = * }",
    ],
    ["spaceDelimited", () => FilterPattern.spaceDelimited("ip", "user", "...", "status", "bytes"), "[ip, user, ..., status, bytes]"],
    [
      "spaceDelimited with conditions (strings always quoted)",
      () =>
        FilterPattern.spaceDelimited("ip", "...", "status", "bytes")
          .whereString("status", "=", "5*")
          .whereNumber("bytes", ">", 1000)
          .whereNumber("bytes", "<", 99999),
      '[ip, ..., status = "5*", bytes > 1000 && bytes < 99999]',
    ],
    ["whereRegex", () => FilterPattern.spaceDelimited("level", "msg").whereRegex("level", "=", "^E"), "[level = %^E%, msg]"],
    [
      "a value AWS rejects bare is quoted",
      () => FilterPattern.spaceDelimited("w1", "w2").whereString("w1", "=", "SPACE"),
      '[w1 = "SPACE", w2]',
    ],
    ["an unnamed trailing column", () => FilterPattern.spaceDelimited("...", "status", ""), "[..., status, ]"],
  ])("%s", (_name, build, expected) => {
    const rendered = build().render();
    expect(rendered).toBe(expected);
    expect(() => parseFilterPattern(rendered)).not.toThrow();
  });

  test("kinds", () => {
    expect(FilterPattern.allEvents().kind).toBe("all");
    expect(FilterPattern.allTerms("x").kind).toBe("terms");
    expect(FilterPattern.regex("x").kind).toBe("regex");
    expect(FilterPattern.exists("$.x").kind).toBe("json");
    expect(FilterPattern.spaceDelimited("x").kind).toBe("space");
    expect(FilterPattern.literal("  %x%  ").kind).toBe("regex");
    expect(FilterPattern.literal("%x% y").kind).toBe("terms");
    expect(FilterPattern.literal("{ $.a = 1 }").kind).toBe("json");
    expect(FilterPattern.literal("[a]").kind).toBe("space");
    expect(FilterPattern.literal(" ").kind).toBe("all");
  });

  test("the rendered pattern means what the builder says", () => {
    const oom = FilterPattern.allTerms("CUDA out of memory").render();
    expect(matches(oom, "RuntimeError: CUDA out of memory. Tried to allocate")).toBe(true);
    const slow = FilterPattern.all(
      FilterPattern.stringValue("$.level", "=", "INFO"),
      FilterPattern.numberValue("$.latency_ms", ">", 1000)
    ).render();
    expect(matches(slow, '{"level":"INFO","latency_ms":1500}')).toBe(true);
    expect(matches(slow, '{"level":"INFO","latency_ms":"1500"}')).toBe(false);
  });

  test("builders are immutable", () => {
    const base = FilterPattern.spaceDelimited("status", "bytes");
    const restricted = base.whereNumber("status", ">=", 500);
    expect(base.render()).toBe("[status, bytes]");
    expect(restricted.render()).toBe("[status >= 500, bytes]");
    expect(restricted.restrictionsOf("status")).toHaveLength(1);
  });
});

describe("FilterPattern rejects what AWS would reject, early", () => {
  test.each<[string, () => unknown, RegExp]>([
    ["a selector without $ (aws-cdk#15047)", () => FilterPattern.stringValue("status", "=", "401"), /must start with '\$'/],
    ["a selector with two wildcards", () => FilterPattern.exists("$.a[*].*"), /maximum of 1 wildcard/],
    ["recursive descent", () => FilterPattern.exists("$..a"), /Invalid JSON selector/],
    ["a regex with a group", () => FilterPattern.regex("(a|b)"), /Invalid character\(s\) in term '%\('/],
    ["a regex that does not compile", () => FilterPattern.regexValue("$.a", "=", "[a"), /Failed to compile regular expression/],
    ["(a AND b) OR c, which terms cannot express", () => FilterPattern.anyTermGroup(["a", "b"], ["c"]), /cannot express/],
    ["no terms", () => FilterPattern.allTerms(), /at least one term/],
    ["an empty term", () => FilterPattern.anyTerm("a", ""), /non-empty/],
    ["an infinite number", () => FilterPattern.numberValue("$.a", ">", Infinity), /finite/],
    ["an unknown operator", () => FilterPattern.numberValue("$.a", "==" as "=", 1), /Invalid comparison operator/],
    ["all() of nothing", () => FilterPattern.all(), /at least one pattern/],
    ["two ellipses", () => FilterPattern.spaceDelimited("...", "a", "..."), /Duplicate field '...'/],
    ["a duplicate column", () => FilterPattern.spaceDelimited("a", "a"), /Duplicate field 'a'/],
    ["a bad column name", () => FilterPattern.spaceDelimited("a b"), /Invalid column name/],
    ["a condition on an unknown column", () => FilterPattern.spaceDelimited("a").whereString("b", "=", "x"), /not a named column/],
    ["a condition on the ellipsis", () => FilterPattern.spaceDelimited("...", "a").whereString("...", "=", "x"), /not a named column/],
  ])("%s", (_name, build, message) => {
    expect(build).toThrow(FilterPatternError);
    expect(build).toThrow(message);
  });

  test("quotas are checked when rendering", () => {
    const wild = (k: string): JsonPattern => FilterPattern.stringValue(`$.${k}[*]`, "=", "x");
    expect(() => FilterPattern.any(wild("a"), wild("b"), wild("c")).render()).not.toThrow();
    expect(() => FilterPattern.any(wild("a"), wild("b"), wild("c"), wild("d")).render()).toThrow(/maximum of 3 JSON wildcard selectors/);
    const rx = (k: string): JsonPattern => FilterPattern.regexValue(`$.${k}`, "=", "x");
    expect(() => FilterPattern.any(rx("a"), rx("b"), rx("c")).render()).toThrow(/maximum of 2 regular expressions/);
    expect(() => FilterPattern.allTerms("x".repeat(1100)).render()).toThrow(/1024/);
  });

  test("literal patterns are validated when rendered", () => {
    const bad = FilterPattern.literal("ERR*");
    expect(() => bad.render()).toThrow("Invalid character(s) in term '*'");
    expect(FilterPattern.literal("  ERROR  ").render()).toBe("  ERROR  ");
  });
});
