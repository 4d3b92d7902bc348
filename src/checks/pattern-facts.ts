import { countRegexes as countPatternRegexes, type FilterPatternAst } from "../patterns";
import { tryParse } from "../patterns/cached-parse";

/**
 * Facts about a filter pattern that the rules need, from the real parser (each distinct text parsed
 * once: src/patterns/cached-parse.ts).
 */
export { patternError, tryParse } from "../patterns/cached-parse";

export function patternKind(pattern: string): string | undefined {
  return tryParse(pattern)?.kind;
}

/** Regexes in a pattern (0 for one that does not parse: AIL019 reports that). */
export function countRegexes(ast: FilterPatternAst | undefined): number {
  return ast ? countPatternRegexes(ast) : 0;
}
