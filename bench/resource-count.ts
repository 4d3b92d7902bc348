import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Terraform resources per stack of a synthesized `cdktf.out`. */
export function resourcesPerStack(outdir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource?: Record<string, object> };
    counts[stack] = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  }
  return counts;
}
