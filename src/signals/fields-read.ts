import type { FilterPatternAst } from "../patterns";
import { tryParse } from "../patterns/cached-parse";
import type { JsonExpression, JsonSelector } from "../patterns/ast";

/**
 * Which JSON fields a metric filter or a Logs Insights query reads, as dotted paths
 * (`output.outputBodyJson.metrics.latencyMs`), so that a signal reading a field its workload never
 * logs can be found by comparing paths: the model drops such presets, AIL051 refuses such config.
 */

/** A JSON field and everything under it that a workload's lines never carry, and why. */
export interface UnloggedField {
  /** Dotted path: `output.outputBodyJson` stands for every field under it too. */
  readonly path: string;
  /** The setting that keeps it out, for messages: `bedrock.invocationLogging.textDataDelivery is false`. */
  readonly because: string;
}

/** Member names up to the first index or wildcard step: the part of the path a document must have. */
function selectorPath(selector: JsonSelector): string {
  const names: string[] = [];
  for (const step of selector.steps) {
    if (step.type !== "member") break;
    names.push(step.name);
  }
  return names.join(".");
}

function expressionSelectors(e: JsonExpression): JsonSelector[] {
  if (e.type === "and" || e.type === "or") return e.operands.flatMap(expressionSelectors);
  return [e.selector];
}

function patternSelectors(ast: FilterPatternAst): JsonSelector[] {
  return ast.kind === "json" ? expressionSelectors(ast.expression) : [];
}

/** `$.a.b` metric values and dimension values are JSON selectors too; `$name` (space-delimited) and literals are not. */
function valuePath(value: string): string | undefined {
  if (!value.startsWith("$.")) return undefined;
  return value.slice(2).replace(/\[.*$/, "");
}

/** Fields a metric filter reads: its pattern's selectors, its metric value and its dimension values. */
export function filterFieldsRead(pattern: string, value: string, dimensions: Readonly<Record<string, string>>): string[] {
  // An invalid pattern reads nothing here; AIL019 reports it.
  const ast = tryParse(pattern);
  const selectors = ast ? patternSelectors(ast) : [];
  const paths = [...selectors.map(selectorPath), ...[value, ...Object.values(dimensions)].flatMap((v) => valuePath(v) ?? [])];
  return [...new Set(paths.filter((p) => p.length > 0))];
}

/**
 * Dotted names a Logs Insights query mentions outside its string and regex literals: every field it
 * reads is among them (so are its commands and functions, which match no JSON path).
 */
export function queryFieldsRead(query: string): string[] {
  const code = query.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/(?:[^/\\\n]|\\.)+\//g, " ");
  return [...new Set(code.match(/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+/g) ?? [])];
}

/** The first unlogged field among `paths` (a path is unlogged when it is, or is under, an unlogged field). */
export function firstUnlogged(paths: readonly string[], unlogged: readonly UnloggedField[]): { path: string; field: UnloggedField } | undefined {
  for (const path of paths) {
    const field = unlogged.find((u) => path === u.path || path.startsWith(`${u.path}.`));
    if (field) return { path, field };
  }
  return undefined;
}
