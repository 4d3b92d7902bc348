/**
 * Reading synthesized Terraform JSON generically: every resource of every stack, references between
 * them, and every policy document wherever it sits. The security tests are written against these,
 * never against a list of our resource types, so resources that other features add are covered the
 * day they appear.
 */

export type Json = unknown;
export type Stacks = Record<string, Record<string, unknown>>;

export interface ResourceBlock {
  readonly stack: string;
  /** "resource" or "data". */
  readonly mode: "resource" | "data";
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, Json>;
}

/** `aws_s3_bucket.archive` (or `data.aws_iam_policy_document.x`) in stack `monitoring-prod`. */
export function label(r: Pick<ResourceBlock, "stack" | "mode" | "type" | "name">): string {
  return `${r.stack}: ${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`;
}

export function allBlocks(stacks: Stacks): ResourceBlock[] {
  const out: ResourceBlock[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    for (const mode of ["resource", "data"] as const) {
      for (const [type, byName] of Object.entries((json[mode] ?? {}) as Record<string, Record<string, Record<string, Json>>>)) {
        for (const [name, body] of Object.entries(byName)) out.push({ stack, mode, type, name, body });
      }
    }
  }
  return out;
}

export function resourcesOf(stacks: Stacks, type: string): ResourceBlock[] {
  return allBlocks(stacks).filter((r) => r.mode === "resource" && r.type === type);
}

/** `${aws_kms_key.monitoring_key.arn}` -> { type, name, attribute }; anything else -> undefined. */
export function parseReference(value: Json): { mode: "resource" | "data"; type: string; name: string; attribute: string } | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_.]+)\}$/.exec(value);
  return m ? { mode: m[1] ? "data" : "resource", type: m[2], name: m[3], attribute: m[4] } : undefined;
}

/** The block a reference points to, in the same stack. */
export function resolveReference(stacks: Stacks, stack: string, value: Json): ResourceBlock | undefined {
  const ref = parseReference(value);
  if (!ref) return undefined;
  return allBlocks({ [stack]: stacks[stack] }).find((r) => r.mode === ref.mode && r.type === ref.type && r.name === ref.name);
}

/** Blocks of `type` in `stack` whose attribute `attr` references `target` (e.g. bucket sub-resources). */
export function blocksReferencing(stacks: Stacks, target: ResourceBlock, type: string, attr: string): ResourceBlock[] {
  return resourcesOf({ [target.stack]: stacks[target.stack] }, type).filter((r) => {
    const ref = parseReference(r.body[attr]);
    return ref !== undefined && ref.type === target.type && ref.name === target.name;
  });
}

// ---------------------------------------------------------------------------------------------
// Policy documents

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Json;
  readonly NotPrincipal?: Json;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, Json>>;
}

export interface FoundPolicy {
  /** Where: `<stack>: <type>.<name>.<attribute path>`. */
  readonly where: string;
  /** The block holding it. */
  readonly block: ResourceBlock;
  /** Attribute path inside the block, e.g. `policy` or `inline_policy[0].policy`. */
  readonly attribute: string;
  readonly statements: readonly PolicyStatement[];
}

/** Attribute names that hold IAM-style policy documents in the AWS provider. */
const POLICY_ATTRIBUTE = /^(policy|policy_document|access_policy|assume_role_policy|resource_policy|inline_policy)$/;

export interface PolicyScan {
  readonly policies: FoundPolicy[];
  /** Policy attributes whose value cannot be read offline (an HCL function call, a variable...). */
  readonly unreadable: string[];
}

/**
 * Every policy document in the synthesized JSON: JSON strings with a `Statement` in any attribute of
 * any block, and `data.aws_iam_policy_document` blocks (converted to the JSON form). Statements that
 * are not IAM statements (a data protection policy's `DataIdentifier` / `Operation`) are left out.
 */
export function findPolicies(stacks: Stacks): PolicyScan {
  const policies: FoundPolicy[] = [];
  const unreadable: string[] = [];
  for (const block of allBlocks(stacks)) {
    if (block.mode === "data" && block.type === "aws_iam_policy_document") {
      policies.push({ where: label(block), block, attribute: "statement", statements: fromPolicyDocumentData(block.body) });
      continue;
    }
    const walk = (value: Json, path: string, key: string) => {
      if (typeof value === "string") {
        const doc = parseJsonObject(value);
        if (doc?.Statement !== undefined) {
          const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as PolicyStatement[];
          const iam = statements.filter((s) => s.Effect === "Allow" || s.Effect === "Deny");
          if (iam.length > 0) policies.push({ where: `${label(block)}.${path}`, block, attribute: path, statements: iam });
        } else if (doc === undefined && POLICY_ATTRIBUTE.test(key) && !isPolicyDocumentReference(value)) {
          // Neither a JSON document (IAM or not, such as a subscription filter policy) nor a
          // reference to a policy document that is read where it is defined.
          unreadable.push(`${label(block)}.${path} = ${value.slice(0, 80)}`);
        }
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${path}[${i}]`, key));
      } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) if (k !== "//") walk(v, path ? `${path}.${k}` : k, k);
      }
    };
    walk(block.body, "", "");
  }
  return { policies, unreadable };
}

function parseJsonObject(text: string): { Statement?: unknown } | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const doc = JSON.parse(text) as unknown;
    return doc && typeof doc === "object" && !Array.isArray(doc) ? (doc as { Statement?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

function isPolicyDocumentReference(value: string): boolean {
  const ref = parseReference(value);
  return ref !== undefined && ref.mode === "data" && ref.type === "aws_iam_policy_document" && ref.attribute === "json";
}

/** `data "aws_iam_policy_document"` statement blocks in the JSON form IAM evaluates. */
function fromPolicyDocumentData(body: Record<string, Json>): PolicyStatement[] {
  const list = <T>(v: unknown): T[] => (v === undefined ? [] : Array.isArray(v) ? (v as T[]) : [v as T]);
  return list<Record<string, Json>>(body.statement).map((s) => {
    const principals = (key: string) => {
      const found = list<{ type: string; identifiers: string[] }>(s[key]);
      if (found.length === 0) return undefined;
      // Terraform renders type "*" (identifiers ["*"]) as "Principal": "*".
      return found.some((p) => p.type === "*") ? "*" : Object.fromEntries(found.map((p) => [p.type, p.identifiers]));
    };
    const conditions = list<{ test: string; variable: string; values: string[] }>(s.condition);
    return {
      Sid: s.sid as string | undefined,
      Effect: ((s.effect as string | undefined) ?? "Allow") as "Allow" | "Deny",
      Principal: principals("principals"),
      NotPrincipal: principals("not_principals"),
      Action: s.actions as string[] | undefined,
      NotAction: s.not_actions as string[] | undefined,
      Resource: s.resources as string[] | undefined,
      NotResource: s.not_resources as string[] | undefined,
      Condition: conditions.length === 0 ? undefined : Object.fromEntries(conditions.map((c) => [c.test, { [c.variable]: c.values }])),
    };
  });
}

export function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

// ---------------------------------------------------------------------------------------------
// Strings

/** Every string in a JSON value (keys included), with policy documents expanded to their strings. */
export function allStrings(value: Json, out: string[] = []): string[] {
  if (typeof value === "string") {
    out.push(value);
    if (value.trimStart().startsWith("{")) {
      try {
        allStrings(JSON.parse(value), out);
      } catch {
        // not JSON: the string itself is already collected
      }
    }
  } else if (Array.isArray(value)) {
    for (const v of value) allStrings(v, out);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      allStrings(v, out);
    }
  }
  return out;
}
