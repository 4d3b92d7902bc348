// `npm run docs`: regenerate the generated parts of the documentation from the code: the
// configuration reference (from the config's JSON Schema), the AIL check table, and the runbook
// pages (from the signal catalogue). __tests__/docs/generated.test.ts fails when they differ.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generatedDocs } from "./docs/generated-docs";

const root = join(__dirname, "..");
for (const [file, content] of generatedDocs(root)) {
  const path = join(root, file);
  if (existsSync(path) && readFileSync(path, "utf8") === content) continue;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  process.stdout.write(`wrote ${file}\n`);
}
