/**
 * The CloudWatch Logs filter-pattern language, offline: parser, evaluator (TestMetricFilter
 * semantics), metric-value extraction and a typed builder. See docs/patterns.md.
 */
export * from "./ast";
export {
  FilterPatternError,
  InvalidParameterError,
  isUserError,
  MAX_FILTER_PATTERN_LENGTH,
  MAX_REGEXES,
  MAX_WILDCARD_SELECTORS,
  MAX_WILDCARDS_PER_SELECTOR,
  TestMetricFilterInputError,
} from "./errors";
export type { FilterPatternErrorReason } from "./errors";
export { parseFilterPattern, countRegexes } from "./parser";
export { printFilterPattern, printSelector } from "./printer";
export { compileRegex } from "./regex";
export type { CompiledRegex } from "./regex";
export { evaluate, compileFilterPattern } from "./evaluator";
export type { CompiledFilterPattern, EvaluationResult } from "./evaluator";
export {
  extractMetric,
  compileMetricExtraction,
  validateMetricTransformation,
  parseValueReference,
  MetricTransformationError,
  MAX_DIMENSIONS,
  MAX_METRIC_VALUE_LENGTH,
} from "./metric-value";
export type { MetricTransformationSpec, MetricExtraction, ValueReference } from "./metric-value";
export { LogMessage } from "./metric-extractor";
export type { MetricExtractor } from "./metric-extractor";
export { FilterPattern, JsonPattern, SpaceDelimitedPattern, parseSelector } from "./builder";
export type { IFilterPattern, ColumnRestriction, NumberOperator, StringOperator } from "./builder";
export { testMetricFilter, MAX_LOG_EVENT_MESSAGES, MIN_LOG_EVENT_MESSAGES } from "./test-metric-filter";
export type { TestMetricFilterInput, TestMetricFilterMatch, TestMetricFilterOutput } from "./test-metric-filter";
