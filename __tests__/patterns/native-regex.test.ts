import fc from "fast-check";
import { compileRegex } from "../../src/patterns/regex";
import { boundedNativeRegex, matchPaths } from "../../src/patterns/native-regex";
import { parseRegexSyntax } from "../../src/patterns/regex-syntax";

const paths = (source: string) => matchPaths(parseRegexSyntax(source));

describe("the native fast path for regexes with bounded backtracking", () => {
  it.each([
    ["abc", 1],
    ["[0-9]{4}", 1],
    ["a?b?", 4],
    ["a{1,3}", 3],
    ["a|b|c", 3],
    ["x[0-9]{1,2}|y?", 4],
    ["a*", Infinity],
    ["ab+c", Infinity],
    ["a{2,}", Infinity],
  ])("counts the match paths of %s as %d", (source, expected) => {
    expect(paths(source)).toBe(expected);
  });

  it("takes the benchmark's alternation of fixed counts, refuses unbounded or many-path regexes", () => {
    expect(boundedNativeRegex(parseRegexSyntax("max_tokens=[0-9]{4}\\x29|[0-9]{3}\\.[0-9]{2} GiB"))).toBeInstanceOf(RegExp);
    expect(boundedNativeRegex(parseRegexSyntax("a*a*a*a*b"))).toBeUndefined();
    expect(boundedNativeRegex(parseRegexSyntax("a?a?a?a?a?a?a?"))).toBeUndefined(); // 128 paths
    expect(boundedNativeRegex(parseRegexSyntax("[a-z]{1000}"))).toBeUndefined(); // 1 path, but 1000 characters per start
    expect(boundedNativeRegex(parseRegexSyntax("[a-z]{1,8}x"))).toBeUndefined(); // 8 paths x 9 characters
    expect(boundedNativeRegex(parseRegexSyntax("[a-z]{1,4}x"))).toBeInstanceOf(RegExp); // 4 paths x 5 characters
  });

  it("keeps our semantics, not JavaScript's: Java's narrow \\s, `.` across newlines, whole-input anchors", () => {
    const nbsp = "a\u00a0b";
    expect(compileRegex("a\\sb").test(nbsp)).toBe(false); // JavaScript's /a\sb/ would match
    expect(compileRegex("a.b").test("a\nb")).toBe(true); // JavaScript's /a.b/ would not
    expect(compileRegex("^b").test("a\nb")).toBe(false);
    expect(compileRegex("a$").test("a\nb")).toBe(false);
  });

  // The automaton is the reference: on every regex the fast path takes, both must agree on every input.
  const atom = fc.constantFrom("a", "b", "1", ".", "\\d", "\\D", "\\s", "\\S", "\\w", "\\W", "[ab]", "[^a]", "[a-c1]", "\\x0a", "\\.", " ", "_");
  const quantifier = fc.constantFrom("", "", "?", "{2}", "{1,2}", "{0,1}", "*", "+");
  const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
  const branch = fc.tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([bol, items, eol]) => `${bol ? "^" : ""}${items.join("")}${eol ? "$" : ""}`);
  const regex = fc.array(branch, { minLength: 1, maxLength: 3 }).map((branches) => branches.join("|"));
  const input = fc.string({ unit: fc.constantFrom("a", "b", "c", "1", " ", "\n", "\t", "_", ".", "\u00a0", "é"), maxLength: 12 });

  it("agrees with the automaton on every input (property)", () => {
    fc.assert(
      fc.property(regex, fc.array(input, { minLength: 1, maxLength: 8 }), (source, inputs) => {
        fc.pre(boundedNativeRegex(parseRegexSyntax(source)) !== undefined);
        const fast = compileRegex(source);
        const automaton = compileRegex(source, { allowNative: false });
        for (const s of inputs) expect(fast.test(s)).toBe(automaton.test(s));
      }),
      { numRuns: 400 },
    );
  });
});
