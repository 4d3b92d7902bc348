import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What the deploy test reads from one synthesized `cdktf.out/stacks/<name>/cdk.tf.json`. */
export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
  readonly json: StackJson;
  /** sha256 of cdk.tf.json as synthesized. */
  readonly sha256: string;
  /** The one account its providers allow (allowed_account_ids). */
  readonly accountId: string;
  readonly region: string;
  readonly backend: { readonly type: string; readonly config: Record<string, unknown> };
  /** `type.name` of every resource. */
  readonly addresses: readonly string[];
}

export interface StackJson {
  readonly terraform?: { backend?: Record<string, Record<string, unknown>>; required_providers?: Record<string, unknown> };
  readonly provider?: { aws?: { alias?: string; region?: string; allowed_account_ids?: string[] }[] };
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

export function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Every stack of a synthesized cdktf.out, by name. */
export function readSynthesizedStacks(outdir: string): Map<string, SynthesizedStack> {
  const stacks = new Map<string, SynthesizedStack>();
  for (const name of readdirSync(join(outdir, "stacks")).sort()) {
    const dir = join(outdir, "stacks", name);
    const file = join(dir, "cdk.tf.json");
    const json = JSON.parse(readFileSync(file, "utf8")) as StackJson;
    const providers = json.provider?.aws ?? [];
    const accounts = new Set(providers.flatMap((p) => p.allowed_account_ids ?? []));
    if (accounts.size !== 1) throw new Error(`stack ${name}: expected its providers to allow exactly one account, found ${[...accounts].join(", ") || "none"}`);
    const [type, config] = Object.entries(json.terraform?.backend ?? { local: {} })[0];
    stacks.set(name, {
      name,
      dir,
      json,
      sha256: sha256(file),
      accountId: [...accounts][0],
      region: providers.find((p) => !p.alias)?.region ?? "",
      backend: { type, config },
      addresses: Object.entries(json.resource ?? {}).flatMap(([t, byName]) => Object.keys(byName).map((n) => `${t}.${n}`)),
    });
  }
  return stacks;
}

/** The attributes of a resource, by address. */
export function resourceAt(stack: SynthesizedStack, address: string): Record<string, unknown> {
  const [type, name] = address.split(".");
  const resource = stack.json.resource?.[type]?.[name];
  if (!resource) throw new Error(`stack ${stack.name} has no resource ${address}`);
  return resource;
}

/** Addresses a resource refers to (`${type.name...}` in any attribute, and depends_on). */
export function referencesOf(stack: SynthesizedStack, address: string): Set<string> {
  const text = JSON.stringify(resourceAt(stack, address));
  const refs = new Set<string>();
  for (const m of text.matchAll(/\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)/g)) refs.add(m[1]);
  for (const m of text.matchAll(/"(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)"/g)) refs.add(m[1]); // depends_on entries
  refs.delete(address);
  return new Set([...refs].filter((r) => stack.addresses.includes(r)));
}
