import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertModelValid } from "../../src/checks";
import { ConfigError } from "../../src/config/errors";
import { validateConfig } from "../../src/config/load";
import { buildModel } from "../../src/model/build-model";
import { synthesize } from "../../src/synth";
import { offlineTerraformEnv, planStackOffline } from "../../src/terraform/offline-plan";
import { unescapeTemplateLiteral } from "../../src/terraform/template-literals";
import { FIELDS } from "../bad-input/generated";
import { ANY_KEY, describePath, type PathStep, type SchemaField } from "../bad-input/schema-walk";
import { everyFieldDocument } from "../support/every-field";
import { terraformGuard } from "../support/terraform-guard";
import { templateSequencesIn } from "../support/terraform-templates";

/**
 * Template injection, tried in every free-text field of the config (found by walking the schema): a
 * value with `${...}` or `%{...}` must either be refused with a message naming the field, or reach
 * Terraform as the literal it is. Never as a template: no interpolation or directive appears in the
 * synthesized JSON that the same config without the payload does not have, and Terraform's own plan
 * shows the literal values.
 */

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Attempts, each made from the field's valid value so the rest of the field's rules can still pass. */
const PAYLOADS: readonly { readonly name: string; readonly make: (valid: string) => string }[] = [
  { name: "a file() read", make: () => '${file("/etc/passwd")}' },
  { name: "a function call appended", make: (v) => `${v}\${upper("x")}` },
  { name: "a directive appended", make: (v) => `${v}%{ if true }x%{ endif }` },
  { name: "a resource reference before the @ or at the end", make: (v) => (v.includes("@") ? v.replace("@", "${aws_kms_key.monitoring_key.arn}@") : `${v}\${aws_kms_key.monitoring_key.arn}`) },
  { name: "an interpolation inside the first quoted term", make: (v) => (v.includes('"') ? v.replace(/"([^"]*)"/, '"$1${path.cwd}"') : `"${v}\${path.cwd}"`) },
];

/** The first concrete path of a schema field in a document (arrays: first element; records: first key). */
function concretePath(doc: Doc, path: readonly PathStep[]): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let node: unknown = doc;
  for (const step of path) {
    if (node === null || typeof node !== "object") return undefined;
    if (step === ANY_KEY || typeof step === "number") {
      const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      // The first element or key under which the rest of the path exists.
      const rest = path.slice(out.length + 1);
      const key = keys.find((k) => concretePath((node as Doc)[k], rest) !== undefined);
      if (key === undefined) return undefined;
      out.push(key);
      node = (node as Doc)[key];
    } else {
      out.push(step);
      node = (node as Doc)[step];
    }
  }
  return node === undefined ? undefined : out;
}

function at(doc: Doc, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((n, k) => (n as Doc)[k], doc);
}

interface Attempt {
  readonly field: string;
  readonly payload: string;
  /** Concrete path of the field (for a record key: of the record). */
  readonly path: (string | number)[];
  /** The config value tried (for a record, the key). */
  readonly value: string;
  /** Puts the payload into a document (in place). */
  readonly apply: (document: Doc) => void;
}

/** Sets a value, or renames the first key of a record, at `path` of a document. */
function placer(path: (string | number)[], kind: string, value: string): (document: Doc) => void {
  const parentOf = (document: Doc) => at(document, path.slice(0, -1)) as Doc;
  const last = path[path.length - 1];
  if (kind !== "record") return (document) => void (parentOf(document)[last] = value);
  return (document) => {
    const record = parentOf(document)[last] as Doc;
    const [key] = Object.keys(record);
    parentOf(document)[last] = Object.fromEntries(Object.entries(record).map(([k, v]) => [k === key ? value : k, v]));
  };
}

