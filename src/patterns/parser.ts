/**
 * Entry point of the filter-pattern parser: length limit, dispatch on the trimmed pattern
 * (reference §2) and the per-pattern regex quota. Throws FilterPatternError only.
 */
import { FilterPatternAst, FieldExpression, JsonExpression } from "./ast";
import { FilterPatternError, MAX_FILTER_PATTERN_LENGTH, MAX_REGEXES } from "./errors";
import { parseJsonPattern } from "./json-parser";
import { parseSpacePattern } from "./space-parser";
import { parseTermsPattern } from "./terms-parser";

/** Parses a CloudWatch Logs filter pattern as TestMetricFilter would, or throws FilterPatternError. */
export function parseFilterPattern(pattern: string): FilterPatternAst {
  if (typeof pattern !== "string") throw FilterPatternError.invalidPattern();
  if (pattern.length > MAX_FILTER_PATTERN_LENGTH) throw FilterPatternError.tooLong(pattern.length);
  const text = pattern.trim();
  const ast = dispatch(text);
  if (countRegexes(ast) > MAX_REGEXES) throw FilterPatternError.tooManyRegexes();
  return ast;
}

function dispatch(text: string): FilterPatternAst {
  if (text === "") return { kind: "all" };
  if (text.startsWith("{")) return parseJsonPattern(text);
  if (text.startsWith("[")) return parseSpacePattern(text);
  return parseTermsPattern(text);
}

/** Number of `%regex%` values anywhere in the pattern (AWS allows 2, even across `||`). */
export function countRegexes(ast: FilterPatternAst): number {
  switch (ast.kind) {
    case "all":
      return 0;
    case "regex":
      return 1;
    case "terms":
      return ast.terms.filter((term) => term.type === "regex").length;
    case "json":
      return countJsonRegexes(ast.expression);
    case "space":
      return ast.entries.reduce(
        (sum, entry) => sum + (entry.type === "field" && entry.condition ? countFieldRegexes(entry.condition) : 0),
        0
      );
  }
}

function countJsonRegexes(e: JsonExpression): number {
  if (e.type === "and" || e.type === "or") return e.operands.reduce((sum, o) => sum + countJsonRegexes(o), 0);
  return e.type === "equality" && e.value.type === "regex" ? 1 : 0;
}

function countFieldRegexes(e: FieldExpression): number {
  if (e.type === "and" || e.type === "or") return e.operands.reduce((sum, o) => sum + countFieldRegexes(o), 0);
  return e.type === "equality" && e.value.type === "regex" ? 1 : 0;
}
