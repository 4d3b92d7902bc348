/**
 * Repairs what cdktf 0.21's HCL renderer (`cdktf synth --hcl`) gets wrong for our stacks, using the
 * JSON synthesis of the same stack as the source of truth. cdktf is archived, so these stay unfixed
 * upstream:
 * - attributes of the `terraform` block other than blocks are rendered by index, `0 = "required_version"`;
 * - a string holding a `${...}` reference and double quotes (a JSON policy naming a resource ARN) is
 *   written without escaping its quotes (hashicorp/terraform-cdk#3911), and backslashes are never
 *   escaped (a Logs Insights query with `\d`): neither is HCL;
 * - `depends_on` lists quoted addresses, which Terraform deprecates ("Quoted references").
 * Each such line is re-rendered from the JSON value. Other multi-line values are left as cdktf wrote them.
 */

export interface HclRepair {
  /** e.g. `resource.aws_sns_topic_policy.alerts.policy` */
  readonly path: string;
  readonly line: number;
}

export interface RepairedHcl {
  readonly text: string;
  readonly repairs: readonly HclRepair[];
}

type Json = Record<string, unknown>;

interface Frame {
  readonly path: string;
  /** The JSON object this block was rendered from, when known. */
  readonly json?: Json;
  /** How many child blocks of each name were seen (repeated blocks are lists in JSON). */
  readonly seen: Map<string, number>;
}

const HEADER = /^(\s*)([A-Za-z_][A-Za-z0-9_-]*)((?:\s+"[^"]*")*)\s*\{\s*$/;
const ATTRIBUTE = /^(\s*)([A-Za-z_][A-Za-z0-9_-]*|\d+)\s*=\s*(.*)$/;

export function repairHcl(hcl: string, stack: Json): RepairedHcl {
  const lines = hcl.split("\n");
  const repairs: HclRepair[] = [];
  const frames: Frame[] = [{ path: "", json: stack, seen: new Map() }];
  let openValue = 0; // bracket depth of a multi-line attribute value being skipped
  let heredoc: string | undefined;
  let inDependsOn = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    if (openValue > 0) {
      openValue += bracketBalance(line);
      if (inDependsOn) lines[i] = unquoteReferences(line);
      continue;
    }
    inDependsOn = false;
    const frame = frames[frames.length - 1];
    const header = HEADER.exec(line);
    if (header) {
      const labels = [...header[3].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
      frames.push(childFrame(frame, frames.length === 1, header[2], labels));
      continue;
    }
    if (/^\s*\}\s*$/.test(line)) {
      if (frames.length > 1) frames.pop();
      continue;
    }
    const attribute = ATTRIBUTE.exec(line);
    if (!attribute) continue;
    const [, indent, key, value] = attribute;
    const heredocStart = /^<<-?([A-Za-z_]+)\s*$/.exec(value);
    if (heredocStart) {
      heredoc = heredocStart[1];
      continue;
    }
    // cdktf's `terraform` block bug: `0 = "required_version"` stands for the attribute of that name.
    const indexed = /^\d+$/.test(key) ? /^"([A-Za-z_][A-Za-z0-9_]*)"$/.exec(value.trim()) : null;
    const name = indexed ? indexed[1] : key;
    const json = frame.json?.[name];
    if (indexed && json !== undefined) {
      lines[i] = `${indent}${name} = ${renderValue(json)}`;
      repairs.push({ path: `${frame.path}.${name}`, line: i + 1 });
      continue;
    }
    if (name === "depends_on") {
      lines[i] = unquoteReferences(line);
      inDependsOn = true;
      openValue = bracketBalance(value);
      continue;
    }
    if (typeof json === "string" && MISRENDERED.test(json)) {
      const rendered = renderTemplate(json);
      if (rendered !== value.trim()) {
        lines[i] = `${indent}${name} = ${rendered}`;
        repairs.push({ path: `${frame.path}.${name}`, line: i + 1 });
      }
      continue;
    }
    openValue = bracketBalance(value);
  }
  return { text: lines.join("\n"), repairs };
}

/** Strings cdktf may render wrongly: quotes or backslashes (escaped inconsistently), templates, or JSON-looking text (left unquoted). */
const MISRENDERED = /["\\\n\r\t]|\$\{|%\{|^[[{]/;

/** `"aws_x.y"` -> `aws_x.y` in a depends_on list. */
function unquoteReferences(line: string): string {
  return line.replace(/"((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+|module\.[A-Za-z0-9_-]+)"/g, "$1");
}

/** The JSON object a block header was rendered from: `resource "t" "n"`, `provider "aws"`, a nested block. */
function childFrame(parent: Frame, topLevel: boolean, keyword: string, labels: string[]): Frame {
  const seen = parent.seen.get(keyword + labels.join("\u0000")) ?? 0;
  parent.seen.set(keyword + labels.join("\u0000"), seen + 1);
  const path = [parent.path, keyword, ...labels].filter(Boolean).join(".");
  let json: unknown;
  if (topLevel && keyword === "provider") json = (parent.json?.provider as Json | undefined)?.[labels[0]];
  else if (topLevel && labels.length === 2) json = ((parent.json?.[keyword] as Json | undefined)?.[labels[0]] as Json | undefined)?.[labels[1]];
  else if (labels.length === 1) json = (parent.json?.[keyword] as Json | undefined)?.[labels[0]];
  else json = parent.json?.[keyword];
  // Repeated blocks (and cdktf's provider arrays) are JSON lists: take the occurrence.
  if (Array.isArray(json)) json = json[seen];
  return { path, json: json && typeof json === "object" ? (json as Json) : undefined, seen: new Map() };
}

/** Net count of opening minus closing brackets outside string literals. */
function bracketBalance(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") depth--;
  }
  return depth;
}

/**
 * A Terraform JSON string (a template) as an HCL quoted template: literal parts escaped, `${...}`
 * and `%{...}` sequences copied as they are (their insides are expressions, quotes included).
 */
export function renderTemplate(value: string): string {
  let out = "";
  let i = 0;
  while (i < value.length) {
    const two = value.slice(i, i + 2);
    if ((two === "${" || two === "%{") && value[i - 1] !== two[0]) {
      const end = closingBrace(value, i + 2);
      out += value.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const c = value[i];
    out += c === '"' ? '\\"' : c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : c;
    i++;
  }
  return `"${out}"`;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return text.length - 1;
}

/**
 * `"${aws_kms_key.k.arn}"` -> `aws_kms_key.k.arn`, as `terraform fmt` rewrites an interpolation-only
 * string (a legacy form the JSON synthesis has to use), so the output passes `terraform fmt -check`.
 */
export function unwrapInterpolationOnly(hcl: string): string {
  return hcl.replace(/(^|[^\\])"\$\{([^"{}\\]+)\}"/gm, (_, before: string, expression: string) => `${before}${expression.trim()}`);
}

function renderValue(value: unknown): string {
  if (typeof value === "string") return renderTemplate(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  return JSON.stringify(value); // lists and objects of literals are valid HCL as JSON-like expressions
}
