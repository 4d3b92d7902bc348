import { createHash } from "node:crypto";
import { DEFAULT_GROUP } from "../config/archive-schema";
import { addressId } from "./naming";

/**
 * Names of the AI-monitoring resources. Like naming.ts, these are part of the product's contract:
 * Terraform addresses and AWS names must stay stable across releases.
 */

/** `input-tokens` with dimensions {ModelId} -> `input-tokens-by-model-id`: the per-dimension companion. */
export function breakdownId(signalId: string, dimensionNames: readonly string[]): string {
  const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  return `${signalId}-by-${dimensionNames.map(kebab).join("-")}`;
}

/** `anthropic.claude-3-5-sonnet-20240620-v1:0` -> `anthropic-claude-3-5-sonnet-20240620-v1-0`. */
export function valueSlug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** Saved queries appear in the console in folders: `<project>/<environment>/<workload>/<query>`. */
export function queryDefinitionName(project: string, environment: string, workload: string, query: string): string {
  return `${project}/${environment}/${workload}/${query}`;
}

export function dashboardName(project: string, environment: string): string {
  return `${project}-${environment}-ai-workloads`;
}

/** The log group data protection findings go to, one per monitoring stack (environment and group). */
export function auditLogGroupName(project: string, environment: string, group: string = DEFAULT_GROUP): string {
  return group === DEFAULT_GROUP ? `/${project}/${environment}/data-protection-audit` : `/${project}/${environment}/${group}/data-protection-audit`;
}

/** Address of the audit log group (workload names may not be `data-protection-audit`, see the schema). */
export const AUDIT_LOG_GROUP_ADDRESS = addressId("data-protection-audit");
export const RESERVED_WORKLOAD_NAMES = ["data-protection-audit"] as const;

/** A name cut to `max` characters, keeping it unique with a short hash of the whole name. */
export function boundedName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, max - 9).replace(/-+$/, "")}-${hash}`;
}
