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
        return publishedMetric(refs, matched, (ref) => readJson(json, ref));
      },
    };
  }
  const matcher = compileFilterPattern(ast);
  return {
    extract(message) {
      const result = matcher.evaluate(message.text);
      return publishedMetric(refs, result.matched, (ref) => readField(ast, result.extractedValues, ref));
    },
  };
}

/** A reference's value as text, or undefined when the event has none. */
export type ReferenceReader = (ref: ValueReference) => string | undefined;

/**
 * What one event contributes to the metric: matched events publish their value (or nothing),
 * non-matching events publish the default value (or nothing).
 */
export function publishedMetric(refs: TransformationReferences, matched: boolean, read: ReferenceReader): MetricExtraction {
  if (!matched) return { matched: false, value: refs.defaultValue ?? null, dimensions: {} };
  const dimensions: Record<string, string> = {};
  let complete = true;
  for (const [name, ref] of refs.dimensions) {
    const value = read(ref);
    if (value === undefined) complete = false;
    else dimensions[name] = value;
  }
  const raw = refs.value.type === "literal" ? String(refs.value.value) : read(refs.value);
  const value = complete && raw !== undefined ? parseMetricNumber(raw) : null;
  return { matched: true, value, dimensions };
}

/** A space-delimited field's extracted text. */
export function readField(ast: FilterPatternAst, extracted: Readonly<Record<string, string>>, ref: ValueReference): string | undefined {
  if (ref.type === "literal") return String(ref.value);
  if (ref.type !== "field" || ast.kind !== "space") return undefined;
  return Object.prototype.hasOwnProperty.call(extracted, ref.key) ? extracted[ref.key] : undefined;
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
