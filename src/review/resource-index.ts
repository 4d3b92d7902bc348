import type { Attributes, ResourceChange } from "./change-set";
import { parseReference } from "./values";

/** Attributes that name a resource in AWS, by which literal values (from a plan) point at it. */
const IDENTITY_ATTRIBUTES = ["arn", "name", "id", "alarm_name", "bucket"] as const;

/**
 * One side (before or after) of a stack's resources, to resolve what an attribute value points at:
 * a `${type.name.attr}` reference (synthesized JSON) or a literal name or ARN (plan values).
 */
export class SideIndex {
  private readonly byAddress = new Map<string, ResourceChange>();

  constructor(
    resources: readonly ResourceChange[],
    readonly side: "before" | "after",
  ) {
    for (const r of resources) if (r[side]) this.byAddress.set(r.address, r);
  }

  attributes(address: string): Attributes | undefined {
    return this.byAddress.get(address)?.[this.side];
  }

  ofType(type: string): ResourceChange[] {
    return [...this.byAddress.values()].filter((r) => r.type === type);
  }

  /** The address of the resource of one of `types` that `value` names, if it is in this stack. */
  resolve(value: unknown, types: readonly string[]): string | undefined {
    const ref = parseReference(value);
    if (ref) {
      const target = this.byAddress.get(ref.address);
      return target && types.includes(target.type) ? ref.address : undefined;
    }
    if (typeof value !== "string" || value === "") return undefined;
    for (const type of types) {
      for (const r of this.ofType(type)) {
        const attrs = r[this.side]!;
        if (IDENTITY_ATTRIBUTES.some((k) => attrs[k] === value)) return r.address;
      }
    }
    return undefined;
  }
}
