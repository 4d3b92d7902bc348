import { FilterPatternError, parseFilterPattern } from "../../src/patterns";
import { matches } from "./helpers";

// Reference §2: the kind of a pattern is chosen from its trimmed text.
describe("dispatch on the trimmed pattern", () => {
  test.each([
    ["", "all"],
    ["   \t ", "all"],
    ["ERROR", "terms"],
    ['"two words"', "terms"],
    ["?ERROR ?WARN", "terms"],
    ["%ERROR|WARN%", "regex"],
    ["  %ERROR%  ", "regex"],
    ["%ERROR% timeout", "terms"],
    ['{ $.level = "ERROR" }', "json"],
    ['  { $.level = "ERROR" }  ', "json"],
    ["[level, message]", "space"],
    ["[ERROR]", "space"], // a space-delimited pattern with one field named ERROR, not a term
  ])("%j is a %s pattern", (pattern, kind) => {
    expect(parseFilterPattern(pattern).kind).toBe(kind);
  });

  test("the empty pattern matches every event, even a lone space", () => {
    for (const message of ["x", " ", '{"a":1}', "ERROR\nsecond line"]) expect(matches("", message)).toBe(true);
  });

  test("matching is case-sensitive in every kind", () => {
    expect(matches("ERROR", "error 500")).toBe(false);
    expect(matches("%ERROR%", "error 500")).toBe(false);
    expect(matches('{ $.level = "ERROR" }', '{"level":"error"}')).toBe(false);
    expect(matches("[level = ERROR, rest]", "error 500")).toBe(false);
  });

  test("a pattern that starts with { must end with }", () => {
    expect(() => parseFilterPattern('{ $.level = "ERROR"')).toThrow("If a filter pattern starts with '{' it must end with '}'");
    expect(() => parseFilterPattern("{")).toThrow("If a filter pattern starts with '{' it must end with '}'");
  });

  test("a pattern that starts with [ must end with ]", () => {
    expect(() => parseFilterPattern("[a, b")).toThrow("Invalid metric filter pattern");
  });

  test("patterns are limited to 1024 characters", () => {
    const longest = "A".repeat(1024);
    expect(parseFilterPattern(longest).kind).toBe("terms");
    const error = (() => {
      try {
        parseFilterPattern(longest + "A");
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FilterPatternError);
    expect((error as FilterPatternError).reason).toBe("too-long");
    expect((error as FilterPatternError).message).toContain("Member must have length less than or equal to 1024");
  });
});
