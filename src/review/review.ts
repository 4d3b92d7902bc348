import { isChange, type ResourceChange, type StackChanges } from "./change-set";
import { ReviewInputError } from "./errors";
import { affectedFlow, type StackFlow } from "./flow";
import { estimateCost, hintsFromSynth, type CostEstimate } from "./cost/estimate";
import { findMoves, type Move } from "./moves";
import { planConfigAddresses, planStackChanges } from "./plan-changes";
import type { PlanInput } from "./plan-file";
import { findRisks, type Risk } from "./rules";
import { findWorkloadChanges } from "./workloads";
import { summarizeStack, type StackSummary } from "./summary";
import { diffSynthOutputs } from "./synth-diff";
import { preventDestroyIn } from "./synth-diff";
import type { StackJson, SynthOutput } from "./synth-output";

/** What to review: two synthesized outputs, and/or plans of some of the stacks. */
export interface ReviewInput {
  /** The pull request's base, synthesized. @default none (plans only) */
  readonly base?: SynthOutput;
  /** The pull request's head, synthesized. @default none (plans only) */
  readonly head?: SynthOutput;
  /** Real plans; a stack with a plan is reviewed from it, the others from the synth diff. @default none */
  readonly plans?: readonly PlanInput[];
}

export interface MoveSummary {
  readonly kind: Move["kind"];
  readonly type: string;
  readonly from: { readonly stack: string; readonly address: string; readonly action: string };
  readonly to: { readonly stack: string; readonly address: string; readonly action: string };
}

export interface Review {
  /** Bumped when the JSON shape changes incompatibly. */
  readonly formatVersion: 1;
  readonly sources: { readonly base?: string; readonly head?: string; readonly plans: readonly { file: string; stack: string }[] };
  /** Highest severity first. */
  readonly risks: readonly Risk[];
  /** Resources that leave one address for another with the same AWS identity (see moves.ts). */
  readonly moves: readonly MoveSummary[];
  readonly stacks: readonly StackSummary[];
  /** Affected flow per stack that has one. */
  readonly flows: readonly StackFlow[];
  /** Every change (no-ops left out), stack by stack. */
  readonly changes: readonly ResourceChange[];
  /** Monthly cost before and after, per stack and in total (docs/review-cost.md). */
  readonly cost: CostEstimate;
}

/** Synth diff and/or plans -> the review. Throws ReviewInputError for inputs that cannot be combined. */
export function reviewChanges(input: ReviewInput): Review {
  const plans = input.plans ?? [];
  if (!(input.base && input.head) && plans.length === 0) {
    throw new ReviewInputError(input.base ? "--head" : "--base", "give both --base and --head (synthesized outputs), or at least one --plan");
  }
  const planned = new Map<string, StackChanges>();
  const planSources: { file: string; stack: string }[] = [];
  for (const plan of plans) {
    const stack = plan.stack ?? inferStack(plan, input.head);
    const known = input.head ?? input.base;
    if (plan.stack && known && !known.stacks.has(plan.stack)) {
      throw new ReviewInputError("--plan", `${plan.stack}=${plan.file}: no stack named ${plan.stack} in ${input.head ? "--head" : "--base"} (stacks: ${[...known.stacks.keys()].join(", ")})`);
    }
    if (planned.has(stack)) throw new ReviewInputError("--plan", `two plans for stack ${stack} (${planned.get(stack)!.planFile} and ${plan.file})`);
    planned.set(stack, withLifecycle(planStackChanges(plan, stack), input.base?.stacks.get(stack), input.head?.stacks.get(stack)));
    planSources.push({ file: plan.file, stack });
  }
  const fromSynth = input.base && input.head ? diffSynthOutputs(input.base, input.head) : [];
  const stacks = [...fromSynth.filter((s) => !planned.has(s.name)), ...planned.values()].sort((a, b) => a.name.localeCompare(b.name));

  const moves = findMoves(stacks);
  const workloads = findWorkloadChanges(stacks);
  return {
    formatVersion: 1,
    sources: { base: input.base?.dir, head: input.head?.dir, plans: planSources },
    risks: findRisks({ stacks, moves, workloads }),
    moves: moves.map((m) => ({
      kind: m.kind,
      type: m.from.type,
      from: { stack: m.from.stack, address: m.from.address, action: m.from.action },
      to: { stack: m.to.stack, address: m.to.address, action: m.to.action },
    })),
    stacks: stacks.map(summarizeStack),
    flows: stacks.map(affectedFlow).filter((f): f is StackFlow => f !== undefined),
    changes: stacks.flatMap((s) => s.resources.filter(isChange)),
    cost: estimateCost(stacks, hintsFromSynth(input.base, input.head)),
  };
}

/**
 * A plan never shows `prevent_destroy` (a lifecycle setting); the synthesized configurations do.
 * Without them, plan-reviewed stacks keep both flags false.
 */
function withLifecycle(stack: StackChanges, base: StackJson | undefined, head: StackJson | undefined): StackChanges {
  if (!base && !head) return stack;
  return {
    ...stack,
    resources: stack.resources.map((r) => ({
      ...r,
      preventDestroy: head ? preventDestroyIn(head, r.address) : r.preventDestroy,
      wasPreventDestroy: base ? preventDestroyIn(base, r.movedFrom ?? r.address) : r.wasPreventDestroy,
    })),
  };
}

/**
 * The head stack a plan belongs to: the one whose resource addresses it plans. Without a head,
 * the plan file's directory when it is a stack directory, else the file name.
 */
function inferStack(plan: PlanInput, head: SynthOutput | undefined): string {
  const planned = new Set(planConfigAddresses(plan.plan));
  if (head) {
    let best: { name: string; score: number } | undefined;
    for (const [name, stack] of head.stacks) {
      const addresses = Object.entries((stack.resource ?? {}) as Record<string, Record<string, unknown>>).flatMap(([t, byName]) =>
        Object.keys(byName).map((n) => `${t}.${n}`),
      );
      const common = addresses.filter((a) => planned.has(a)).length;
      const score = common / Math.max(addresses.length, planned.size, 1);
      if (common > 0 && (!best || score > best.score)) best = { name, score };
    }
    if (best) return best.name;
    throw new ReviewInputError("--plan", `${plan.file} plans none of the head's stacks (${[...head.stacks.keys()].join(", ")}); name it: --plan STACK=${plan.file}`);
  }
  const parts = plan.file.split(/[\\/]/);
  const stacksAt = parts.lastIndexOf("stacks");
  if (stacksAt >= 0 && stacksAt + 1 < parts.length - 1) return parts[stacksAt + 1];
  return parts[parts.length - 1].replace(/\.(plan\.)?json$/, "");
}
