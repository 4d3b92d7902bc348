import type { FilterPatternAst } from "./ast";
import { FilterPatternError } from "./errors";
import { parseFilterPattern } from "./parser";

/**
 * Parses of pattern texts, remembered: the synth-time rules and the model ask about the same pattern
 * many times, and presets repeat one pattern across every workload of their kind, so each distinct
 * text is parsed once.
 */
type ParseOutcome = { readonly ast: FilterPatternAst } | { readonly error: string };

const outcomes = new Map<string, ParseOutcome>();
/** A bound on the cache, for long-lived processes that check many configs. */
const MAX_CACHED_PATTERNS = 10_000;

function parseOutcome(pattern: string): ParseOutcome {
  let outcome = outcomes.get(pattern);
  if (!outcome) {
    try {
      outcome = { ast: parseFilterPattern(pattern) };
    } catch (e) {
      if (!(e instanceof FilterPatternError)) throw e;
      outcome = { error: e.message };
    }
    if (outcomes.size >= MAX_CACHED_PATTERNS) outcomes.clear();
    outcomes.set(pattern, outcome);
  }
  return outcome;
}

/** The pattern's syntax tree; undefined when it does not parse. */
export function tryParse(pattern: string): FilterPatternAst | undefined {
  const outcome = parseOutcome(pattern);
  return "ast" in outcome ? outcome.ast : undefined;
}

/** The parser's AWS-shaped message for an invalid pattern; undefined for a valid one. */
export function patternError(pattern: string): string | undefined {
  const outcome = parseOutcome(pattern);
  return "error" in outcome ? outcome.error : undefined;
}
