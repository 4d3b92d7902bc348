/**
 * Typed, immutable builder for filter patterns, modelled on AWS CDK's `FilterPattern`
 * (aws-cdk-lib/aws-logs/lib/pattern.ts) and rendering through the canonical printer, so every
 * rendered string is accepted by `parseFilterPattern` and means what the builder call says.
 *
 * Differences from CDK, on purpose:
 * - `anyTermGroup` with a group of two or more terms next to another group throws: the term
 *   language has no "(a AND b) OR c". CDK renders `?"a" "b" ?"c"`, which AWS evaluates as just `b`
 *   (optional terms are ignored when a required term is present).
 * - selectors must start with `$` (aws-cdk#15047: `stringValue("status", …)` rendered an invalid
 *   pattern), and are parsed, so `$..x` or two wildcards fail here rather than at deploy time;
 * - regexes are compiled when the pattern is built; quotas and the 1024-character limit are
 *   checked by `render()`.
 */
import {
  EqualityOperator,
  FieldCondition,
  FilterPatternAst,
  FilterPatternKind,
  JsonCondition,
  JsonExpression,
  JsonSelector,
  RelationalOperator,
  SpaceEntry,
  Term,
} from "./ast";
import { FilterPatternError } from "./errors";
import { lexJsonBody } from "./json-lexer";
import { parseFilterPattern } from "./parser";
import { printFilterPattern } from "./printer";
import { compileRegex } from "./regex";
import { isValidFieldName } from "./space-parser";

/** Anything that renders to a filter pattern string. */
export interface IFilterPattern {
  readonly kind: FilterPatternKind;
  /** The pattern text; throws FilterPatternError if AWS would reject it. */
  render(): string;
}

export type StringOperator = EqualityOperator;
export type NumberOperator = EqualityOperator | RelationalOperator;

const STRING_OPERATORS: readonly string[] = ["=", "!="];
const NUMBER_OPERATORS: readonly string[] = ["=", "!=", "<", "<=", ">", ">="];
const ELLIPSIS = "...";

/** Texts `render()` has checked already: a preset renders the same pattern for every workload that uses it. */
const checkedTexts = new Set<string>();

/** The text, once the parser has checked AWS's limits on the whole of it (quotas and length). */
function checkedText(text: string): string {
  if (!checkedTexts.has(text)) {
    parseFilterPattern(text);
    checkedTexts.add(text);
  }
  return text;
}

/** A pattern held as a syntax tree; `render()` prints it and checks AWS's limits. */
abstract class TreePattern implements IFilterPattern {
  public abstract readonly kind: FilterPatternKind;

  /** The syntax tree this pattern renders. */
  public abstract toAst(): FilterPatternAst;

  public render(): string {
    return checkedText(printFilterPattern(this.toAst()));
  }

  public toString(): string {
    return this.render();
  }
}

class AstPattern extends TreePattern {
  public readonly kind: FilterPatternKind;

  public constructor(private readonly ast: FilterPatternAst) {
    super();
    this.kind = ast.kind;
  }

  public toAst(): FilterPatternAst {
    return this.ast;
  }
}

/** A pattern given as text; validated by the parser when rendered. */
class LiteralPattern implements IFilterPattern {
  public readonly kind: FilterPatternKind;

  public constructor(private readonly pattern: string) {
    const text = pattern.trim();
    this.kind =
      text === "" ? "all" : text.startsWith("{") ? "json" : text.startsWith("[") ? "space" : isSingleRegex(text) ? "regex" : "terms";
  }

  public render(): string {
    return checkedText(this.pattern);
  }

  public toAst(): FilterPatternAst {
    return parseFilterPattern(this.pattern);
  }

  public toString(): string {
    return this.render();
  }
}

function isSingleRegex(text: string): boolean {
  return text.startsWith("%") && text.endsWith("%") && text.length > 1 && text.indexOf("%", 1) === text.length - 1;
}

/** A JSON pattern; combine several with `FilterPattern.all` / `FilterPattern.any`. */
export class JsonPattern extends TreePattern {
  public readonly kind = "json" as const;

  public constructor(
    /** The condition tree inside the braces. */
    public readonly expression: JsonExpression
  ) {
    super();
  }

  public toAst(): FilterPatternAst {
    return { kind: "json", expression: this.expression };
  }
}

/** One condition on a space-delimited column. */
export type ColumnRestriction = FieldCondition;

/** A space-delimited pattern; `where*` methods return new instances with one more condition. */
export class SpaceDelimitedPattern extends TreePattern {
  public readonly kind = "space" as const;

  /** Validates the columns; prefer `FilterPattern.spaceDelimited(...)`. */
  public static construct(columns: readonly string[]): SpaceDelimitedPattern {
    const seen = new Set<string>();
    for (const column of columns) {
      if (column !== ELLIPSIS && column !== "" && !isValidFieldName(column)) {
        throw FilterPatternError.builder(
          `Invalid column name '${column}': use letters, digits, '_' or '-' (not only digits), '...' or '' for an unnamed column.`
        );
      }
      if (column !== "" && seen.has(column)) throw FilterPatternError.duplicateField(column);
      seen.add(column);
    }
    return new SpaceDelimitedPattern([...columns], new Map());
  }

