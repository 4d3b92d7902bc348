import { TerraformDataSource, TerraformOutput, type TerraformElement, type TerraformStack } from "cdktf";

/** Addresses pinned so far, per stack: `<type>.<address>` -> construct path. */
const pinned = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * Construct ids become Terraform addresses, and cdktf appends a hash to nested ones. A changed
 * address destroys and recreates the resource (for a log group: its logs), so every resource and
 * output this library emits gets a deliberate, readable address through this one function.
 * Two elements pinned to one address would silently merge into one in the JSON, so that throws.
 */
export function pinAddress<T extends TerraformElement>(element: T, address: string): T {
  const stack = element.cdktfStack;
  const type = element instanceof TerraformOutput ? "output" : (element as { terraformResourceType?: string }).terraformResourceType ?? element.constructor.name;
  const key = `${element instanceof TerraformDataSource ? "data." : ""}${type}.${address}`;
  const byAddress = pinned.get(stack) ?? new Map<string, string>();
  pinned.set(stack, byAddress);
  const other = byAddress.get(key);
  if (other !== undefined) {
    throw new Error(`two elements of stack ${stack.node.id} would share the Terraform address ${key}: ${other} and ${element.node.path}`);
  }
  byAddress.set(key, element.node.path);
  element.overrideLogicalId(address);
  return element;
}

/** The lifecycle of resources that hold data: Terraform refuses to destroy them unless allowed. */
export function protectData(allowDestroy: boolean): { preventDestroy: boolean } {
  return { preventDestroy: !allowDestroy };
}
