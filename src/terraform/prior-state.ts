import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { providerSchemas, type OfflinePlanResult } from "./offline-plan";
import type { PlanExpression, PlanExpressions, ProviderSchemas, SchemaBlock, SchemaType, TerraformPlanJson } from "./plan-json";

/**
 * A Terraform state (format v4) as if a plan had been applied, built offline from that plan's
 * `terraform show -json`: every planned value, plus the values only AWS would have known (ids,
 * ARNs, key ids) filled in with plausible, deterministic ones, and configured values that depended
 * on them (`"${aws_kms_key.k.arn}"`) evaluated against those. Planning the next configuration with
 * `terraform plan -refresh=false` against this state gives the real provider's diff between the two
 * configurations, with no AWS account and no network: how the review scenarios get update, replace
 * and delete plans.
 */

export interface PriorStateOptions {
  /** `terraform providers schema -json` of an initialized working directory (types of computed attributes). */
  readonly schemas: ProviderSchemas;
  /** Account id that goes into fabricated ARNs. @default "123456789012" */
  readonly accountId?: string;
  /** Region for fabricated ARNs. @default the `aws` provider's configured region, else us-east-1 */
  readonly region?: string;
  /** @default the plan's terraform_version */
  readonly terraformVersion?: string;
}

export interface TerraformStateV4 {
  readonly version: 4;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, never>;
  readonly resources: readonly StateResource[];
}

export interface StateResource {
  readonly mode: "managed";
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances: readonly { schema_version: number; attributes: Record<string, unknown>; sensitive_attributes: []; dependencies?: string[] }[];
}

export class PriorStateError extends Error {}

type Json = unknown;
type Path = readonly (string | number)[];

/** Builds the state; throws PriorStateError naming the resource and attribute it cannot fill. */
/**
 * The state an offline plan (offline-plan.ts) leaves once applied: the plan's planned values with
 * attribute types read from the provider schemas of the directory it ran in.
 */
export function priorStateFromOfflinePlan(
  plan: OfflinePlanResult,
  env: NodeJS.ProcessEnv,
  options: Omit<PriorStateOptions, "schemas"> = {},
): TerraformStateV4 {
  return priorStateFromPlan(plan.planJson, { ...options, schemas: providerSchemas(plan.dir, env) });
}

export function priorStateFromPlan(plan: TerraformPlanJson, options: PriorStateOptions): TerraformStateV4 {
  const resources = (plan.planned_values?.root_module?.resources ?? []).filter((r) => r.mode === "managed");
  if ((plan.planned_values?.root_module?.child_modules ?? []).length > 0) {
    throw new PriorStateError("prior state from a plan supports root-module resources only");
  }
  const changes = new Map((plan.resource_changes ?? []).map((rc) => [rc.address, rc]));
  const config = new Map((plan.configuration?.root_module?.resources ?? []).map((r) => [r.address, r]));
  const region = options.region ?? stringConstant(plan.configuration?.provider_config?.aws?.expressions?.region) ?? "us-east-1";
  const ctx: FillContext = { accountId: options.accountId ?? "123456789012", region };

  const filled = new Map<string, Record<string, Json>>();
  const inProgress = new Set<string>();
  const byAddress = new Map(resources.map((r) => [r.address, r]));

  const attributesOf = (address: string): Record<string, Json> => {
    const done = filled.get(address);
    if (done) return done;
    const resource = byAddress.get(address);
    if (!resource) throw new PriorStateError(`reference to ${address}, which the plan does not create`);
    if (inProgress.has(address)) throw new PriorStateError(`reference cycle through ${address}`);
    inProgress.add(address);
    const values = structuredClone(resource.values ?? {}) as Record<string, Json>;
    const schema = resourceSchema(options.schemas, resource.provider_name, resource.type);
    const unknownLeaves = leafPaths(changes.get(address)?.change.after_unknown);
    // Ids first, then ARNs built from them, then everything else (templates may read both).
    unknownLeaves.sort((a, b) => fillOrder(a) - fillOrder(b));
    for (const path of unknownLeaves) {
      const configured = expressionAt(config.get(address)?.expressions, path);
      const value =
        configured?.expression.constant_value !== undefined
          ? valueAt(
              evaluateTemplate(configured.expression.constant_value, (ref) => resolveReference(ref, attributesOf), `${address}.${path.join(".")}`),
              configured.rest,
            )
          : fabricate(resource.type, path, values, typeAt(schema, path), ctx, address);
      setAt(values, path, value);
    }
    inProgress.delete(address);
    filled.set(address, values);
    return values;
  };

  const stateResources: StateResource[] = resources.map((r) => ({
    mode: "managed",
    type: r.type,
    name: r.name,
    provider: `provider["${r.provider_name}"]`,
    instances: [
      {
        schema_version: r.schema_version,
        attributes: attributesOf(r.address),
        sensitive_attributes: [],
        dependencies: dependenciesOf(config.get(r.address)),
      },
    ],
  }));
  return {
    version: 4,
    terraform_version: options.terraformVersion ?? plan.terraform_version ?? "1.11.0",
    serial: 1,
    lineage: uuidFrom(`lineage:${resources.map((r) => r.address).join(",")}`),
    outputs: {},
    resources: stateResources,
  };
}

