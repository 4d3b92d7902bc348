import { diagnosticsOf } from "./emulator-gaps";
import { resourceAt, type SynthesizedStack } from "./synthesized-stack";
import { failure, targetArgs, terraform, type StackContext } from "./terraform-cli";

export interface DestroyRefusal {
  /** Applied resources the stack marks `prevent_destroy` (its data: log groups, buckets, keys, catalog). */
  readonly protectedResources: readonly string[];
  /** Those Terraform named in its refusal. It stops at the first protected resource on each destroy path, so the others wait behind them. */
  readonly refusedBy: readonly string[];
}

/**
 * `terraform destroy -auto-approve` must be refused, by prevent_destroy and nothing else, and destroy
 * nothing: its plan fails, so Terraform starts no action (its JSON stream has no `apply_start`).
 * `-refresh=false`: prevent_destroy is judged on the planned deletions, which refreshing cannot change; it
 * only costs every stack a read of all its resources (the plans after each apply did that already).
 */
export async function checkDestroyRefused(ctx: StackContext, stack: SynthesizedStack, targets: readonly string[] | undefined): Promise<DestroyRefusal> {
  const applied = targets ?? stack.addresses;
  const protectedResources = applied.filter((a) => (resourceAt(stack, a).lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true);
  if (protectedResources.length === 0) throw failure(ctx, "no applied resource is protected by prevent_destroy");

  const destroy = await terraform(ctx, ["destroy", "-auto-approve", "-input=false", "-refresh=false", "-json", ...targetArgs(targets)]);
  if (destroy.code === 0) throw failure(ctx, "terraform destroy succeeded; prevent_destroy should have refused it", destroy);
  const errors = diagnosticsOf(destroy.stdout).filter((d) => d.severity === "error");
  const refusedBy = errors.map((d) => /Resource (\S+) has lifecycle\.prevent_destroy set/.exec(d.detail)?.[1]);
  const other = errors.filter((_, i) => !refusedBy[i] || !protectedResources.includes(refusedBy[i] as string));
  if (errors.length === 0 || other.length > 0) {
    throw failure(ctx, `terraform destroy failed, but not only through prevent_destroy: ${other.map((d) => `${d.summary}: ${d.detail}`).join("; ")}`, destroy);
  }
  const started = destroy.stdout.split("\n").filter((l) => l.includes('"type":"apply_start"'));
  if (started.length > 0) throw failure(ctx, `terraform destroy was refused, yet started ${started.length} actions`, destroy);
  return { protectedResources, refusedBy: refusedBy as string[] };
}