/** Every payload at every free-text field and record key of the document. */
function attempts(base: Doc): { attempts: Attempt[]; notInDocument: string[] } {
  const out: Attempt[] = [];
  const notInDocument: string[] = [];
  for (const field of FIELDS.filter((f) => f.kind === "string" || f.kind === "record")) {
    const path = concretePath(base, field.path);
    if (!path || path.length === 0) {
      // Only fields whose own rule refuses every payload may be missing from the document.
      if (PAYLOADS.some((p) => accepts(field, p.make("x")))) notInDocument.push(describePath(field.path));
      continue;
    }
    const current = at(base, path);
    const valid = field.kind === "record" ? Object.keys(current as Doc)[0] : String(current);
    if (valid === undefined) continue;
    for (const payload of PAYLOADS) {
      const value = payload.make(valid);
      const name = field.kind === "record" ? `${describePath(field.path)} (key)` : describePath(field.path);
      out.push({ field: name, payload: payload.name, path, value, apply: placer(path, field.kind, value) });
    }
  }
  return { attempts: out, notInDocument };
}

const withAttempts = (base: Doc, applied: readonly Attempt[]) => {
  const document = structuredClone(base);
  for (const a of applied) a.apply(document);
  return document;
};

function accepts(field: SchemaField, value: string): boolean {
  return field.kind === "record" ? !field.keySchema || field.keySchema.safeParse(value).success : field.schema.safeParse(value).success;
}