export function writePriorState(path: string, state: TerraformStateV4): void {
  writeFileSync(path, JSON.stringify(state, null, 2));
}

interface FillContext {
  readonly accountId: string;
  readonly region: string;
}

function stringConstant(e: PlanExpression | readonly PlanExpressions[] | undefined): string | undefined {
  const v = e && !Array.isArray(e) ? (e as PlanExpression).constant_value : undefined;
  return typeof v === "string" ? v : undefined;
}

function resourceSchema(schemas: ProviderSchemas, provider: string, type: string): SchemaBlock | undefined {
  return schemas.provider_schemas[provider]?.resource_schemas?.[type]?.block;
}

/** Paths of every `true` in an after_unknown tree. */
function leafPaths(unknown: Json, prefix: Path = []): (string | number)[][] {
  if (unknown === true) return [[...prefix]];
  if (Array.isArray(unknown)) return unknown.flatMap((u, i) => leafPaths(u, [...prefix, i]));
  if (unknown && typeof unknown === "object") return Object.entries(unknown).flatMap(([k, u]) => leafPaths(u, [...prefix, k]));
  return [];
}

const FIRST = new Set(["key_id", "name_prefix"]);
const LATE = new Set(["arn", "id"]);
function fillOrder(path: Path): number {
  const leaf = String(path[path.length - 1]);
  if (path.length === 1 && FIRST.has(leaf)) return 0;
  if (path.length === 1 && leaf === "arn") return 2;
  if (path.length === 1 && leaf === "id") return 3;
  return LATE.has(leaf) ? 2 : 1;
}

/**
 * The configured expression that covers `path`, and the rest of the path inside its value (an
 * unknown element of a list attribute is covered by the list's expression).
 */
function expressionAt(expressions: PlanExpressions | undefined, path: Path): { expression: PlanExpression; rest: Path } | undefined {
  let node: unknown = expressions;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (node === undefined || node === null) return undefined;
    if (typeof step === "number") {
      if (!Array.isArray(node)) return undefined;
      node = node[step];
      continue;
    }
    const expr = (node as Record<string, unknown>)[step];
    if (expr && !Array.isArray(expr) && typeof expr === "object" && ("constant_value" in expr || "references" in expr)) {
      return { expression: expr as PlanExpression, rest: path.slice(i + 1) };
    }
    node = expr;
  }
  return undefined;
}

/** The schema type at a path, or "block" for a nested block. */
function typeAt(schema: SchemaBlock | undefined, path: Path): SchemaType | "block" | undefined {
  let block = schema;
  let type: SchemaType | undefined;
  for (const step of path) {
    if (type !== undefined) {
      // Inside a complex attribute type: ["list", T], ["map", T], ["object", {k: T}].
      if (!Array.isArray(type)) return undefined;
      const [kind, inner] = type as [string, unknown];
      type = (kind === "object" ? (inner as Record<string, SchemaType>)[String(step)] : (inner as SchemaType)) ?? undefined;
      continue;
    }
    if (typeof step === "number") continue; // element of a nested block list
    if (!block) return undefined;
    const attribute = block.attributes?.[step];
    if (attribute) {
      type = attribute.type;
      continue;
    }
    const nested = block.block_types?.[step];
    if (!nested) return undefined;
    block = nested.block;
  }
  return type ?? (block ? "block" : undefined);
}

function zeroOf(type: SchemaType | "block" | undefined): Json {
  if (type === "string") return "";
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (type === "block") return [];
  if (Array.isArray(type)) {
    if (type[0] === "map") return {};
    if (type[0] === "object") return null;
    return [];
  }
  return null;
}

