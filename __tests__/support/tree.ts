import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under `dir`, by path relative to it, with its text: two synth outputs compare as one value. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name));
      else out[relative(dir, join(d, entry.name))] = readFileSync(join(d, entry.name), "utf8");
    }
  };
  walk(dir);
  return out;
}
