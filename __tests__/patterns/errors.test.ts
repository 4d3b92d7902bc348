import { FilterPatternError, isUserError, parseFilterPattern, TestMetricFilterInputError, testMetricFilter } from "../../src/patterns";

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("FilterPatternError", () => {
  test("is an Error with the AWS error code, a reason and the offending fragment", () => {
    const error = caught(() => parseFilterPattern("ERR*"));
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(FilterPatternError);
    const e = error as FilterPatternError;
    expect(e.code).toBe("InvalidParameterException");
    expect(e.reason).toBe("invalid-character");
    expect(e.fragment).toBe("*");
    expect(e.name).toBe("FilterPatternError");
    expect(isUserError(e)).toBe(true);
  });

  test("bugs are not user errors", () => {
    expect(isUserError(new TypeError("x"))).toBe(false);
    expect(isUserError("string")).toBe(false);
  });

  // Every message AWS was seen to return (reference §2), produced by a pattern that triggers it.
  test.each([
    ["ERR*", "Invalid character(s) in term '*'", "invalid-character"],
    ["{ $.v EXISTS }", "Invalid metric filter pattern", "invalid-pattern"],
    ["%[abc%", "Failed to compile regular expression.", "regex-compile"],
    ["[word, word]", "Duplicate field 'word'", "duplicate-field"],
    ["{ $.v = 1", "If a filter pattern starts with '{' it must end with '}'", "unbalanced-brace"],
    [
      "{ $.a[*].* = 1 }",
      "Your filter pattern has a JSON path selector that exceeds the maximum of 1 wildcard allowed per json selector.",
      "selector-wildcards",
    ],
    [
      "{ $.a[*] = 1 || $.b[*] = 1 || $.c.* = 1 || $.d[*] = 1 }",
      "Your input has exceeded the maximum of 3 JSON wildcard selectors allowed per filter pattern.",
      "pattern-wildcards",
    ],
    ["%a% %b% %c%", "Your input has exceeded the maximum of 2 regular expressions per filter pattern.", "regex-quota"],
  ])("%j → %j", (pattern, message, reason) => {
    const error = caught(() => parseFilterPattern(pattern)) as FilterPatternError;
    expect(error).toBeInstanceOf(FilterPatternError);
    expect(error.message).toBe(message);
    expect(error.reason).toBe(reason);
  });
});

describe("TestMetricFilterInputError", () => {
  test("is a user error with the AWS error code", () => {
    const error = caught(() => testMetricFilter({ filterPattern: "", logEventMessages: [] }));
    expect(error).toBeInstanceOf(TestMetricFilterInputError);
    expect(isUserError(error)).toBe(true);
    expect((error as TestMetricFilterInputError).code).toBe("InvalidParameterException");
  });
});
