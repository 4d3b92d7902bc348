import { isDeepStrictEqual } from "node:util";
import type { StackJson, SynthOutput } from "../review";

/** Which stacks of the head differ from the base as Terraform reads them. */
export interface StackComparison {
  /** In the head and new, or different from the base: these need a plan. */
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
  /** In the base only: nothing in the head to plan them with. */
  readonly removed: readonly string[];
}

/** A Terraform JSON value without its `//` keys, which Terraform reads as comments (cdktf's metadata). */
function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, withoutComments(v)]));
}

/** Two stacks are the same when their configuration is, whatever the order of keys and the comments. */
export function sameStack(a: StackJson, b: StackJson): boolean {
  return isDeepStrictEqual(withoutComments(a), withoutComments(b));
}

export function compareStacks(base: SynthOutput, head: SynthOutput): StackComparison {
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const [name, stack] of head.stacks) {
    const before = base.stacks.get(name);
    (before && sameStack(before, stack) ? unchanged : changed).push(name);
  }
  const removed = [...base.stacks.keys()].filter((name) => !head.stacks.has(name));
  return { changed, unchanged, removed };
}
