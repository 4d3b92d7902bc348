/**
 * Backtesting: replay recorded log events through the synthesized metric filters and alarms, and
 * see when each alarm would have fired. See docs/backtesting.md.
 */
export { backtest, Backtest, loadModel, type BacktestOptions } from "./backtest";
export { BacktestInputError } from "./errors";
export { INPUT_FORMATS, type InputFormat, type LogEvent } from "./input-formats";
export { readModel } from "./synth-model";
export { nextAlarmState, evaluationRange, type Slot } from "./alarm-state";
export { parseAlarmRule, evaluateAlarmRule, type AlarmRule } from "./composite-rule";
export { parseMetricMath, evaluateMetricMath, type MathExpression } from "./metric-math";
export { renderBacktestMarkdown } from "./render-markdown";
export { renderBacktestSvg, renderBacktestPng, backtestChartSpec } from "./plot";
export { FORMAT_VERSION, type BacktestReport, type AlarmReport, type Interval, type Datapoint, type ThresholdSuggestion } from "./report";
export type * from "./definitions";
