import { Construct } from "constructs";
import { TerraformStack } from "cdktf";

/**
 * A construct tree outside any App, for building constructs only to inspect them (what a workload's
 * addresses are, how many resources a stack holds). An App would create its output directory.
 */
export function detachedRoot(): Construct {
  return new Construct(undefined as unknown as Construct, "");
}

export function scratchStack(): TerraformStack {
  return new TerraformStack(detachedRoot(), "scratch");
}
