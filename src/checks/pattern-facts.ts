import { countRegexes as countPatternRegexes, FilterPatternError, parseFilterPattern, type FilterPatternAst } from "../patterns";

/** Facts about a filter pattern that the rules need, from the real parser. Unparseable -> undefined. */
export function tryParse(pattern: string): FilterPatternAst | undefined {
  try {
    return parseFilterPattern(pattern);
  } catch (e) {
    if (e instanceof FilterPatternError) return undefined;
    throw e;
  }
}

export function patternError(pattern: string): string | undefined {
  try {
    parseFilterPattern(pattern);
    return undefined;
  } catch (e) {
    if (e instanceof FilterPatternError) return e.message;
    throw e;
  }
}

export function patternKind(pattern: string): string | undefined {
  return tryParse(pattern)?.kind;
}

/** Regexes in a pattern (0 for one that does not parse: AIL019 reports that). */
export function countRegexes(ast: FilterPatternAst | undefined): number {
  return ast ? countPatternRegexes(ast) : 0;
}
