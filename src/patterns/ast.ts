/**
 * Typed syntax tree of a CloudWatch Logs filter pattern.
 *
 * Five kinds, chosen by the first character of the trimmed pattern (see the reference, §2):
 * match-all (empty), unstructured terms, a standalone `%regex%`, a JSON pattern `{ … }` and a
 * space-delimited pattern `[ … ]`. The tree keeps the literal text of numbers because AWS compares
 * a numeric literal with a JSON string by its text (`{ $.v = 1 }` matches `"1"` but not `"1.0"`).
 */

/** The kind of a pattern; the same tags are used by the builder's `IFilterPattern.kind`. */
export type FilterPatternKind = "all" | "terms" | "regex" | "json" | "space";

export type FilterPatternAst = MatchAllAst | TermsAst | RegexAst | JsonAst | SpaceDelimitedAst;

/** Empty or whitespace-only pattern: matches every event. */
export interface MatchAllAst {
  readonly kind: "all";
}

/** `required`: plain term; `optional`: `?term`; `excluded`: `-term`. */
export type TermMode = "required" | "optional" | "excluded";

/** One term of an unstructured pattern. */
export type Term = TextTerm | RegexTerm;

/** A bare word or a double-quoted phrase, matched as a case-sensitive substring. */
export interface TextTerm {
  readonly type: "text";
  readonly mode: TermMode;
  /** The text to find (quotes removed, escapes resolved). */
  readonly text: string;
}

/** A `%regex%` used as one term next to other terms (Open question 11 of the reference). */
export interface RegexTerm {
  readonly type: "regex";
  readonly mode: TermMode;
  readonly source: string;
}

/** Unstructured pattern: a whitespace-separated list of terms. */
export interface TermsAst {
  readonly kind: "terms";
  readonly terms: readonly Term[];
}

/** A pattern that is exactly one `%regex%`. */
export interface RegexAst {
  readonly kind: "regex";
  /** The regex text between the `%` delimiters. */
  readonly source: string;
}

// ---------------------------------------------------------------------------------------------
// JSON patterns
// ---------------------------------------------------------------------------------------------

/** One step of a JSON selector such as `$.a[0].*` or `$.['cluster.name']`. */
export type SelectorStep =
  | { readonly type: "member"; readonly name: string; readonly bracket: boolean }
  | { readonly type: "index"; readonly index: number }
  /** `.*` or `[*]`: every array element or object member value. */
  | { readonly type: "wildcard"; readonly form: ".*" | "[*]" };

export interface JsonSelector {
  readonly steps: readonly SelectorStep[];
}

/** Right-hand side of `=` / `!=`. */
export type JsonValue =
  /** Quoted or bare string; `*` inside is a wildcard. */
  | { readonly type: "string"; readonly value: string }
  /** A numeric literal; `text` is its spelling in the pattern. */
  | { readonly type: "number"; readonly value: number; readonly text: string }
  /** `*` or `"*"`: any string or number. */
  | { readonly type: "any" }
  | { readonly type: "regex"; readonly source: string };

export type EqualityOperator = "=" | "!=";
export type RelationalOperator = "<" | "<=" | ">" | ">=";
export type ComparisonOperator = EqualityOperator | RelationalOperator;

export type JsonCondition =
  | { readonly type: "equality"; readonly selector: JsonSelector; readonly op: EqualityOperator; readonly value: JsonValue }
  | {
      readonly type: "relational";
      readonly selector: JsonSelector;
      readonly op: RelationalOperator;
      readonly value: number;
      readonly text: string;
    }
  | { readonly type: "isNull"; readonly selector: JsonSelector }
  | { readonly type: "isBoolean"; readonly selector: JsonSelector; readonly value: boolean }
  | { readonly type: "notExists"; readonly selector: JsonSelector };

/** `&&` binds tighter than `||`; parentheses only shape the tree. */
export type JsonExpression =
  | JsonCondition
  | { readonly type: "and"; readonly operands: readonly JsonExpression[] }
  | { readonly type: "or"; readonly operands: readonly JsonExpression[] };

export interface JsonAst {
  readonly kind: "json";
  readonly expression: JsonExpression;
}

// ---------------------------------------------------------------------------------------------
// Space-delimited patterns
// ---------------------------------------------------------------------------------------------

/** Right-hand side of a field condition. */
export type FieldValue =
  /** Quoted or bare text; `*` is a wildcard. */
  | { readonly type: "string"; readonly value: string }
  /** A bare numeric literal; `=`/`!=` still compare it as text (Open question 7). */
  | { readonly type: "number"; readonly value: number; readonly text: string }
  | { readonly type: "regex"; readonly source: string };

export type FieldCondition =
  | { readonly type: "equality"; readonly op: EqualityOperator; readonly value: FieldValue }
  | { readonly type: "relational"; readonly op: RelationalOperator; readonly value: number; readonly text: string };

/** Conditions on one field; `&&` binds tighter than `||` (an assumption the reference marks [INF]). */
export type FieldExpression =
  | FieldCondition
  | { readonly type: "and"; readonly operands: readonly FieldExpression[] }
  | { readonly type: "or"; readonly operands: readonly FieldExpression[] };

export type SpaceEntry =
  | { readonly type: "field"; readonly name: string; readonly condition?: FieldExpression }
  /** An empty slot, e.g. the last one of `[a, b,]`; reported as `$<position>`. */
  | { readonly type: "unnamed" }
  | { readonly type: "ellipsis" };

export interface SpaceDelimitedAst {
  readonly kind: "space";
  readonly entries: readonly SpaceEntry[];
}

/** Whether a selector contains a `*` / `[*]` step. */
export function selectorHasWildcard(selector: JsonSelector): boolean {
  return selector.steps.some((step) => step.type === "wildcard");
}
