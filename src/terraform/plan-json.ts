/**
 * The parts of Terraform's machine-readable plan (`terraform show -json <planfile>`, format 1.x) and
 * provider schema (`terraform providers schema -json`) that this project reads. Field names are
 * Terraform's; see https://developer.hashicorp.com/terraform/internals/json-format.
 */

/** `forget`: a `removed` block with `destroy = false` (Terraform >= 1.7). */
export type PlanAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

export interface PlanResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name?: string;
  readonly change: {
    /** ["create"], ["update"], ["delete"], ["no-op"], ["read"], or a replace: ["delete","create"] / ["create","delete"]. */
    readonly actions: readonly PlanAction[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
    /** Same shape as `after`, `true` where the value is known only after apply. */
    readonly after_unknown?: unknown;
    /** Attribute paths that force the replacement. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
    /** Set when an `import` block brings an existing object under management. */
    readonly importing?: { readonly id?: string };
  };
  /** The address before a `moved` block renamed it. */
  readonly previous_address?: string;
  /** e.g. `replace_because_cannot_update`, `delete_because_no_resource_config`. */
  readonly action_reason?: string;
}

export interface PlanExpression {
  /** For JSON configurations (cdk.tf.json) this is the raw value, `${...}` templates included. */
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

/** A block's expressions: attribute -> expression, nested block -> list of expression maps. */
export type PlanExpressions = Readonly<Record<string, PlanExpression | readonly PlanExpressions[]>>;

export interface PlanConfigResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly expressions?: PlanExpressions;
  readonly schema_version?: number;
  readonly depends_on?: readonly string[];
}

export interface PlannedResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly schema_version: number;
  /** Absent when every value is known only after apply. */
  readonly values?: Record<string, unknown>;
}

export interface PlannedModule {
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly (PlannedModule & { readonly address: string })[];
}

export interface TerraformPlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly planned_values?: { readonly root_module?: PlannedModule };
  readonly resource_changes?: readonly PlanResourceChange[];
  readonly configuration?: {
    readonly provider_config?: Readonly<Record<string, { readonly expressions?: PlanExpressions }>>;
    readonly root_module?: { readonly resources?: readonly PlanConfigResource[] };
  };
  readonly errored?: boolean;
}

/** `["list","string"]`, `"number"`, `["object", {...}]`, ... */
export type SchemaType = string | readonly unknown[];

export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, { readonly type?: SchemaType; readonly computed?: boolean; readonly optional?: boolean }>>;
  readonly block_types?: Readonly<Record<string, { readonly nesting_mode: "single" | "list" | "set" | "map" | "group"; readonly block: SchemaBlock }>>;
}

export interface ProviderSchemas {
  readonly provider_schemas: Readonly<
    Record<string, { readonly resource_schemas?: Readonly<Record<string, { readonly version: number; readonly block: SchemaBlock }>> }>
  >;
}
