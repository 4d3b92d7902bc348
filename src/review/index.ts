/**
 * Pull-request review: what a change does to logs, metrics and alarms, risks first. Inputs are two
 * synthesized outputs and/or Terraform plans in JSON; output is Markdown or JSON. See the README, "Reviewing changes".
 */
export { UNKNOWN, destroys, isChange } from "./change-set";
export type { Attributes, ChangeAction, ChangeSource, ResourceChange, StackChanges, StackLocation } from "./change-set";
export { estimateCost, hintsFromSynth } from "./cost/estimate";
export type { CostEstimate, CostLine, SideCost, StackCost } from "./cost/estimate";
export { PRICES } from "./cost/prices";
export { ReviewInputError } from "./errors";
export { affectedFlow, MAX_FLOW_NODES } from "./flow";
export type { FlowEdge, FlowNode, FlowNodeKind, StackFlow } from "./flow";
export { renderMermaid } from "./mermaid";
export { findMoves } from "./moves";
export type { Move } from "./moves";
export { comparePatternSamples, presetOfFilter } from "./pattern-samples";
export type { PatternSampleComparison, SampleLine, SideResult } from "./pattern-samples";
export { planStackChanges } from "./plan-changes";
export { loadPlanFile } from "./plan-file";
export type { PlanInput } from "./plan-file";
export { renderJson } from "./render-json";
export { renderMarkdown } from "./render-markdown";
export { reviewChanges } from "./review";
export type { MoveSummary, Review, ReviewInput } from "./review";
export { findRisks, RISK_RULES } from "./rules";
export type { Risk, RiskRule, Severity } from "./rules";
export { summarizeStack } from "./summary";
export type { StackSummary } from "./summary";
export { diffSynthOutputs } from "./synth-diff";
export { findWorkloadChanges } from "./workloads";
export type { WorkloadChange, WorkloadSide } from "./workloads";
export { loadSynthOutput } from "./synth-output";
export type { StackJson, SynthOutput } from "./synth-output";
