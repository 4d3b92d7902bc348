import { genericCatalogue } from "./generic";
import type { SignalPreset, WorkloadKindCatalogue } from "./types";

export * from "./types";

/** Every workload kind the product knows. A new kind is a new data module added here. */
export const WORKLOAD_KINDS: readonly WorkloadKindCatalogue[] = [genericCatalogue];

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
