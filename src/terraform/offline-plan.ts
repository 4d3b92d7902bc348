import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ProviderSchemas, TerraformPlanJson } from "./plan-json";
import { findProviderMirror } from "./provider-mirror";

/**
 * Runs real Terraform against a synthesized stack with no network and no AWS account: the backend is
 * swapped for a local one, the provider gets fake credentials and skip flags, and `hashicorp/aws` is
 * installed from a filesystem mirror (the folder that contains `registry.terraform.io`; see
 * provider-mirror.ts). Used by the plan tests, the review scenarios and the benchmark.
 */

export { PROVIDER_MIRROR_ENV } from "./provider-mirror";

export interface TerraformAvailability {
  readonly available: boolean;
  /** Why not, in words a developer can act on. */
  readonly reason?: string;
  readonly version?: string;
}

export function terraformAvailability(): TerraformAvailability {
  let version: string;
  try {
    version = execFileSync("terraform", ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  } catch {
    return { available: false, reason: "no `terraform` binary on PATH" };
  }
  const mirror = findProviderMirror();
  if (!mirror.path) return { available: false, reason: mirror.how };
  return { available: true, version: (JSON.parse(version) as { terraform_version: string }).terraform_version };
}

/** A stack's Terraform JSON, rewritten for an offline plan. The input is not modified. */
export function offlineStackJson(stack: Record<string, unknown>, statePath = "terraform.tfstate"): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(stack)) as {
    terraform?: Record<string, unknown>;
    provider?: { aws?: Record<string, unknown>[] };
  };
  if (copy.terraform) copy.terraform.backend = { local: { path: statePath } };
  for (const aws of copy.provider?.aws ?? []) {
    Object.assign(aws, {
      access_key: "AKIAOFFLINEPLANTEST00",
      secret_key: "offline-plan-fake-secret",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
    // The real account id cannot be learned offline; the allow-list is checked against it.
    delete aws.allowed_account_ids;
  }
  return copy as Record<string, unknown>;
}

/** Environment for terraform: offline CLI config (mirror + shared plugin cache), no checkpoint, no IMDS. */
export function offlineTerraformEnv(workRoot: string): NodeJS.ProcessEnv {
  const { path: mirror, how } = findProviderMirror();
  if (!mirror) throw new Error(`no offline provider mirror: ${how}`);
  const cache = process.env.TF_PLUGIN_CACHE_DIR ?? join(workRoot, ".plugin-cache");
  mkdirSync(cache, { recursive: true });
  const cliConfig = join(workRoot, "offline.tfrc");
  writeFileSync(
    cliConfig,
    [
      `plugin_cache_dir = ${JSON.stringify(cache)}`,
      "provider_installation {",
      `  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }`,
      "}",
      "",
    ].join("\n"),
  );
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "AKIAOFFLINEPLANTEST00",
    AWS_SECRET_ACCESS_KEY: "offline-plan-fake-secret",
    AWS_PROFILE: "",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  };
}

export class TerraformError extends Error {}

/** Runs terraform in a directory; throws TerraformError with its output when it fails. */
export function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new TerraformError(`terraform ${args.join(" ")} failed in ${dir} (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
  return result.stdout;
}

/**
 * `terraform init -backend=false` + `terraform validate` in a directory of Terraform files as they
 * are (HCL or JSON, backend untouched: validate never reads state). Throws TerraformError.
 */
export function validateDirOffline(dir: string, env: NodeJS.ProcessEnv): void {
  terraform(dir, ["init", "-backend=false", "-input=false", "-no-color"], env);
  terraform(dir, ["validate", "-no-color"], env);
}

/** `terraform providers schema -json` of an initialized directory: attribute types for prior-state.ts. */
export function providerSchemas(dir: string, env: NodeJS.ProcessEnv): ProviderSchemas {
  return JSON.parse(terraform(dir, ["providers", "schema", "-json"], env)) as ProviderSchemas;
}

export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
}

export interface OfflinePlanResult {
  readonly dir: string;
  readonly changes: readonly PlannedChange[];
  /** `terraform show -json` of the saved plan. */
  readonly planJson: TerraformPlanJson;
}

export interface OfflinePlanOptions {
  /**
   * A state to plan against (see prior-state.ts), written as the local backend's state file; the
   * plan then runs with `-refresh=false`, so the diff is between that state and the stack. @default none (empty state)
   */
  readonly priorState?: object;
  /** Run `terraform validate` before planning (the plan validates too, but less verbosely). @default true */
  readonly validate?: boolean;
}

/** init + validate + plan + show -json for one stack, in `dir` (created). */
export function planStackOffline(
  stack: Record<string, unknown>,
  dir: string,
  env: NodeJS.ProcessEnv,
  extraPlanArgs: string[] = [],
  options: OfflinePlanOptions = {},
): OfflinePlanResult {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(offlineStackJson(stack), null, 2));
  if (options.priorState) writeFileSync(join(dir, "terraform.tfstate"), JSON.stringify(options.priorState, null, 2));
  terraform(dir, ["init", "-input=false", "-no-color"], env);
  if (options.validate ?? true) terraform(dir, ["validate", "-no-color"], env);
  const refresh = options.priorState ? ["-refresh=false"] : [];
  terraform(dir, ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan", ...refresh, ...extraPlanArgs], env);
  const planJson = JSON.parse(terraform(dir, ["show", "-json", "tfplan"], env)) as TerraformPlanJson;
  const changes = (planJson.resource_changes ?? []).map((rc) => ({ address: rc.address, type: rc.type, actions: rc.change.actions }));
  return { dir, changes, planJson };
}
