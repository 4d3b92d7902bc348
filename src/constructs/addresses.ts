import type { TerraformElement } from "cdktf";

/**
 * Construct ids become Terraform addresses, and cdktf appends a hash to nested ones. A changed
 * address destroys and recreates the resource (for a log group: its logs), so every resource and
 * output this library emits gets a deliberate, readable address through this one function.
 */
export function pinAddress<T extends TerraformElement>(element: T, address: string): T {
  element.overrideLogicalId(address);
  return element;
}

/** The lifecycle of resources that hold data: Terraform refuses to destroy them unless allowed. */
export function protectData(allowDestroy: boolean): { preventDestroy: boolean } {
  return { preventDestroy: !allowDestroy };
}
