import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** The documentation the docs tests read: README.md and every Markdown file under docs/. */

export const ROOT = join(__dirname, "..", "..");

function markdownUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return markdownUnder(path);
    return e.name.endsWith(".md") ? [relative(ROOT, path)] : [];
  });
}

/** Paths relative to the repository, README.md first. */
export const DOC_FILES: readonly string[] = ["README.md", ...markdownUnder(join(ROOT, "docs")).sort()];

export const read = (file: string): string => readFileSync(join(ROOT, file), "utf8");
