import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfigFile } from "../config/load";
import { buildModel } from "../model/build-model";
import { phaseIndex, stackApplyOrder, type ApplyPhase, type StackApplyPhase } from "../stacks/apply-order";

/** What an Atlantis project needs to know about one synthesized stack. */
export interface StackInfo {
  readonly name: string;
  /** The backend the stack's state lives in (`s3`, `local`, ...). */
  readonly backend: string;
  /** Stacks it references (cdktf manifest): applied in an earlier execution group. */
  readonly dependencies: readonly string[];
  /** Its phase in the product's apply order (src/stacks/apply-order.ts). */
  readonly phase: ApplyPhase;
}

/** Stack names, backends, dependencies and apply phases of a synthesized cdktf.out, by name. */
export function readStacks(outdir: string, order: readonly StackApplyPhase[]): StackInfo[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string; dependencies?: string[] }>;
  };
  return Object.entries(manifest.stacks)
    .map(([name, s]) => {
      const stack = JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), "utf8")) as { terraform?: { backend?: Record<string, unknown> } };
      const phase = order.find((o) => o.stack === name)?.phase;
      if (!phase) throw new Error(`stack ${name} has no place in the apply order (src/stacks/apply-order.ts)`);
      return { name, backend: Object.keys(stack.terraform?.backend ?? {})[0] ?? "local", dependencies: s.dependencies ?? [], phase };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The product's apply order for the stacks a config file synthesizes. */
export function applyOrderOf(configFile: string): StackApplyPhase[] {
  return stackApplyOrder(buildModel(loadConfigFile(configFile), configFile));
}

/** Atlantis plans these; the one-time state-bucket bootstrap stacks keep local state and are applied by hand. */
export const hasRemoteState = (stack: StackInfo): boolean => stack.backend !== "local";

/**
 * Atlantis applies lower groups first: the stack's apply phase (state 0, archive 1, monitoring 2), and
 * later than any stack it references through cdktf (none today, but a reference must never run first).
 */
export function executionGroup(stack: StackInfo, all: readonly StackInfo[], seen: string[] = []): number {
  if (seen.includes(stack.name)) throw new Error(`stack dependency cycle: ${[...seen, stack.name].join(" -> ")}`);
  const deps = all.filter((s) => stack.dependencies.includes(s.name));
  return Math.max(phaseIndex(stack.phase), ...deps.map((d) => 1 + executionGroup(d, all, [...seen, stack.name])));
}