  private constructor(
    public readonly columns: readonly string[],
    private readonly restrictions: ReadonlyMap<string, readonly ColumnRestriction[]>
  ) {
    super();
  }

  /** Adds `column op "value"`; `*` in `value` is a wildcard. */
  public whereString(column: string, op: StringOperator, value: string): SpaceDelimitedPattern {
    checkOperator(op, STRING_OPERATORS);
    return this.restrict(column, { type: "equality", op, value: { type: "string", value } });
  }

  /** Adds `column op number`; `=` and `!=` compare the field's text with the number as written. */
  public whereNumber(column: string, op: NumberOperator, value: number): SpaceDelimitedPattern {
    checkOperator(op, NUMBER_OPERATORS);
    const text = numberText(value);
    const condition: ColumnRestriction =
      op === "=" || op === "!="
        ? { type: "equality", op, value: { type: "number", value, text } }
        : { type: "relational", op, value, text };
    return this.restrict(column, condition);
  }

  /** Adds `column op %regex%` (an unanchored search in the field). */
  public whereRegex(column: string, op: StringOperator, regex: string): SpaceDelimitedPattern {
    checkOperator(op, STRING_OPERATORS);
    compileRegex(regex);
    return this.restrict(column, { type: "equality", op, value: { type: "regex", source: regex } });
  }

  /** The conditions added to `column` so far. */
  public restrictionsOf(column: string): readonly ColumnRestriction[] {
    return this.restrictions.get(column) ?? [];
  }

  public toAst(): FilterPatternAst {
    const entries = this.columns.map((column): SpaceEntry => {
      if (column === ELLIPSIS) return { type: "ellipsis" };
      if (column === "") return { type: "unnamed" };
      const conditions = this.restrictions.get(column) ?? [];
      if (conditions.length === 0) return { type: "field", name: column };
      const condition = conditions.length === 1 ? conditions[0] : { type: "and" as const, operands: conditions };
      return { type: "field", name: column, condition };
    });
    return { kind: "space", entries };
  }

  private restrict(column: string, condition: ColumnRestriction): SpaceDelimitedPattern {
    if (column === ELLIPSIS || column === "" || !this.columns.includes(column)) {
      throw FilterPatternError.builder(`Column '${column}' is not a named column of this pattern (${this.columns.join(", ")}).`);
    }
    const next = new Map(this.restrictions);
    next.set(column, [...(this.restrictions.get(column) ?? []), condition]);
    return new SpaceDelimitedPattern(this.columns, next);
  }
}

/** Static factories for filter patterns. */
export class FilterPattern {
  /** Matches every event (the empty pattern). */
  public static allEvents(): IFilterPattern {
    return new AstPattern({ kind: "all" });
  }

  /** A pattern written by hand; validated by the parser when rendered. */
  public static literal(pattern: string): IFilterPattern {
    return new LiteralPattern(pattern);
  }

  /** Matches events containing every term (case-sensitive substrings). */
  public static allTerms(...terms: string[]): IFilterPattern {
    return new AstPattern({ kind: "terms", terms: textTerms(terms, "required", "allTerms") });
  }

  /** Matches events containing at least one of the terms. */
  public static anyTerm(...terms: string[]): IFilterPattern {
    const mode = terms.length === 1 ? "required" : "optional";
    return new AstPattern({ kind: "terms", terms: textTerms(terms, mode, "anyTerm") });
  }

  /**
   * Matches events containing all terms of at least one group. Only expressible when there is
   * one group, or every group has one term; otherwise this throws (see the file comment).
   */
  public static anyTermGroup(...groups: string[][]): IFilterPattern {
    if (groups.length === 0) throw FilterPatternError.builder("anyTermGroup needs at least one group of terms.");
    if (groups.length === 1) return FilterPattern.allTerms(...groups[0]);
    if (groups.every((g) => g.length === 1)) return FilterPattern.anyTerm(...groups.map((g) => g[0]));
    throw FilterPatternError.builder(
      'anyTermGroup: a term pattern cannot express "(a AND b) OR c" (optional terms are ignored next to ' +
        "required ones). Use one filter per group, a JSON or space-delimited pattern, or FilterPattern.regex."
    );
  }

  /** Matches events containing every `required` term and none of the `excluded` ones. */
  public static termsExcluding(required: string[], excluded: string[]): IFilterPattern {
    if (required.length + excluded.length === 0) throw FilterPatternError.builder("termsExcluding needs at least one term.");
    const terms = [
      ...(required.length > 0 ? textTerms(required, "required", "termsExcluding") : []),
      ...(excluded.length > 0 ? textTerms(excluded, "excluded", "termsExcluding") : []),
    ];
    return new AstPattern({ kind: "terms", terms });
  }

  /** `%regex%`: an unanchored search in the whole message. */
  public static regex(regex: string): IFilterPattern {
    compileRegex(regex);
    return new AstPattern({ kind: "regex", source: regex });
  }

