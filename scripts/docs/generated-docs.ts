import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderChecksTable } from "./checks-table";
import { renderConfigReference } from "./config-reference";
import { spliceGenerated } from "./generated-region";
import { runbookFiles } from "./runbooks";

/** The parts of hand-written pages that are generated: page -> region name -> content. */
const REGIONS: Readonly<Record<string, Readonly<Record<string, () => string>>>> = {
  "docs/configuration.md": { "config-reference": renderConfigReference },
  "docs/checks.md": { checks: renderChecksTable },
};

/**
 * Every file `npm run docs` writes, as it would write it: path relative to `root` -> content. Pages
 * with generated regions are read from `root` and spliced; runbook pages are generated whole.
 */
export function generatedDocs(root: string): Map<string, string> {
  const files = new Map(runbookFiles());
  for (const [page, regions] of Object.entries(REGIONS)) {
    let text = readFileSync(join(root, page), "utf8");
    for (const [name, render] of Object.entries(regions)) text = spliceGenerated(text, name, render(), page);
    files.set(page, text);
  }
  return files;
}