/** undefined when the config is valid; else the message the user would see. */
function validationError(document: Doc): string | undefined {
  try {
    assertModelValid(buildModel(validateConfig(document, "platform.yaml"), "platform.yaml"));
    return undefined;
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
}

function synthStacks(document: Doc, work: string): Record<string, Record<string, unknown>> {
  const file = join(work, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(document));
  const outdir = join(work, `out-${Math.random().toString(36).slice(2)}`);
  synthesize({ configFile: file, outdir });
  return Object.fromEntries(readdirSync(join(outdir, "stacks")).map((s) => [s, JSON.parse(readFileSync(join(outdir, "stacks", s, "cdk.tf.json"), "utf8"))]));
}

/** Every string of a JSON document, as the literal Terraform makes of it (escapes and `${"$"}` undone). */
function literalStrings(document: unknown): string[] {
  if (typeof document === "string") return [unescapeTemplateLiteral(document.replace(/\$\{"\$"\}/g, "$"))];
  if (Array.isArray(document)) return document.flatMap(literalStrings);
  if (document !== null && typeof document === "object") return Object.entries(document).flatMap(([k, v]) => [...literalStrings(k), ...literalStrings(v)]);
  return [];
}

/** The literal appears as is, or JSON-escaped inside a JSON string (dashboard bodies, policies). */
function containsLiteral(strings: readonly string[], literal: string): boolean {
  const jsonEscaped = JSON.stringify(literal).slice(1, -1);
  return strings.some((s) => s.includes(literal) || s.includes(jsonEscaped));
}

const sequenceTexts = (stacks: Record<string, unknown>) => new Set(templateSequencesIn(stacks).map((s) => s.sequence.text));

/** `${type.name...}` or `${data.type.name...}` naming a resource declared in one of the stacks. */
function isDeclaredReference(sequence: string, stacks: Record<string, Record<string, unknown>>): boolean {
  const m = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\.[A-Za-z0-9_.[\]*"-]+)?\}$/.exec(sequence);
  if (!m) return false;
  const block = m[1] ? "data" : "resource";
  return Object.values(stacks).some((stack) => ((stack[block] as Record<string, Record<string, unknown>> | undefined)?.[m[2]] ?? {})[m[3]] !== undefined);
}

describe("template injection in every free-text config field", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-injection-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const base = everyFieldDocument();
  const { attempts: all, notInDocument } = attempts(base);
  const outcomes = all.map((a) => ({ ...a, error: validationError(withAttempts(base, [a])) }));
  const accepted = outcomes.filter((o) => o.error === undefined);

  it("has a valid document holding every field that could take a payload", () => {
    expect(validationError(base)).toBeUndefined();
    expect(notInDocument).toEqual([]);
    expect(all.length).toBeGreaterThan(200);
  });

  it("refuses a payload with a message naming the file and the field (or the value's own path)", () => {
    for (const o of outcomes.filter((x) => x.error !== undefined)) {
      const lines = o.error!.split("\n");
      expect(lines.every((l) => l.startsWith("platform.yaml: "))).toBe(true);
      // The finding points into the field's own path (a cross-reference may point at an enclosing object).
      const top = String(o.path[0]);
      expect({ field: o.field, payload: o.payload, named: lines.some((l) => l.includes(top)) }).toEqual({ field: o.field, payload: o.payload, named: true });
    }
  });

  it("accepts payloads where the field is free text, among them the fields the issue names", () => {
    const fields = new Set(accepted.map((a) => a.field));
    for (const f of [
      "workloads[0].customSignals[0].runbook",
      "environments[0].notifications.critical.emails[0]",
      "environments[0].notifications.critical.httpsEndpoints[0]",
      "workloads[0].customSignals[0].alarm.dimensions[*]",
      "workloads[0].customSignals[0].pattern",
      "workloads[0].archive.filterPattern",
      "workloads[0].dataProtection.customIdentifiers[0].regex",
    ]) {
      expect({ field: f, accepted: fields.has(f) }).toEqual({ field: f, accepted: true });
    }
  });

  describe("what is accepted reaches Terraform as a literal, never as a template", () => {
    // One synth per payload kind, every accepted field at once (fields whose combination is invalid
    // are left to a later synth), against the same document without payloads.
    let baseline: Set<string>;
    const batches: { document: Doc; applied: Attempt[] }[] = [];
    beforeAll(() => {
      baseline = sequenceTexts(synthStacks(base, work));
      let pending: readonly Attempt[] = accepted;
      while (pending.length > 0) {
        const applied: Attempt[] = [];
        const later: Attempt[] = [];
        for (const a of pending) {
          const fits = !applied.some((b) => b.field === a.field) && validationError(withAttempts(base, [...applied, a])) === undefined;
          (fits ? applied : later).push(a);
        }
        if (applied.length === 0) throw new Error(`payloads valid alone but not with the base: ${later.map((l) => l.field).join(", ")}`);
        batches.push({ document: withAttempts(base, applied), applied });
        pending = later;
      }
    }, 120_000);

    it("adds no interpolation or directive to the synthesized JSON, and every emitted payload is the literal", () => {
      const emitted: string[] = [];
      for (const batch of batches) {
        const stacks = synthStacks(batch.document, work);
        const added = [...sequenceTexts(stacks)].filter((t) => !baseline.has(t) && t !== '${"$"}');
        // New sequences may only be references to resources the product declares (a workload's new
        // stream gets a new address), and none may be a sequence of a payload.
        const fromPayloads = new Set(batch.applied.flatMap((a) => [...sequenceTexts({ v: a.value })]));
        expect(added.filter((t) => !isDeclaredReference(t, stacks) || fromPayloads.has(t))).toEqual([]);
        const strings = literalStrings(stacks);
        for (const a of batch.applied) if (containsLiteral(strings, a.value)) emitted.push(`${a.field}: ${a.payload}`);
      }
      // Runbooks, e-mails, endpoints, patterns, dimension values and identifiers are emitted verbatim.
      for (const f of ["workloads[0].customSignals[0].runbook", "environments[0].notifications.critical.emails[0]", "workloads[0].customSignals[0].pattern"]) {
        expect(emitted.some((e) => e.startsWith(`${f}: `))).toBe(true);
      }
    }, 240_000);

    const { describePlans } = terraformGuard("the template-injection plan");
    describePlans("Terraform's plan", () => {
      it("shows the payloads of monitoring-prod as the literal values of the planned resources", () => {
        const batch = batches[0];
        const stacks = synthStacks(batch.document, work);
        const stack = stacks["monitoring-prod"];
        const inStack = batch.applied.filter((a) => containsLiteral(literalStrings(stack), a.value));
        expect(inStack.length).toBeGreaterThan(5);
        const plan = planStackOffline(stack, join(work, "plan-prod"), offlineTerraformEnv(work));
        const planned = literalStrings(plan.planJson.planned_values ?? {}).concat(literalStrings(plan.planJson.resource_changes ?? []));
        // The plan holds raw values (no Terraform escapes left): compare without unescaping again.
        const raw = JSON.stringify(plan.planJson);
        const missing = inStack.filter((a) => !raw.includes(JSON.stringify(a.value).slice(1, -1)) && !containsLiteral(planned, a.value)).map((a) => `${a.field}: ${a.payload}`);
        expect(missing).toEqual([]);
        expect(raw).not.toContain("root:x:0:0"); // /etc/passwd was not read
      }, 180_000);
    });
  });
});