/** A plausible value for something only AWS would know. Deterministic, so reruns give equal states. */
function fabricate(type: string, path: Path, values: Record<string, Json>, schemaType: SchemaType | "block" | undefined, ctx: FillContext, address: string): Json {
  if (path.length !== 1) return zeroOf(schemaType);
  const attr = String(path[0]);
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const name = str("name") ?? str("bucket") ?? str("alarm_name") ?? address.split(".")[1];
  switch (attr) {
    case "key_id":
      return uuidFrom(address);
    case "owner":
    case "owner_id":
      return ctx.accountId;
    case "arn":
      return arnFor(type, values, name, ctx, address);
    case "id":
      return idFor(type, values, name);
    case "name_prefix":
      return "";
    default:
      return zeroOf(schemaType);
  }
}

function arnFor(type: string, values: Record<string, Json>, name: string, ctx: FillContext, address: string): string {
  const at = (service: string, resource: string) => `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
  switch (type) {
    case "aws_cloudwatch_log_group":
      return at("logs", `log-group:${name}`);
    case "aws_cloudwatch_log_stream":
      return at("logs", `log-group:${values.log_group_name}:log-stream:${name}`);
    case "aws_cloudwatch_metric_alarm":
    case "aws_cloudwatch_composite_alarm":
      return at("cloudwatch", `alarm:${values.alarm_name}`);
    case "aws_sns_topic":
      return at("sns", name);
    case "aws_sns_topic_subscription":
      return `${values.topic_arn}:${uuidFrom(address)}`;
    case "aws_sns_topic_policy":
      return String(values.arn ?? at("sns", name));
    case "aws_kms_key":
      return at("kms", `key/${values.key_id}`);
    case "aws_kms_alias":
      return at("kms", name);
    case "aws_s3_bucket":
      return `arn:aws:s3:::${name}`;
    case "aws_iam_role":
    case "aws_iam_policy":
      return `arn:aws:iam::${ctx.accountId}:${type.slice("aws_iam_".length)}/${name}`;
    case "aws_kinesis_firehose_delivery_stream":
      return at("firehose", `deliverystream/${name}`);
    default:
      return at(type.replace(/^aws_/, "").split("_")[0], `${type.replace(/^aws_/, "")}/${name}`);
  }
}

function idFor(type: string, values: Record<string, Json>, name: string): string {
  if (type === "aws_kms_key") return String(values.key_id);
  if (typeof values.arn === "string" && (type.startsWith("aws_sns_") || type === "aws_iam_policy")) return values.arn;
  if (typeof values.bucket === "string") return values.bucket;
  return name;
}

/** Evaluates `${type.name.attr}` references inside a configured value (strings, lists, maps). */
function evaluateTemplate(value: Json, resolve: (ref: string) => Json, where: string): Json {
  if (typeof value === "string") {
    const whole = /^\$\{([^}]*)\}$/.exec(value);
    if (whole) return resolve(checkedReference(whole[1], where));
    return value.replace(/\$\{([^}]*)\}/g, (_, ref: string) => String(resolve(checkedReference(ref, where))));
  }
  if (Array.isArray(value)) return value.map((v) => evaluateTemplate(v, resolve, where));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateTemplate(v, resolve, where)]));
  return value;
}

function checkedReference(ref: string, where: string): string {
  if (!/^[a-z0-9_]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_.[\]]+$/.test(ref.trim())) {
    throw new PriorStateError(`${where}: cannot evaluate \${${ref}} offline (only plain resource attribute references are supported)`);
  }
  return ref.trim();
}

function resolveReference(ref: string, attributesOf: (address: string) => Record<string, Json>): Json {
  const [type, name, ...rest] = ref.split(".");
  const steps = rest.join(".").split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
  return valueAt(attributesOf(`${type}.${name}`), steps.map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}

function valueAt(value: Json, path: Path): Json {
  return path.reduce<Json>((v, step) => (v === null || v === undefined ? undefined : (v as Record<string | number, Json>)[step]), value);
}

function setAt(target: Record<string, Json>, path: Path, value: Json): void {
  let node: Record<string | number, Json> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i];
    if (node[step] === undefined || node[step] === null) node[step] = typeof path[i + 1] === "number" ? [] : {};
    node = node[step] as Record<string | number, Json>;
  }
  node[path[path.length - 1]] = value;
}

function dependenciesOf(resource: { expressions?: PlanExpressions; depends_on?: readonly string[] } | undefined): string[] {
  const found = new Set<string>(resource?.depends_on ?? []);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const refs = (node as PlanExpression).references;
      if (Array.isArray(refs)) for (const r of refs) found.add(r.split(".").slice(0, 2).join("."));
      else Object.values(node).forEach(walk);
    }
  };
  walk(resource?.expressions);
  return [...found].filter((a) => !a.startsWith("var.") && !a.startsWith("local.")).sort();
}

/** A UUID-shaped id derived from a seed. */
function uuidFrom(seed: string): string {
  const h = createHash("sha1").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
