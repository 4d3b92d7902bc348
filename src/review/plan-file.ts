import type { TerraformPlanJson } from "../terraform/plan-json";
import { ReviewInputError } from "./errors";
import { readJson } from "./synth-output";

/** A Terraform plan in JSON, and the stack it plans (when the command line names it). */
export interface PlanInput {
  readonly file: string;
  /** From `--plan STACK=FILE`; otherwise inferred from the head synth. */
  readonly stack?: string;
  readonly plan: TerraformPlanJson;
}

/**
 * Loads `terraform show -json <planfile>` output. `spec` is `FILE` or `STACK=FILE`. Refuses, with a
 * message saying what the file is instead, a state, a configuration or anything else.
 */
export function loadPlanFile(spec: string, argument = "--plan", cwd: string = process.cwd()): PlanInput {
  const eq = spec.indexOf("=");
  const named = eq > 0 && /^[A-Za-z0-9_.-]+$/.test(spec.slice(0, eq));
  const stack = named ? spec.slice(0, eq) : undefined;
  const file = named ? spec.slice(eq + 1) : spec;
  const json = readJson(file, argument, cwd) as Record<string, unknown> | null;
  const why = notAPlan(json);
  if (why) throw new ReviewInputError(argument, `${file} is not a Terraform plan in JSON: ${why}`);
  return { file, stack, plan: json as unknown as TerraformPlanJson };
}

function notAPlan(json: Record<string, unknown> | null): string | undefined {
  if (!json || typeof json !== "object" || Array.isArray(json)) return "expected a JSON object";
  if (json.resource && typeof json.resource === "object") return "it is a Terraform configuration (cdk.tf.json); pass the plan (terraform show -json <planfile>)";
  if (typeof json.format_version !== "string") return 'it has no "format_version" (expected the output of terraform show -json <planfile>)';
  if (json.values && !json.planned_values) return "it is a state (terraform show -json without a plan file); pass terraform show -json <planfile>";
  if (!Array.isArray(json.resource_changes) && !json.planned_values) return 'it has neither "resource_changes" nor "planned_values"';
  return undefined;
}
