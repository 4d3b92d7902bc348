import type { PlanConfigResource, PlanExpression, PlanExpressions, PlanResourceChange, TerraformPlanJson } from "../terraform/plan-json";
import { UNKNOWN, type Attributes, type ChangeAction, type ResourceChange, type StackChanges, type StackLocation } from "./change-set";
import type { PlanInput } from "./plan-file";
import { sameValue } from "./values";

/**
 * One stack's changes from a real plan. Values known only after apply are shown as their
 * configured expression where there is one (`${aws_sns_topic.alerts.arn}`, as in the synthesized
 * JSON), else as UNKNOWN; purely computed attributes that are merely unknown (a new id) are not
 * reported as changes.
 */
export function planStackChanges(input: PlanInput, stack: string): StackChanges {
  const config = new Map((input.plan.configuration?.root_module?.resources ?? []).map((r) => [r.address, r]));
  const resources = (input.plan.resource_changes ?? [])
    .filter((rc) => rc.mode === "managed")
    .map((rc) => resourceChange(rc, config.get(configAddress(rc)), stack));
  return {
    name: stack,
    source: "plan",
    status: resources.some((r) => r.action !== "no-op") ? "changed" : "unchanged",
    defaultTags: planDefaultTags(input.plan),
    location: planLocation(input.plan),
    resources,
    planFile: input.file,
  };
}

/** Addresses of the resources a plan's configuration declares (to recognise its stack). */
export function planConfigAddresses(plan: TerraformPlanJson): string[] {
  const configured = (plan.configuration?.root_module?.resources ?? []).filter((r) => r.mode === "managed").map((r) => r.address);
  return configured.length > 0 ? configured : (plan.resource_changes ?? []).filter((r) => r.mode === "managed").map((r) => r.address);
}

function configAddress(rc: PlanResourceChange): string {
  return rc.index === undefined ? rc.address : rc.address.replace(/\[[^\]]*\]$/, "");
}

function actionOf(rc: PlanResourceChange): ChangeAction {
  const actions = rc.change.actions;
  if (actions.length === 2 && actions.includes("delete") && actions.includes("create")) return "replace";
  switch (actions[0]) {
    case "create":
    case "update":
    case "delete":
    case "forget":
      return actions[0];
    case "no-op":
      return rc.change.importing ? "import" : "no-op";
    default:
      return "no-op"; // read: a data source, nothing changes
  }
}

function resourceChange(rc: PlanResourceChange, config: PlanConfigResource | undefined, stack: string): ResourceChange {
  const action = actionOf(rc);
  const unknown = (rc.change.after_unknown ?? {}) as Record<string, unknown>;
  const before = rc.change.before ?? undefined;
  const after = rc.change.after ? withUnknowns(rc.change.after, unknown, config?.expressions) : undefined;
  const changed =
    before && after && (action === "update" || action === "replace")
      ? [...new Set([...Object.keys(before), ...Object.keys(after)])]
          .filter((k) => (unknown[k] === true ? configuredExpression(config?.expressions, k) !== undefined : !sameValue(before[k], after[k])))
          .sort()
      : [];
  return {
    stack,
    address: rc.address,
    type: rc.type,
    name: rc.name,
    action,
    before,
    after,
    changed,
    replacedBecause: [...new Set((rc.change.replace_paths ?? []).map((p) => String(p[0])))].sort(),
    movedFrom: rc.previous_address,
    importing: rc.change.importing?.id,
    preventDestroy: false,
    wasPreventDestroy: false,
  };
}

/** `after` with every wholly unknown attribute set to its configured expression, or UNKNOWN. */
function withUnknowns(after: Record<string, unknown>, unknown: Record<string, unknown>, expressions: PlanExpressions | undefined): Attributes {
  const copy: Record<string, unknown> = { ...after };
  for (const [attr, isUnknown] of Object.entries(unknown)) {
    if (isUnknown !== true) continue;
    const expression = configuredExpression(expressions, attr);
    copy[attr] = expression?.constant_value ?? UNKNOWN;
  }
  return copy;
}

function configuredExpression(expressions: PlanExpressions | undefined, attr: string): PlanExpression | undefined {
  const e = expressions?.[attr];
  return e && !Array.isArray(e) && (e as PlanExpression).constant_value !== undefined ? (e as PlanExpression) : undefined;
}

function planLocation(plan: TerraformPlanJson): StackLocation {
  const aws = plan.configuration?.provider_config?.aws?.expressions;
  const constant = (name: string) => {
    const e = aws?.[name];
    return e && !Array.isArray(e) ? (e as PlanExpression).constant_value : undefined;
  };
  const accounts = constant("allowed_account_ids");
  const region = constant("region");
  return {
    accountId: Array.isArray(accounts) && typeof accounts[0] === "string" ? accounts[0] : undefined,
    region: typeof region === "string" ? region : undefined,
  };
}

function planDefaultTags(plan: TerraformPlanJson): Record<string, string> {
  const aws = plan.configuration?.provider_config?.aws?.expressions;
  const defaultTags = aws?.default_tags;
  const tags = Array.isArray(defaultTags) ? (defaultTags[0] as PlanExpressions | undefined)?.tags : undefined;
  const value = tags && !Array.isArray(tags) ? (tags as PlanExpression).constant_value : undefined;
  return value && typeof value === "object" ? { ...(value as Record<string, string>) } : {};
}
