import { evaluate, FilterPatternError, parseFilterPattern } from "../../src/patterns";

/** Whether `pattern` matches `message` (the pattern must parse). */
export function matches(pattern: string, message: string): boolean {
  return evaluate(parseFilterPattern(pattern), message).matched;
}

/** The 1-based numbers of the messages `pattern` matches, as TestMetricFilter reports them. */
export function matchedNumbers(pattern: string, messages: readonly string[]): number[] {
  const ast = parseFilterPattern(pattern);
  return messages.flatMap((m, i) => (evaluate(ast, m).matched ? [i + 1] : []));
}

/** The FilterPatternError message for an invalid pattern; fails the test if it parses. */
export function rejection(pattern: string): string {
  try {
    parseFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) return error.message;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(pattern)} to be rejected`);
}
