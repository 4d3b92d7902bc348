import { evaluate, FilterPatternError, parseFilterPattern } from "../patterns";
import { unescapeTemplateLiteral } from "../terraform/template-literals";
import { signalResourceName } from "../model/naming";
import { catalogueFor, type SignalPreset } from "../signals";
import type { Attributes, ResourceChange, StackChanges } from "./change-set";
import { SideIndex } from "./resource-index";
import { str, tagsOf } from "./values";

/**
 * What a changed filter pattern does to the sample log lines of its preset in the signal
 * catalogue: how many lines that must match do, and how many that must not match do, before and
 * after, by the offline evaluator (TestMetricFilter semantics).
 */

export interface SampleLine {
  readonly line: string;
  /** The catalogue says this line must match (true) or must not (false). */
  readonly shouldMatch: boolean;
  readonly before: boolean;
  readonly after: boolean;
}

export interface SideResult {
  readonly pattern: string;
  /** The parser's message when the pattern is not valid (AWS would reject it). */
  readonly error?: string;
  /** Lines that should match and do. */
  readonly matched: number;
  /** Lines that should not match but do. */
  readonly falsePositives: number;
}

export interface PatternSampleComparison {
  /** The preset the filter was generated from, when it is one. */
  readonly preset?: { readonly kind: string; readonly id: string; readonly title: string };
  /** Why there are no samples (a custom signal, an unknown workload kind). */
  readonly noSamplesReason?: string;
  readonly shouldMatch: number;
  readonly shouldNotMatch: number;
  readonly before: SideResult;
  readonly after: SideResult;
  readonly lines: readonly SampleLine[];
}

/** Identifies the preset of a metric filter by its log group's `workload` / `workload-kind` tags and its name. */
export function presetOfFilter(
  filter: Attributes,
  index: SideIndex,
  defaultTags: Readonly<Record<string, string>>,
): { kind: string; preset?: SignalPreset; reason?: string } | undefined {
  const group = index.resolve(filter.log_group_name, ["aws_cloudwatch_log_group"]);
  const tags = { ...defaultTags, ...tagsOf(group ? index.attributes(group) : undefined) };
  const workload = tags.workload;
  const kind = tags["workload-kind"];
  const name = str(filter.name);
  if (!workload || !kind || !name) return undefined;
  let presets: readonly SignalPreset[];
  try {
    presets = catalogueFor(kind).signals;
  } catch {
    return { kind, reason: `workload kind '${kind}' is not in this version's signal catalogue` };
  }
  const conventional = (id: string) =>
    tags.project && tags.environment ? signalResourceName(tags.project, tags.environment, workload, id) === name : name.endsWith(`-${workload}-${id}`);
  const preset = presets.find((p) => conventional(p.id));
  return preset ? { kind, preset } : { kind, reason: `${name} is a custom signal of workload '${workload}' (no catalogue samples)` };
}

/** Sample-line comparison for a filter whose pattern changes; undefined when it does not. */
export function comparePatternSamples(change: ResourceChange, stack: StackChanges): PatternSampleComparison | undefined {
  // Synthesized JSON holds Terraform templates (config text escaped); a plan holds the values themselves.
  const literal = (v: unknown) => (stack.source === "synth" && typeof v === "string" ? unescapeTemplateLiteral(v) : str(v));
  const before = literal(change.before?.pattern);
  const after = literal(change.after?.pattern);
  if (before === undefined || after === undefined || before === after) return undefined;
  const match =
    presetOfFilter(change.after!, new SideIndex(stack.resources, "after"), stack.defaultTags) ??
    presetOfFilter(change.before!, new SideIndex(stack.resources, "before"), stack.defaultTags);
  const preset = match?.preset;
  const lines = preset
    ? [...preset.samples.matching.map((s) => ({ line: s.line, shouldMatch: true })), ...preset.samples.nonMatching.map((line) => ({ line, shouldMatch: false }))]
    : [];
  const beforeMatcher = matcher(before);
  const afterMatcher = matcher(after);
  const results = lines.map((l) => ({ ...l, before: beforeMatcher.test(l.line), after: afterMatcher.test(l.line) }));
  const side = (pattern: string, m: Matcher, key: "before" | "after"): SideResult => ({
    pattern,
    error: m.error,
    matched: results.filter((r) => r.shouldMatch && r[key]).length,
    falsePositives: results.filter((r) => !r.shouldMatch && r[key]).length,
  });
  return {
    preset: preset && match ? { kind: match.kind, id: preset.id, title: preset.title } : undefined,
    noSamplesReason: preset ? undefined : (match?.reason ?? "the filter's log group carries no workload tags"),
    shouldMatch: results.filter((r) => r.shouldMatch).length,
    shouldNotMatch: results.filter((r) => !r.shouldMatch).length,
    before: side(before, beforeMatcher, "before"),
    after: side(after, afterMatcher, "after"),
    lines: results,
  };
}

interface Matcher {
  readonly error?: string;
  test(line: string): boolean;
}

function matcher(pattern: string): Matcher {
  try {
    const ast = parseFilterPattern(pattern);
    return { test: (line) => evaluate(ast, line).matched };
  } catch (e) {
    if (e instanceof FilterPatternError) return { error: e.message, test: () => false };
    throw e;
  }
}
