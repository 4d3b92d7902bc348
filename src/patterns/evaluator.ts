/**
 * Evaluates a parsed filter pattern against one log event message, as TestMetricFilter would.
 *
 * `compileFilterPattern` prepares a matcher once (regex automata, wildcard predicates, selector
 * closures); `evaluate` caches that per AST object. Neither `test` nor `evaluate` throws on any
 * input string: JSON that does not parse simply matches no JSON condition. Results are read-only
 * (those of non-space patterns are shared frozen objects).
 */
import { FilterPatternAst, JsonAst } from "./ast";
import { parseJsonMessage } from "./json-document";
import { compileJsonExpression, jsonContext } from "./json-matcher";
import { compileRegex } from "./regex";
import { compileSpacePattern } from "./space-matcher";
import { compileTerms, MessagePredicate } from "./terms-matcher";

export interface EvaluationResult {
  readonly matched: boolean;
  /** `$1`, `$name`… for space-delimited patterns; `{}` for every other kind, as AWS returns. */
  readonly extractedValues: Readonly<Record<string, string>>;
}

/** A pattern prepared for repeated evaluation. */
export interface CompiledFilterPattern {
  readonly ast: FilterPatternAst;
  /** Whether the message matches (no extracted values are built). */
  test(message: string): boolean;
  evaluate(message: string): EvaluationResult;
}

export function compileFilterPattern(ast: FilterPatternAst): CompiledFilterPattern {
  if (ast.kind === "space") {
    const matcher = compileSpacePattern(ast);
    return { ast, test: (m) => matcher.test(m), evaluate: (m) => matcher.evaluate(m) };
  }
  const test = compilePredicate(ast);
  return { ast, test, evaluate: (m) => (test(m) ? MATCHED : NOT_MATCHED) };
}

// Results of kinds without extracted values are shared and frozen: evaluation allocates nothing.
const NO_VALUES: Readonly<Record<string, string>> = Object.freeze({});
const MATCHED: EvaluationResult = Object.freeze({ matched: true, extractedValues: NO_VALUES });
const NOT_MATCHED: EvaluationResult = Object.freeze({ matched: false, extractedValues: NO_VALUES });

function compilePredicate(ast: Exclude<FilterPatternAst, { kind: "space" }>): MessagePredicate {
  switch (ast.kind) {
    case "all":
      return () => true;
    case "terms":
      return compileTerms(ast);
    case "regex": {
      const regex = compileRegex(ast.source);
      return (m) => regex.test(m);
    }
    case "json":
      return compileJson(ast);
  }
}

function compileJson(ast: JsonAst): MessagePredicate {
  const predicate = compileJsonExpression(ast.expression);
  return (message) => {
    const parsed = parseJsonMessage(message);
    return parsed !== undefined && predicate(jsonContext(parsed.doc, parsed.text));
  };
}

const compiled = new WeakMap<FilterPatternAst, CompiledFilterPattern>();

/** Compiles (once per AST object) and evaluates `ast` against `message`. */
export function evaluate(ast: FilterPatternAst, message: string): EvaluationResult {
  let matcher = compiled.get(ast);
  if (!matcher) {
    matcher = compileFilterPattern(ast);
    compiled.set(ast, matcher);
  }
  return matcher.evaluate(message);
}
