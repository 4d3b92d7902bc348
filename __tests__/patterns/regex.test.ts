import { compileRegex, FilterPatternError } from "../../src/patterns";
import { matchedNumbers, matches, rejection } from "./helpers";

// Probe messages for the regex dialect (reference §4).
const LINES = [
  "ERROR 500", //  1
  "ERROR 50", //  2
  "ERROR 5000", //  3
  "WARN 404", //  4
  "xERROR 500", //  5
  "error 500", //  6
  "color", //  7
  "colour", //  8
  "colouur", //  9
  "10.10.0.1", // 10
  "10010,051", // 11
  "hello!", // 12
  "hello(", // 13
  "café", // 14
  "aaab", // 15
  "abab", // 16
  "ERROR\n500", // 17
];

describe("regex semantics", () => {
  test("^ and $ anchor to the whole message; \\s matches a newline; there is no multiline mode", () => {
    expect(matchedNumbers("%^ERROR\\s[0-9]{3}$%", LINES)).toEqual([1, 17]);
  });

  test("| has the lowest precedence and the search is unanchored", () => {
    expect(matchedNumbers("%ERROR|WARN%", LINES)).toEqual([1, 2, 3, 4, 5, 17]);
    expect(matches("%gra|ey%", "grey")).toBe(true); // "gra" OR "ey"
    expect(matches("%gra|ey%", "gr")).toBe(false);
  });

  test("? makes the previous item optional", () => {
    expect(matchedNumbers("%^colou?r$%", LINES)).toEqual([7, 8]);
  });

  test(". matches any character; \\. only a dot", () => {
    expect(matchedNumbers("%10\\.10\\.0\\.1%", LINES)).toEqual([10]);
    expect(matchedNumbers("%10.10.0.1%", LINES)).toEqual([10, 11]);
  });

  test("\\xhh stands for characters that may not be written: ! ( :", () => {
    expect(matchedNumbers("%hello\\x21%", LINES)).toEqual([12]);
    expect(matchedNumbers("%hello\\x28%", LINES)).toEqual([13]);
    expect(matches("%a\\x3Ab%", "a:b")).toBe(true);
  });

  test("classes, ranges and negated classes", () => {
    expect(matches("%[Ee]rror%", "Error: x")).toBe(true);
    expect(matches("%[Ee]rror%", "ERROR: x")).toBe(false);
    expect(matches("%^[^a]+$%", "bcd")).toBe(true);
    expect(matches("%^[^a]+$%", "bad")).toBe(false);
    expect(matches("%[a-c-]x%", "-x")).toBe(true); // a trailing - is literal
  });

  test("\\d \\D \\s \\S \\w \\W", () => {
    expect(matches("%^\\d\\D\\s\\S\\w\\W$%", "1a b_!")).toBe(true);
    expect(matches("%\\s%", "tab\there")).toBe(true);
    expect(matches("%^\\w+$%", "snake_case_9")).toBe(true);
    expect(matches("%^\\w+$%", "kebab-case")).toBe(false);
  });

  test("repetition: * + {m} {m,} {m,n} and bounds with one side omitted", () => {
    expect(matches("%^a*b$%", "b")).toBe(true);
    expect(matches("%^a+b$%", "b")).toBe(false);
    expect(matches("%^a{3}$%", "aaa")).toBe(true);
    expect(matches("%^a{3}$%", "aaaa")).toBe(false);
    expect(matches("%^a{2,}$%", "aaaaa")).toBe(true);
    expect(matches("%^a{2,3}$%", "aaaa")).toBe(false);
    expect(matches("%^a{,2}$%", "aa")).toBe(true);
    expect(matches("%^a{,2}$%", "aaa")).toBe(false);
  });

  test("the IPv4 example and the error-or-fail example from the AWS page", () => {
    expect(matches("%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%", "client 192.168.0.12 connected")).toBe(true);
    expect(matches("%[Ee]rror|[Ff]ail%", "request failed")).toBe(true);
    expect(matches("%^starting|^initializing|^shutting down%", "shutting down now")).toBe(true);
  });

  test("case-sensitive; multi-byte characters in messages are fine", () => {
    expect(matchedNumbers("%ERROR%", LINES)).not.toContain(6);
    expect(matches("%caf.%", "café")).toBe(true);
  });

  test("Open question 9: . also matches a newline", () => {
    expect(matches("%^ERROR.500$%", "ERROR\n500")).toBe(true);
  });

  test("an empty message matches ^$ and nothing that needs a character", () => {
    expect(compileRegex("^$").test("")).toBe(true);
    expect(compileRegex("a?").test("")).toBe(true);
    expect(compileRegex(".").test("")).toBe(false);
  });

  test("a lazy quantifier is accepted and finds the same matches", () => {
    expect(matches("%a+?b%", "aaab")).toBe(true);
  });
});

describe("regex rejections", () => {
  test.each([
    ["%^(ERROR|WARN)%", "Invalid character(s) in term '%^('"], // groups are not allowed
    ["%something!%", "Invalid character(s) in term '%something!'"],
    ["%café%", "Invalid character(s) in term '%caf\u00e9'"], // multi-byte characters
    ["%a(?=b)%", "Invalid character(s) in term '%a('"], // lookarounds
    ["%a\tb%", "Invalid character(s) in term '%a\t'"], // only the space character is allowed
    ["%abc", "Invalid character(s) in term '%abc'"], // unterminated
  ])("%j → %j", (pattern, message) => {
    expect(rejection(pattern)).toBe(message);
  });

  test.each([
    "%[abc%",
    "%*a%",
    "%a**%",
    "%a{3,2}%",
    "%a{%",
    "%\\b%",
    "%\\1%",
    "%a|+%",
    "%[]%",
    "%a{2}{3}%",
    "%a*+%",
    "%\\x4%",
    "%x{1001}%",
    "%%",
  ])("%j does not compile", (pattern) => {
    expect(rejection(pattern)).toBe("Failed to compile regular expression.");
  });

  test("compileRegex reports the same errors as the parser", () => {
    expect(() => compileRegex("(a)")).toThrow(FilterPatternError);
    expect(() => compileRegex("[a")).toThrow("Failed to compile regular expression.");
  });

  test("at most 2 regexes per pattern", () => {
    expect(() => matches("%a% %b%", "a b")).not.toThrow();
    expect(rejection("[a = %x%, b = %y%, c = %z%]")).toBe(
      "Your input has exceeded the maximum of 2 regular expressions per filter pattern."
    );
  });
});

describe("no catastrophic backtracking", () => {
  test("%a*a*a*a*b% over 100,000 a characters finishes well under a second", () => {
    const regex = compileRegex("a*a*a*a*b");
    const line = "a".repeat(100_000);
    const start = performance.now();
    expect(regex.test(line)).toBe(false);
    expect(regex.test(line + "b")).toBe(true);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test("nested bounded repeats over a long line stay fast", () => {
    const regex = compileRegex("^[a-z]{1,20}[a-z]{1,20}[a-z]{1,20}\\d$");
    const line = "abcdefghij".repeat(10_000);
    const start = performance.now();
    expect(regex.test(line)).toBe(false);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
