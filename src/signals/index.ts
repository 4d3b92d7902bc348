import { bedrockCatalogue } from "./bedrock";
import { genericCatalogue } from "./generic";
import { gpuHostCatalogue } from "./gpu-host";
import { llmAppCatalogue } from "./llm-app";
import { llmInferenceCatalogue } from "./llm-inference";
import { sagemakerEndpointCatalogue } from "./sagemaker-endpoint";
import { trainingJobCatalogue } from "./training-job";
import type { KindContent, SignalPreset, WorkloadKindCatalogue } from "./types";

export * from "./types";

/** Every workload kind the product knows. A new kind is a new data module added here. */
export const WORKLOAD_KINDS: readonly WorkloadKindCatalogue[] = [
  genericCatalogue,
  llmInferenceCatalogue,
  llmAppCatalogue,
  bedrockCatalogue,
  sagemakerEndpointCatalogue,
  trainingJobCatalogue,
  gpuHostCatalogue,
];

export type WorkloadKind = string;

export const WORKLOAD_KIND_NAMES: readonly string[] = WORKLOAD_KINDS.map((k) => k.kind);

export function catalogueFor(kind: string): WorkloadKindCatalogue {
  const found = WORKLOAD_KINDS.find((k) => k.kind === kind);
  if (!found) throw new Error(`unknown workload kind '${kind}'; valid: ${WORKLOAD_KIND_NAMES.join(", ")}`);
  return found;
}

export function presetFor(kind: string, id: string): SignalPreset | undefined {
  return catalogueFor(kind).signals.find((s) => s.id === id);
}

/** The ids config may tune under `signals:` for a kind: its signals, ratio alarms and service alarms. */
export function tunableIds(catalogue: WorkloadKindCatalogue): string[] {
  return [
    ...catalogue.signals.map((s) => s.id),
    ...(catalogue.ratios ?? []).map((r) => r.id),
    ...(catalogue.serviceAlarms ?? []).map((a) => a.id),
  ];
}

/** Signals, queries and query fields of a kind for the workload's field names (defaults when none). */
export function kindContent(catalogue: WorkloadKindCatalogue, fields: Readonly<Record<string, string>> = {}): KindContent {
  if (catalogue.fieldNames) return catalogue.fieldNames.build({ ...catalogue.fieldNames.defaults, ...fields });
  return { signals: catalogue.signals, queries: catalogue.queries ?? [], queryFields: catalogue.queryFields ?? [] };
}
