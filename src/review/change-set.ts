/**
 * The normalised change set every part of the review reads: per stack, every resource with the
 * action Terraform would take and its attributes before and after, whether it came from diffing two
 * synthesized outputs or from a real plan.
 */

/**
 * `forget`: leaves Terraform's state but stays in AWS (a `removed` block with `destroy = false`);
 * `import`: an existing AWS object comes under management (an `import` block) with no change.
 */
export type ChangeAction = "create" | "update" | "replace" | "delete" | "forget" | "import" | "no-op";

/** Where a stack's changes came from. */
export type ChangeSource = "synth" | "plan";

/** Attribute values by name; unresolved references stay as `${type.name.attr}`, unknown ones as UNKNOWN. */
export type Attributes = Readonly<Record<string, unknown>>;

/** A value Terraform knows only after apply, with no configured expression to show instead. */
export const UNKNOWN = "(known after apply)";

export interface ResourceChange {
  readonly stack: string;
  /** `type.name`, as in the plan. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly action: ChangeAction;
  /** Absent for a create. */
  readonly before?: Attributes;
  /** Absent for a delete. */
  readonly after?: Attributes;
  /** Top-level attributes whose value changes, sorted. Empty for create, delete and no-op. */
  readonly changed: readonly string[];
  /** For a replace: the attributes that force it. */
  readonly replacedBecause: readonly string[];
  /** The address it had before, when a `moved` block renames it. */
  readonly movedFrom?: string;
  /** The id an `import` block brings under management at this address. */
  readonly importing?: string;
  /**
   * `lifecycle.prevent_destroy` in the head configuration: Terraform then refuses to plan a replace.
   * It does not stop a delete: a removed resource block takes its lifecycle with it. Known from
   * synthesized output only (a plan that replaces it succeeded, so it was false).
   */
  readonly preventDestroy: boolean;
  /** `lifecycle.prevent_destroy` in the base configuration (synth diff only). */
  readonly wasPreventDestroy: boolean;
}

export interface StackChanges {
  readonly name: string;
  readonly source: ChangeSource;
  /** added / removed: the stack exists on one side only. */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  /** The provider's default tags (project, environment, ...), for naming conventions. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Where the stack's provider points: the account (allowed_account_ids) and region, when configured. */
  readonly location: StackLocation;
  /** Every resource, no-ops included (the flow diagram needs their connections). */
  readonly resources: readonly ResourceChange[];
  /** The plan file the changes came from. */
  readonly planFile?: string;
}

export interface StackLocation {
  readonly accountId?: string;
  readonly region?: string;
}

export function isChange(r: ResourceChange): boolean {
  return r.action !== "no-op";
}

/** Whether the old object goes away: a delete, or the delete half of a replace. */
export function destroys(r: ResourceChange): boolean {
  return r.action === "delete" || r.action === "replace";
}
