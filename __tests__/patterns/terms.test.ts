import { parseFilterPattern, TermsAst } from "../../src/patterns";
import { matchedNumbers, matches, rejection } from "./helpers";

// Messages that probe substring matching, word boundaries and whitespace (reference §3).
const LINES = [
  "ERROR ARGUMENTS REQUEST", //  1
  "ERROR BAD REQUEST", //  2
  "INFO ARGUMENTS", //  3
  "INFO REQUEST", //  4
  "error arguments request", //  5
  "ERROR INTERNAL SERVER ERROR", //  6
  "ERROR INTERNAL  SERVER ERROR", //  7 (two spaces)
  "INTERNAL SERVER error", //  8
  "TERROR REQUEST", //  9
  "[ERROR] REQUEST", // 10
  "ERROR-REQUEST", // 11
  "ERROR_ARGUMENTS", // 12
  "ERROR\nARGUMENTS", // 13
  "ARGUMENTS ERROR", // 14
  "plain", // 15
  'say "hello world" now', // 16
  "hello-world", // 17
  " ", // 18
];

describe("a term is a case-sensitive substring test", () => {
  test("no tokenisation: ERROR is found inside TERROR, ERROR-REQUEST, ERROR_ARGUMENTS and across a newline", () => {
    expect(matchedNumbers("ERROR", LINES)).toEqual([1, 2, 6, 7, 9, 10, 11, 12, 13, 14]);
  });

  test("a term inside a longer word matches (Exception in InvalidQueryException, ERROR in ERRORCODE)", () => {
    expect(matches("Exception", "InvalidQueryException: query failed")).toBe(true);
    expect(matches("ERROR", "ERRORCODE=7")).toBe(true);
  });

  test("unquoted words are ANDed, in any order", () => {
    expect(matchedNumbers("ERROR ARGUMENTS", LINES)).toEqual([1, 12, 13, 14]);
    expect(matches("Failed to process the request", "the request: Failed to process")).toBe(true);
  });

  test("a quoted phrase is one verbatim substring; whitespace is not normalised", () => {
    expect(matchedNumbers('"INTERNAL SERVER ERROR"', LINES)).toEqual([6]);
    expect(matches('"hello world"', 'say "hello world" now')).toBe(true);
  });

  test('quoted terms carry punctuation: "ERROR" "Exception" are two terms', () => {
    expect(matches('"ERROR" "Exception"', "Exception then ERROR")).toBe(true);
    expect(matches('"ERROR Exception"', "Exception then ERROR")).toBe(false);
  });
});

describe("? and - prefixes", () => {
  test("only optional terms: the event matches when any of them occurs", () => {
    expect(matchedNumbers("?ERROR ?ARGUMENTS", LINES)).toEqual([1, 2, 3, 6, 7, 9, 10, 11, 12, 13, 14]);
    expect(matches("?ERROR ?ARGUMENTS", "[INFO] INVALID ARGUMENTS PROVIDED")).toBe(true);
  });

  test("optional terms are ignored next to a required term: ?ERROR ?ARGUMENTS REQUEST behaves as REQUEST", () => {
    expect(matchedNumbers("?ERROR ?ARGUMENTS REQUEST", LINES)).toEqual(matchedNumbers("REQUEST", LINES));
    expect(matchedNumbers("REQUEST", LINES)).toEqual([1, 2, 4, 9, 10, 11]);
  });

  test("optional terms are ignored next to an excluded term: ?ERROR ?ARGUMENTS -REQUEST behaves as -REQUEST", () => {
    expect(matchedNumbers("?ERROR ?ARGUMENTS -REQUEST", LINES)).toEqual([3, 5, 6, 7, 8, 12, 13, 14, 15, 16, 17, 18]);
    expect(matches("?ERROR ?ARGUMENTS -REQUEST", "plain")).toBe(true);
    expect(matches("?ERROR ?ARGUMENTS -REQUEST", " ")).toBe(true);
  });

  test("required and excluded terms combine: ERROR -ARGUMENTS", () => {
    expect(matchedNumbers("ERROR -ARGUMENTS", LINES)).toEqual([2, 6, 7, 9, 10, 11]);
  });

  test("an exclusion-only pattern matches every event that lacks the term", () => {
    expect(matches("-ERROR", "INFO all good")).toBe(true);
    expect(matches("-ERROR", "ERROR boom")).toBe(false);
  });

  test("a quoted phrase can be excluded", () => {
    expect(matches('-"BAD REQUEST"', "ERROR BAD REQUEST")).toBe(false);
    expect(matches('-"BAD REQUEST"', "ERROR BAD  REQUEST")).toBe(true);
  });
});

describe('" " is a phrase, not match-all', () => {
  test("it matches only events that contain a space", () => {
    const numbers = matchedNumbers('" "', LINES);
    expect(numbers).toContain(18);
    expect(numbers).not.toContain(15); // plain
    expect(numbers).not.toContain(13); // ERROR\nARGUMENTS
    expect(numbers).not.toContain(17); // hello-world
  });
});

describe("term syntax", () => {
  test("prefixes and quotes are reflected in the tree", () => {
    const ast = parseFilterPattern('ERROR ?"time out" -DEBUG') as TermsAst;
    expect(ast.terms).toEqual([
      { type: "text", mode: "required", text: "ERROR" },
      { type: "text", mode: "optional", text: "time out" },
      { type: "text", mode: "excluded", text: "DEBUG" },
    ]);
  });

  test('inside quotes, \\" and \\\\ are escapes; other backslashes are literal', () => {
    expect(matches('"say \\"hi\\""', 'they say "hi" twice')).toBe(true);
    expect(matches('"C:\\temp"', "path C:\\temp")).toBe(true);
  });

  test.each([
    ["ERR*", "Invalid character(s) in term '*'"], // no wildcards in terms
    ['"ERROR', "Invalid character(s) in term '\"ERROR'"], // unterminated quote
    ["status=500", "Invalid character(s) in term '=500'"], // Open question 4: punctuation must be quoted
    ["ERROR-REQUEST", "Invalid character(s) in term '-REQUEST'"],
    ['"a"b', "Invalid character(s) in term 'b'"],
    ["? ERROR", "Invalid character(s) in term '?'"],
  ])("%j is rejected with %j", (pattern, message) => {
    expect(rejection(pattern)).toBe(message);
  });

  test("letters, digits and _ need no quotes", () => {
    expect(() => parseFilterPattern("ERROR_ARGUMENTS 500 NaN")).not.toThrow();
  });
});

describe("Open question 11: a regex next to plain terms", () => {
  test("is one more term: %regex% must also match", () => {
    expect(matches("%5[0-9][0-9]% ERROR", "ERROR status 503")).toBe(true);
    expect(matches("%5[0-9][0-9]% ERROR", "ERROR status 404")).toBe(false);
    expect(matches("ERROR -%^DEBUG%", "DEBUG ERROR")).toBe(false);
    expect(matches("ERROR -%^DEBUG%", "INFO ERROR")).toBe(true);
  });

  test("counts against the two-regex quota", () => {
    expect(rejection("%a% %b% %c%")).toBe("Your input has exceeded the maximum of 2 regular expressions per filter pattern.");
  });
});
