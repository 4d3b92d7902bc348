/**
 * Errors a user can cause with a filter pattern or with TestMetricFilter input.
 *
 * They carry the AWS error code (`InvalidParameterException`) and AWS-shaped messages, so callers
 * can print them as the AWS CLI would, and tell them apart from bugs (`instanceof` or `isUserError`).
 */

/** Why a pattern was rejected; lets callers branch without parsing message text. */
export type FilterPatternErrorReason =
  | "invalid-character"
  | "invalid-pattern"
  | "regex-compile"
  | "duplicate-field"
  | "unbalanced-brace"
  | "selector-wildcards"
  | "pattern-wildcards"
  | "regex-quota"
  | "too-long"
  | "builder";

/** Base of every error caused by user input rather than by a bug in this module. */
export abstract class InvalidParameterError extends Error {
  /** The AWS error code the real service returns for this input. */
  public readonly code = "InvalidParameterException" as const;
  /** Marker that survives bundling and realm boundaries, unlike `instanceof`. */
  public readonly isUserError = true as const;
}

/** The maximum filter pattern length accepted by the CloudWatch Logs APIs. */
export const MAX_FILTER_PATTERN_LENGTH = 1024;
/** Wildcards (`*`, `[*]`) allowed in one JSON selector. */
export const MAX_WILDCARDS_PER_SELECTOR = 1;
/** JSON selectors with a wildcard allowed in one pattern. */
export const MAX_WILDCARD_SELECTORS = 3;
/** `%regex%` values allowed in one pattern. */
export const MAX_REGEXES = 2;

/** A filter pattern that CloudWatch Logs would reject, with the message AWS returns. */
export class FilterPatternError extends InvalidParameterError {
  public override readonly name = "FilterPatternError";

  public constructor(
    message: string,
    /** Machine-readable category of the problem. */
    public readonly reason: FilterPatternErrorReason,
    /** The offending fragment of the pattern, when AWS names one. */
    public readonly fragment?: string
  ) {
    super(message);
  }

  public static invalidCharacters(fragment: string): FilterPatternError {
    return new FilterPatternError(`Invalid character(s) in term '${fragment}'`, "invalid-character", fragment);
  }

  /** The generic message TestMetricFilter and PutMetricFilter use for grammar errors. */
  public static invalidPattern(): FilterPatternError {
    return new FilterPatternError("Invalid metric filter pattern", "invalid-pattern");
  }

  public static regexCompile(): FilterPatternError {
    return new FilterPatternError("Failed to compile regular expression.", "regex-compile");
  }

  public static duplicateField(name: string): FilterPatternError {
    return new FilterPatternError(`Duplicate field '${name}'`, "duplicate-field", name);
  }

  public static unbalancedBrace(): FilterPatternError {
    return new FilterPatternError("If a filter pattern starts with '{' it must end with '}'", "unbalanced-brace");
  }

  public static tooManySelectorWildcards(): FilterPatternError {
    return new FilterPatternError(
      `Your filter pattern has a JSON path selector that exceeds the maximum of ${MAX_WILDCARDS_PER_SELECTOR} wildcard allowed per json selector.`,
      "selector-wildcards"
    );
  }

  public static tooManyWildcardSelectors(): FilterPatternError {
    return new FilterPatternError(
      `Your input has exceeded the maximum of ${MAX_WILDCARD_SELECTORS} JSON wildcard selectors allowed per filter pattern.`,
      "pattern-wildcards"
    );
  }

  public static tooManyRegexes(): FilterPatternError {
    return new FilterPatternError(
      `Your input has exceeded the maximum of ${MAX_REGEXES} regular expressions per filter pattern.`,
      "regex-quota"
    );
  }

  /** The standard AWS constraint message; the value itself is left out to keep it readable. */
  public static tooLong(length: number): FilterPatternError {
    return new FilterPatternError(
      `1 validation error detected: Value at 'filterPattern' failed to satisfy constraint: ` +
        `Member must have length less than or equal to ${MAX_FILTER_PATTERN_LENGTH} (got ${length} characters)`,
      "too-long"
    );
  }

  /** A builder call that cannot produce a valid pattern. */
  public static builder(message: string): FilterPatternError {
    return new FilterPatternError(message, "builder");
  }
}

/** TestMetricFilter input outside the API limits (1–50 messages of at least 1 character). */
export class TestMetricFilterInputError extends InvalidParameterError {
  public override readonly name = "TestMetricFilterInputError";
}

/** True for errors caused by user input (bad pattern or bad TestMetricFilter input). */
export function isUserError(error: unknown): error is InvalidParameterError {
  return error instanceof InvalidParameterError;
}
