import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where the offline `hashicorp/aws` provider is: the folder that contains
 * `registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/`. Named by AI_LOGS_PROVIDER_MIRROR, or
 * found the way a newcomer would expect (no variable to set): Terraform's own implicit local mirror
 * directories first, then a shallow search of the places images install plugins to.
 * https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories
 */

export const PROVIDER_MIRROR_ENV = "AI_LOGS_PROVIDER_MIRROR";
/** The provider release @cdktf/provider-aws 20.1.0 binds. */
export const AWS_PROVIDER_VERSION = "5.100.0";

const PROVIDER_PATH = join("registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION);
/** How deep below a search root a mirror may sit (e.g. /opt/<vendor>/<tool>/plugins). */
const SEARCH_DEPTH = 4;

export interface ProviderMirror {
  /** The mirror folder, or undefined when none was found. */
  readonly path?: string;
  /** How it was found, or where it was looked for (for a message a developer can act on). */
  readonly how: string;
}

/** Searches once per process (and per value of the variable): every plan test asks. */
const found = new Map<string, ProviderMirror>();

export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): ProviderMirror {
  const key = env[PROVIDER_MIRROR_ENV] ?? "";
  if (!found.has(key)) found.set(key, locate(env));
  return found.get(key)!;
}

function locate(env: NodeJS.ProcessEnv): ProviderMirror {
  const named = env[PROVIDER_MIRROR_ENV];
  if (named) {
    return hasProvider(named)
      ? { path: named, how: `${PROVIDER_MIRROR_ENV}=${named}` }
      : { how: `${PROVIDER_MIRROR_ENV}=${named} holds no ${PROVIDER_PATH}` };
  }
  const implied = impliedMirrorDirectories(env).find(hasProvider);
  if (implied) return { path: implied, how: `Terraform's implied local mirror ${implied}` };
  const roots = ["/opt", "/usr/local", "/usr/share", "/srv", homedir()];
  for (const root of roots) {
    const found = search(root, SEARCH_DEPTH);
    if (found) return { path: found, how: `found under ${root}` };
  }
  return { how: `no ${PROVIDER_PATH} in Terraform's implied mirror directories or under ${roots.join(", ")}; set ${PROVIDER_MIRROR_ENV}` };
}

/** Terraform's implied local mirror directories on Unix, in its order. */
function impliedMirrorDirectories(env: NodeJS.ProcessEnv): string[] {
  const dataHome = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  const dataDirs = (env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(":").filter(Boolean);
  return ["terraform.d/plugins", join(homedir(), ".terraform.d", "plugins"), join(dataHome, "terraform", "plugins"), ...dataDirs.map((d) => join(d, "terraform", "plugins"))];
}

function hasProvider(dir: string): boolean {
  const versionDir = join(dir, PROVIDER_PATH);
  if (!existsSync(versionDir)) return false;
  try {
    return readdirSync(versionDir).some((platform) => readdirSync(join(versionDir, platform)).some((f) => f.startsWith("terraform-provider-aws")));
  } catch {
    return false;
  }
}

function search(dir: string, depth: number): string | undefined {
  if (hasProvider(dir)) return dir;
  if (depth === 0) return undefined;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const found = search(join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return undefined;
}
