import type { Attributes, ChangeAction, ResourceChange, StackChanges, StackLocation } from "./change-set";
import { forcesReplacement } from "./force-new";
import type { StackJson, SynthOutput } from "./synth-output";
import { block, referencesIn, sameValue, str, strings } from "./values";

/** Meta-arguments: how Terraform manages a resource, not attributes of it. */
const META_ARGUMENTS = new Set(["//", "lifecycle", "depends_on", "provider", "count", "for_each", "provisioner", "connection"]);

interface SynthResource {
  readonly type: string;
  readonly name: string;
  readonly attributes: Attributes;
  readonly preventDestroy: boolean;
}

/**
 * The changes between two synthesized outputs, stack by stack, as Terraform would plan them from
 * the base's state: added and removed addresses, changed attributes, and replacements where a
 * changed attribute cannot be updated in place, or references a replaced resource's new identity.
 */
export function diffSynthOutputs(base: SynthOutput, head: SynthOutput): StackChanges[] {
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].sort();
  return names.map((name) => diffStack(name, base.stacks.get(name), head.stacks.get(name)));
}

function diffStack(name: string, base: StackJson | undefined, head: StackJson | undefined): StackChanges {
  const before = resourcesOf(base);
  const after = resourcesOf(head);
  const blocks = stateBlocksOf(head);
  // A `moved` block carries the old object to the new address: compare the two, drop the old one.
  const movedFrom = new Map<string, string>();
  for (const [from, to] of blocks.moved) if (before.has(from) && !before.has(to) && after.has(to) && !after.has(from)) movedFrom.set(to, from);
  const movedAway = new Set(movedFrom.values());
  const addresses = [...new Set([...before.keys(), ...after.keys()])].filter((a) => !movedAway.has(a)).sort();
  const changes = new Map<string, ResourceChange>();
  for (const address of addresses) {
    const previous = movedFrom.get(address);
    const b = before.get(previous ?? address);
    const a = after.get(address);
    const r = (b ?? a) as SynthResource;
    const changed = b && a ? changedAttributes(b.attributes, a.attributes) : [];
    const replacedBecause = changed.filter((attr) => forcesReplacement(r.type, attr));
    const importing = !b ? blocks.imports.get(address) : undefined;
    const action: ChangeAction = !b
      ? importing !== undefined
        ? "import"
        : "create"
      : !a
        ? blocks.forgotten.has(address)
          ? "forget"
          : "delete"
        : replacedBecause.length > 0
          ? "replace"
          : changed.length > 0
            ? "update"
            : "no-op";
    changes.set(address, {
      stack: name,
      address,
      type: r.type,
      name: r.name,
      action,
      before: b?.attributes,
      after: a?.attributes,
      changed,
      replacedBecause,
      movedFrom: previous,
      importing,
      preventDestroy: a?.preventDestroy ?? false,
      wasPreventDestroy: b?.preventDestroy ?? false,
    });
  }
  propagateReplacements(changes, after);
  const resources = [...changes.values()];
  const status = !base ? "added" : !head ? "removed" : resources.some((r) => r.action !== "no-op") ? "changed" : "unchanged";
  return { name, source: "synth", status, defaultTags: defaultTagsOf(head ?? base), location: locationOf(head ?? base), resources };
}

/**
 * A replaced resource gets a new id and ARN. Where another resource references one of those (and
 * not a configured attribute that stays the same), its value changes after apply too, which may in
 * turn force its own replacement: repeat until nothing moves.
 */
function propagateReplacements(changes: Map<string, ResourceChange>, after: Map<string, SynthResource>): void {
  let moved = true;
  while (moved) {
    moved = false;
    for (const [address, change] of changes) {
      if (!change.after || !change.before || change.action === "replace") continue;
      const newlyChanged = Object.entries(change.after)
        .filter(([attr]) => !change.changed.includes(attr))
        .filter(([, value]) =>
          referencesIn(value).some((ref) => {
            const target = changes.get(ref.address);
            if (target?.action !== "replace") return false;
            const configured = after.get(ref.address)?.attributes[ref.attribute];
            return configured === undefined || !sameValue(configured, target.before?.[ref.attribute]);
          }),
        )
        .map(([attr]) => attr);
      if (newlyChanged.length === 0) continue;
      const changed = [...change.changed, ...newlyChanged].sort();
      const replacedBecause = changed.filter((attr) => forcesReplacement(change.type, attr));
      changes.set(address, { ...change, changed, replacedBecause, action: replacedBecause.length > 0 ? "replace" : "update" });
      moved = true;
    }
  }
}

function changedAttributes(before: Attributes, after: Attributes): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !sameValue(before[k], after[k])).sort();
}

function resourcesOf(stack: StackJson | undefined): Map<string, SynthResource> {
  const found = new Map<string, SynthResource>();
  const byType = (stack?.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const [type, byName] of Object.entries(byType)) {
    for (const [name, body] of Object.entries(byName)) {
      const attributes = Object.fromEntries(Object.entries(body).filter(([k]) => !META_ARGUMENTS.has(k)));
      const lifecycle = block(body.lifecycle);
      found.set(`${type}.${name}`, { type, name, attributes, preventDestroy: lifecycle?.prevent_destroy === true });
    }
  }
  return found;
}

/** `lifecycle.prevent_destroy` of one resource of a synthesized stack. */
export function preventDestroyIn(stack: StackJson, address: string): boolean {
  return resourcesOf(stack).get(address)?.preventDestroy ?? false;
}

/** The head's `moved`, `import` and `removed` blocks: how a change keeps objects instead of recreating them. */
function stateBlocksOf(stack: StackJson | undefined): { moved: [string, string][]; imports: Map<string, string>; forgotten: Set<string> } {
  const list = (v: unknown) => (Array.isArray(v) ? v : v && typeof v === "object" ? [v] : []) as Record<string, unknown>[];
  const moved = list(stack?.moved).flatMap((m) => (typeof m.from === "string" && typeof m.to === "string" ? [[m.from, m.to] as [string, string]] : []));
  const imports = new Map(list(stack?.import).flatMap((i) => (typeof i.to === "string" ? [[i.to, String(i.id)] as [string, string]] : [])));
  const forgotten = new Set(
    list(stack?.removed)
      .filter((r) => typeof r.from === "string" && block(r.lifecycle)?.destroy === false)
      .map((r) => r.from as string),
  );
  return { moved, imports, forgotten };
}

/** The stack's first aws provider block. */
function awsProviderOf(stack: StackJson | undefined): Record<string, unknown> | undefined {
  return block((stack?.provider as Record<string, unknown> | undefined)?.aws);
}

/** Account and region of the stack's aws provider. */
export function locationOf(stack: StackJson | undefined): StackLocation {
  const aws = awsProviderOf(stack);
  return { accountId: strings(aws?.allowed_account_ids)[0], region: str(aws?.region) };
}

/** default_tags of the stack's aws provider (the first one). */
export function defaultTagsOf(stack: StackJson | undefined): Record<string, string> {
  const aws = awsProviderOf(stack);
  const tags = block(aws?.default_tags)?.tags;
  return tags && typeof tags === "object" ? { ...(tags as Record<string, string>) } : {};
}