  /** `selector op "value"`: `*` in `value` is a wildcard; the value `*` means "any string or number". */
  public static stringValue(selector: string, op: StringOperator, value: string): JsonPattern {
    checkOperator(op, STRING_OPERATORS);
    const json = value === "*" ? ({ type: "any" } as const) : ({ type: "string", value } as const);
    return condition({ type: "equality", selector: parseSelector(selector), op, value: json });
  }

  /** `selector op number`; `=` / `!=` also match a JSON string spelled exactly like `value`. */
  public static numberValue(selector: string, op: NumberOperator, value: number): JsonPattern {
    checkOperator(op, NUMBER_OPERATORS);
    const text = numberText(value);
    const sel = parseSelector(selector);
    if (op === "=" || op === "!=") return condition({ type: "equality", selector: sel, op, value: { type: "number", value, text } });
    return condition({ type: "relational", selector: sel, op, value, text });
  }

  /** `selector op %regex%`: an unanchored search in a string value. */
  public static regexValue(selector: string, op: StringOperator, regex: string): JsonPattern {
    checkOperator(op, STRING_OPERATORS);
    compileRegex(regex);
    return condition({ type: "equality", selector: parseSelector(selector), op, value: { type: "regex", source: regex } });
  }

  /**
   * `selector = *`: true when the value is a string (also `""`) or a number. It is false for a
   * value that is null, a boolean, an object or an array, exactly as AWS evaluates `= *`; there is
   * no pattern for "present with any value".
   */
  public static exists(selector: string): JsonPattern {
    return condition({ type: "equality", selector: parseSelector(selector), op: "=", value: { type: "any" } });
  }

  /** `selector NOT EXISTS`: the path does not resolve (a present `null` does not count). */
  public static notExists(selector: string): JsonPattern {
    return condition({ type: "notExists", selector: parseSelector(selector) });
  }

  /** `selector IS NULL`: the value is JSON null (false when the field is missing). */
  public static isNull(selector: string): JsonPattern {
    return condition({ type: "isNull", selector: parseSelector(selector) });
  }

  /** `selector IS TRUE` / `IS FALSE`: JSON booleans only, not the strings "true" / "false". */
  public static booleanValue(selector: string, value: boolean): JsonPattern {
    return condition({ type: "isBoolean", selector: parseSelector(selector), value });
  }

  /** `a && b && …` */
  public static all(...patterns: JsonPattern[]): JsonPattern {
    return combine("and", patterns);
  }

  /** `a || b || …` */
  public static any(...patterns: JsonPattern[]): JsonPattern {
    return combine("or", patterns);
  }

  /** Space-delimited columns; `'...'` (at most once) skips any number of fields. */
  public static spaceDelimited(...columns: string[]): SpaceDelimitedPattern {
    return SpaceDelimitedPattern.construct(columns);
  }
}

function condition(c: JsonCondition): JsonPattern {
  return new JsonPattern(c);
}

function combine(type: "and" | "or", patterns: readonly JsonPattern[]): JsonPattern {
  if (patterns.length === 0)
    throw FilterPatternError.builder(`FilterPattern.${type === "and" ? "all" : "any"} needs at least one pattern.`);
  if (patterns.length === 1) return patterns[0];
  const operands = patterns.flatMap((p) => (p.expression.type === type ? p.expression.operands : [p.expression]));
  return new JsonPattern({ type, operands });
}

function textTerms(terms: readonly string[], mode: Term["mode"], method: string): Term[] {
  if (terms.length === 0) throw FilterPatternError.builder(`${method} needs at least one term.`);
  return terms.map((text) => {
    if (typeof text !== "string" || text.length === 0) throw FilterPatternError.builder(`${method}: terms must be non-empty strings.`);
    return { type: "text", mode, text };
  });
}

function checkOperator(op: string, allowed: readonly string[]): void {
  if (!allowed.includes(op)) {
    throw FilterPatternError.builder(`Invalid comparison operator '${op}'; use one of ${allowed.join(", ")}.`);
  }
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw FilterPatternError.builder(`Number values must be finite; got ${value}.`);
  return String(value);
}

/** Parses a CDK-style selector such as `$.a.b`, `$.items[0]` or `$.['gen_ai.system']`. */
export function parseSelector(text: string): JsonSelector {
  if (typeof text !== "string" || !text.startsWith("$")) {
    throw FilterPatternError.builder(`JSON selector '${text}' must start with '$', for example '$.${text}'.`);
  }
  let tokens;
  try {
    tokens = lexJsonBody(text);
  } catch (error) {
    if (error instanceof FilterPatternError && error.reason === "selector-wildcards") throw error;
    throw FilterPatternError.builder(`Invalid JSON selector '${text}': ${(error as Error).message}`);
  }
  const only = tokens[0];
  if (tokens.length !== 1 || only.t !== "selector" || only.text !== text) {
    throw FilterPatternError.builder(`Invalid JSON selector '${text}': expected $ followed by .name, .*, [n], [*] or .['key'] steps.`);
  }
  return only.selector;
}
