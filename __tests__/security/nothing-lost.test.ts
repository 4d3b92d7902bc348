import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { configSchema } from "../../src/config/schema";
import { fingerprint, synthProcess } from "../bad-input/harness";
import { ANY_KEY, schemaFields, type PathStep } from "../bad-input/schema-walk";
import { EXAMPLE_CONFIG, synthConfigFile, type SynthesizedStacks } from "../support/synth";
import { label, resourcesOf, type Stacks } from "./terraform-json";

/**
 * Nothing is lost by accident: synth is deterministic, and every resource that holds data carries
 * `prevent_destroy` (log groups also `skip_destroy`) unless config says `allowDestroy: true` for it.
 * destroy-protection-plan.test.ts proves with a real plan that Terraform then refuses the change.
 */

/** Resource types whose destruction loses data (or, for keys, makes data unreadable). */
export const DATA_HOLDING_TYPES = ["aws_cloudwatch_log_group", "aws_s3_bucket", "aws_kms_key"] as const;

function protection(stacks: Stacks): string[] {
  return DATA_HOLDING_TYPES.flatMap((type) =>
    resourcesOf(stacks, type).map((r) => {
      const lifecycle = (r.body.lifecycle ?? {}) as { prevent_destroy?: boolean };
      const skip = type === "aws_cloudwatch_log_group" ? ` skip_destroy=${String(r.body.skip_destroy ?? false)}` : "";
      return `${label(r)}: prevent_destroy=${String(lifecycle.prevent_destroy ?? false)}${skip}`;
    }),
  );
}

/** Schema paths of the objects that have an `allowDestroy` switch (environments[], archive, ...). */
const SWITCH_HOLDERS = schemaFields(configSchema)
  .filter((f) => f.path[f.path.length - 1] === "allowDestroy")
  .map((f) => f.path.slice(0, -1));

/** The document with every `allowDestroy` switch that has an object to sit in set to `value`. */
function withAllowDestroy(document: Record<string, unknown>, value: boolean): Record<string, unknown> {
  const copy = structuredClone(document);
  const visit = (node: unknown, path: readonly PathStep[]) => {
    if (path.length === 0) {
      if (node && typeof node === "object" && !Array.isArray(node)) (node as Record<string, unknown>).allowDestroy = value;
      return;
    }
    const [step, ...rest] = path;
    if (typeof step === "number") (Array.isArray(node) ? node : []).forEach((child) => visit(child, rest));
    else if (step === ANY_KEY) Object.values((node ?? {}) as object).forEach((child) => visit(child, rest));
    else if (node && typeof node === "object") visit((node as Record<string, unknown>)[step], rest);
  };
  for (const holder of SWITCH_HOLDERS) visit(copy, holder);
  return copy;
}

function synthDocument(document: Record<string, unknown>): SynthesizedStacks {
  const file = join(mkdtempSync(join(tmpdir(), "ai-logs-nothing-lost-")), "config.yaml");
  writeFileSync(file, stringify(document));
  return synthConfigFile(file);
}

const example = parse(readFileSync(EXAMPLE_CONFIG, "utf8")) as Record<string, unknown>;

describe("synth", () => {
  it("is deterministic: two runs (in-process and main.ts in a new process) give byte-identical cdktf.out", async () => {
    const first = synthConfigFile();
    const second = join(mkdtempSync(join(tmpdir(), "ai-logs-determinism-")), "cdktf.out");
    const run = await synthProcess(EXAMPLE_CONFIG, second);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(fingerprint(second)).toEqual(fingerprint(first.outdir));
  }, 60_000);
});

describe("destroy protection", () => {
  it("config has an allowDestroy switch for environments", () => {
    expect(SWITCH_HOLDERS.map((p) => p.map(String).join("."))).toContain("environments.0");
  });

  it("protects every log group, bucket and KMS key of the example (no allowDestroy: true in it)", () => {
    const lines = protection(synthConfigFile().stacks);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => !l.endsWith("prevent_destroy=true") && !l.endsWith("prevent_destroy=true skip_destroy=true"))).toEqual([]);
    // Every data-holding type the example has is covered (log groups, buckets and keys all appear).
    for (const type of DATA_HOLDING_TYPES) expect(lines.some((l) => l.includes(`: ${type}.`))).toBe(true);
  });

  it("lifts the protection, and nothing else, where config says allowDestroy: true", () => {
    const allowed = synthDocument(withAllowDestroy(example, true));
    const lines = protection(allowed.stacks);
    expect(lines.filter((l) => !l.endsWith("prevent_destroy=false") && !l.endsWith("prevent_destroy=false skip_destroy=false"))).toEqual([]);
    // The switch changes only the lifecycle: the same resources at the same addresses.
    const protectedStacks = synthDocument(withAllowDestroy(example, false)).stacks;
    expect(lines.map((l) => l.split(":").slice(0, 2).join(":"))).toEqual(protection(protectedStacks).map((l) => l.split(":").slice(0, 2).join(":")));
  });

  it("keeps a state bucket protected while any environment storing state in it does not allow destroy", () => {
    const shared = structuredClone(example) as { environments: Record<string, unknown>[] };
    shared.environments.forEach((e, i) => {
      e.stateBucket = "acme-ai-tfstate-shared";
      e.allowDestroy = i === 0; // only the first allows it
    });
    const lines = protection(synthDocument(shared).stacks).filter((l) => l.startsWith("state-"));
    expect(lines).toEqual(["state-acme-ai-tfstate-shared: aws_s3_bucket.state: prevent_destroy=true", "state-acme-ai-tfstate-shared: aws_kms_key.state: prevent_destroy=true"]);
    // ...and lifts it once all of them do.
    shared.environments.forEach((e) => (e.allowDestroy = true));
    expect(protection(synthDocument(shared).stacks).filter((l) => l.startsWith("state-"))).toEqual([
      "state-acme-ai-tfstate-shared: aws_s3_bucket.state: prevent_destroy=false",
      "state-acme-ai-tfstate-shared: aws_kms_key.state: prevent_destroy=false",
    ]);
  });
});
