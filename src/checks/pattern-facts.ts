import { FilterPatternError, parseFilterPattern, type FilterPatternAst } from "../patterns";

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

export function countRegexes(ast: FilterPatternAst | undefined): number {
  return ast ? JSON.stringify(ast).split('"regex"').length - 1 : 0;
}
