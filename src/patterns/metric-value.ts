/**
 * Metric-filter values, default values and dimensions (reference §7).
 *
 * A metric value is a number (`"1"`), a JSON selector (`$.latency`, JSON patterns) or an extracted
 * field (`$bytes`, `$7`, space-delimited patterns). Each matching event publishes one datapoint
 * with that value, read as a number (`"11.5"` → 11.5); when the value is missing or not numeric
 * the event publishes nothing (`value: null`), even though the pattern matched.
 *
 * Choices where the reference is open:
 * - Open question 2: the default value is published once per non-matching event (OBS-M), and we
 *   assume it does not stand in for a matching event whose value is missing or not numeric.
 * - Open question 3: a default value together with dimensions is reported as a problem, following
 *   the AWS documentation ("cannot"), although an API example combines them.
 * - Not in the reference: we assume a matching event whose dimension value is missing, null or a
 *   container publishes nothing either (a datapoint needs every dimension).
 */
import { FilterPatternAst, JsonSelector, selectorHasWildcard, SpaceDelimitedAst } from "./ast";
import { InvalidParameterError } from "./errors";
import { evaluate } from "./evaluator";
import { lexJsonBody } from "./json-lexer";
import { compileMetricExtractor, LogMessage, MetricExtractor, publishedMetric, unmatched } from "./metric-extractor";
import { isDecimalNumber } from "./number-text";

export interface MetricTransformationSpec {
  /** `"1"`, `$.selector` (JSON patterns) or `$name` / `$N` (space-delimited patterns). */
  readonly metricValue: string;
  /** Published once for every event that does not match. */
  readonly defaultValue?: number;
  /** Dimension name → `$.selector` or `$name`; at most 3. */
  readonly dimensions?: Readonly<Record<string, string>>;
}

export interface MetricExtraction {
  readonly matched: boolean;
  /** The datapoint this event publishes, or null when AWS would publish none. */
  readonly value: number | null;
  readonly dimensions: Record<string, string>;
}

export const MAX_METRIC_VALUE_LENGTH = 100;
export const MAX_DIMENSIONS = 3;
export const MAX_DIMENSION_NAME_LENGTH = 255;

/** A metric or dimension value, classified. */
export type ValueReference =
  | { readonly type: "literal"; readonly value: number }
  | { readonly type: "selector"; readonly selector: JsonSelector }
  | { readonly type: "field"; readonly key: string }
  | { readonly type: "invalid"; readonly reason: "wildcard" | "syntax" };

/** The error `extractMetric` throws when a reference cannot be read at all. */
export class MetricTransformationError extends InvalidParameterError {
  public override readonly name = "MetricTransformationError";
}

/** Classifies `$.a.b`, `$name`, `$7` or a number. */
export function parseValueReference(text: string): ValueReference {
  if (isDecimalNumber(text)) return { type: "literal", value: Number(text) };
  if (/^\$[A-Za-z0-9_-]+$/.test(text)) return { type: "field", key: text };
  if (!text.startsWith("$.") && !text.startsWith("$[")) return { type: "invalid", reason: "syntax" };
  try {
    const tokens = lexJsonBody(text);
    const only = tokens[0];
    if (tokens.length !== 1 || only.t !== "selector" || only.text !== text) return { type: "invalid", reason: "syntax" };
    return selectorHasWildcard(only.selector) ? { type: "invalid", reason: "wildcard" } : { type: "selector", selector: only.selector };
  } catch {
    return { type: "invalid", reason: /\*/.test(text) ? "wildcard" : "syntax" };
  }
}

/** Problems PutMetricFilter would reject, plus references that can never publish a datapoint. */
export function validateMetricTransformation(ast: FilterPatternAst, spec: MetricTransformationSpec): string[] {
  const problems = metricValueProblems(ast, spec.metricValue);
  if (spec.defaultValue !== undefined && !Number.isFinite(spec.defaultValue)) {
    problems.push(`defaultValue must be a finite number; got ${String(spec.defaultValue)}.`);
  }
  const dimensions = Object.entries(spec.dimensions ?? {});
  if (dimensions.length > 0) problems.push(...dimensionProblems(ast, dimensions, spec.defaultValue !== undefined));
  return problems;
}

function metricValueProblems(ast: FilterPatternAst, metricValue: string): string[] {
  if (metricValue.length === 0) return ["metricValue must not be empty."];
  if (metricValue.length > MAX_METRIC_VALUE_LENGTH) {
    return [`metricValue must be at most ${MAX_METRIC_VALUE_LENGTH} characters; got ${metricValue.length}.`];
  }
  const ref = parseValueReference(metricValue);
  if (ref.type === "literal") return [];
  if (ref.type === "invalid" && ref.reason === "wildcard") {
    return [
      `Invalid metric transformation: metric value ${metricValue} must be a valid number (wildcard selectors cannot be metric values).`,
    ];
  }
  const problem = referenceProblem(ast, metricValue, ref);
  return problem === undefined ? [] : [`metricValue: ${problem}`];
}

