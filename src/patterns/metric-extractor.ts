/**
 * A metric transformation prepared for many events, as a metric filter applies it: the pattern is
 * compiled once, and a JSON message is parsed once per event however many filters read it (the
 * `LogMessage` carries the parse). Gives exactly what `extractMetric` gives (reference §7); both
 * share `publishedMetric` below.
 */
import { FilterPatternAst } from "./ast";
import { compileFilterPattern } from "./evaluator";
import { parseJsonMessage, RawNumber, resolveSingle } from "./json-document";
import { compileJsonExpression, JsonContext, jsonContext } from "./json-matcher";
import type { MetricExtraction, MetricTransformationSpec, ValueReference } from "./metric-value";
import { parseMetricNumber } from "./number-text";

/** One log event's message, with its JSON parse made at most once and shared by every reader. */
export class LogMessage {
  private context: JsonContext | null | undefined;

  public constructor(public readonly text: string) {}

  /** The message as JSON (the rules of `parseJsonMessage`), or undefined when it is not a JSON object. */
  public json(): JsonContext | undefined {
    if (this.context === undefined) {
      const parsed = parseJsonMessage(this.text);
      this.context = parsed ? jsonContext(parsed.doc, parsed.text) : null;
    }
    return this.context ?? undefined;
  }
}

export interface MetricExtractor {
  extract(message: LogMessage): MetricExtraction;
}

/** References of a transformation, classified once. */
export interface TransformationReferences {
  readonly value: ValueReference;
  readonly dimensions: readonly (readonly [string, ValueReference])[];
  readonly defaultValue: number | undefined;
}

/** Compiles `ast` and the references of `spec`; `classify` turns reference text into a ValueReference (and rejects bad ones). */
export function compileMetricExtractor(
  ast: FilterPatternAst,
  spec: MetricTransformationSpec,
  classify: (text: string) => ValueReference
): MetricExtractor {
  const refs: TransformationReferences = {
    value: classify(spec.metricValue),
    dimensions: Object.entries(spec.dimensions ?? {}).map(([name, text]) => [name, classify(text)] as const),
    defaultValue: spec.defaultValue,
  };
  if (ast.kind === "json") {
    const predicate = compileJsonExpression(ast.expression);
    return {
      extract(message) {
        const json = message.json();
        const matched = json !== undefined && predicate(json);
        return matched ? publishedMetric(refs, ast, json, NO_VALUES) : unmatched(refs);
      },
    };
  }
  const matcher = compileFilterPattern(ast);
  return {
    extract(message) {
      const result = matcher.evaluate(message.text);
      return result.matched ? publishedMetric(refs, ast, undefined, result.extractedValues) : unmatched(refs);
    },
  };
}

const NO_VALUES: Readonly<Record<string, string>> = Object.freeze({});
const NO_DIMENSIONS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NOTHING: MetricExtraction = Object.freeze({ matched: false, value: null, dimensions: NO_DIMENSIONS });

/** A non-matching event publishes the default value, or nothing (a shared result: no allocation per event). */
export function unmatched(refs: TransformationReferences): MetricExtraction {
  return refs.defaultValue === undefined ? NOTHING : { matched: false, value: refs.defaultValue, dimensions: NO_DIMENSIONS };
}

/**
 * What a matching event publishes: its value (or nothing), with its dimensions. References are read
 * from the message's JSON (JSON patterns) or from the fields the pattern extracted (space-delimited).
 */
export function publishedMetric(
  refs: TransformationReferences,
  ast: FilterPatternAst,
  json: JsonContext | undefined,
  extracted: Readonly<Record<string, string>>
): MetricExtraction {
  let dimensions = NO_DIMENSIONS;
  let complete = true;
  if (refs.dimensions.length > 0) {
    dimensions = {};
    for (const [name, ref] of refs.dimensions) {
      const value = ast.kind === "json" ? readJson(json, ref) : readField(ast, extracted, ref);
      if (value === undefined) complete = false;
      else dimensions[name] = value;
    }
  }
  const ref = refs.value;
  const raw = ref.type === "literal" ? ref.value : ast.kind === "json" ? readJsonNumber(json, ref) : readField(ast, extracted, ref);
  // A JSON number is the number its spelling reads as (JSON numbers are decimal numbers); only a finite one publishes.
  const value = !complete || raw === undefined ? null : typeof raw === "number" ? (Number.isFinite(raw) ? raw : null) : parseMetricNumber(raw);
  return { matched: true, value, dimensions };
}

/** A space-delimited field's extracted text. */
export function readField(ast: FilterPatternAst, extracted: Readonly<Record<string, string>>, ref: ValueReference): string | undefined {
  if (ref.type === "literal") return String(ref.value);
  if (ref.type !== "field" || ast.kind !== "space") return undefined;
  return Object.prototype.hasOwnProperty.call(extracted, ref.key) ? extracted[ref.key] : undefined;
}

/** A JSON selector's value for the metric: a number as is, a string or boolean as text. */
export function readJsonNumber(json: JsonContext | undefined, ref: ValueReference): string | number | undefined {
  if (ref.type === "literal") return ref.value;
  if (ref.type !== "selector" || !json) return undefined;
  const value = resolveSingle(json.doc, ref.selector.steps);
  if (typeof value === "number" || typeof value === "string") return value;
  return typeof value === "boolean" ? String(value) : undefined;
}

/** Reads a JSON selector as text: a string as is, a number as spelled in the message, a boolean as true/false. */
export function readJson(json: JsonContext | undefined, ref: ValueReference): string | undefined {
  if (ref.type === "literal") return String(ref.value);
  if (ref.type !== "selector" || !json) return undefined;
  const value = resolveSingle(json.doc, ref.selector.steps);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value !== "number") return undefined;
  const spelled = resolveSingle(json.raw(), ref.selector.steps);
  return spelled instanceof RawNumber ? spelled.text : String(value);
}