function dimensionProblems(ast: FilterPatternAst, dimensions: [string, string][], hasDefault: boolean): string[] {
  const problems: string[] = [];
  if (ast.kind !== "json" && ast.kind !== "space") {
    problems.push(`dimensions are only supported with JSON or space-delimited filter patterns; this is a ${kindLabel(ast)} pattern.`);
  }
  if (dimensions.length > MAX_DIMENSIONS) problems.push(`at most ${MAX_DIMENSIONS} dimensions are allowed; got ${dimensions.length}.`);
  if (hasDefault) problems.push("defaultValue cannot be combined with dimensions (AWS documentation); remove one of them.");
  for (const [name, value] of dimensions) {
    if (name.length === 0 || name.length > MAX_DIMENSION_NAME_LENGTH) {
      problems.push(`dimension name '${name}' must be 1 to ${MAX_DIMENSION_NAME_LENGTH} characters.`);
    }
    const ref = parseValueReference(value);
    if (ref.type === "invalid" && ref.reason === "wildcard") {
      problems.push(
        `Invalid metric transformation: dimension value must be valid selector (dimension '${name}': ${value} has a wildcard).`
      );
    } else if (ref.type === "literal") {
      problems.push(`dimension '${name}' must name a field ($.selector or $field); got the constant ${value}.`);
    } else if (ast.kind === "json" || ast.kind === "space") {
      const problem = referenceProblem(ast, value, ref);
      if (problem !== undefined) problems.push(`dimension '${name}': ${problem}`);
    }
  }
  return problems;
}

/** Why `text` cannot name a value of this pattern, or undefined if it can. */
function referenceProblem(ast: FilterPatternAst, text: string, ref: ValueReference): string | undefined {
  if (ref.type === "selector") {
    return ast.kind === "json" ? undefined : `${text} is a JSON selector, which needs a JSON pattern; this is a ${kindLabel(ast)} pattern.`;
  }
  if (ref.type === "field") {
    if (ast.kind !== "space") return `${text} names a space-delimited field; this is a ${kindLabel(ast)} pattern.`;
    return fieldReferenceProblem(ast, text);
  }
  return (
    `${text} is not a number, a JSON selector such as $.latency (JSON patterns) ` +
    `or a field such as $bytes or $7 (space-delimited patterns).`
  );
}

/** AWS accepts an undeclared `$field` but never publishes a datapoint for it (OBS-M). */
function fieldReferenceProblem(ast: SpaceDelimitedAst, key: string): string | undefined {
  const name = key.slice(1);
  const named = ast.entries.some((e) => e.type === "field" && e.name === name);
  if (named) return undefined;
  if (/^\d+$/.test(name)) {
    const position = Number(name);
    if (position < 1) return `${key} is not a field position (positions start at 1).`;
    const openEnded = ast.entries.length === 0 || ast.entries.some((e) => e.type === "ellipsis");
    const entry = ast.entries[position - 1];
    if (openEnded && (entry === undefined || entry.type !== "field")) return undefined;
    if (entry?.type === "unnamed") return undefined;
    if (entry?.type === "field") return `${key} is the field named '${entry.name}'; refer to it as $${entry.name}.`;
    return `${key} is beyond the ${ast.entries.length} fields of the pattern, so no datapoint is ever published.`;
  }
  return `${key} is not a field of the pattern: AWS accepts it but never publishes a datapoint.`;
}

function kindLabel(ast: FilterPatternAst): string {
  return { all: "match-all", terms: "term", regex: "regex", json: "JSON", space: "space-delimited" }[ast.kind];
}

/**
 * What one event contributes to the metric: matched events publish their value (or nothing),
 * non-matching events publish the default value (or nothing). For many events, compile once with
 * `compileMetricExtractor` (metric-extractor.ts), which gives the same results.
 */
export function extractMetric(ast: FilterPatternAst, spec: MetricTransformationSpec, message: string): MetricExtraction {
  const result = evaluate(ast, message);
  const refs = {
    value: requireReference(spec.metricValue),
    dimensions: Object.entries(spec.dimensions ?? {}).map(([name, text]) => [name, requireReference(text)] as const),
    defaultValue: spec.defaultValue,
  };
  if (!result.matched) return unmatched(refs);
  return publishedMetric(refs, ast, ast.kind === "json" ? new LogMessage(message).json() : undefined, result.extractedValues);
}

/** Classifies a reference of a metric transformation; throws MetricTransformationError when it cannot be read at all. */
export function requireReference(text: string): ValueReference {
  const ref = parseValueReference(text);
  if (ref.type === "invalid") {
    throw new MetricTransformationError(`Invalid metric transformation: '${text}' is not a number, a JSON selector or a field reference.`);
  }
  return ref;
}

/** `extractMetric` prepared for many events: compiles the pattern and the references once. */
export function compileMetricExtraction(ast: FilterPatternAst, spec: MetricTransformationSpec): MetricExtractor {
  return compileMetricExtractor(ast, spec, requireReference);
}
