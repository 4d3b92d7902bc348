import { RULES } from "../../src/checks";
import { cell, table } from "./markdown";

/** The AIL code table of docs/checks.md, from the rules themselves. */
export function renderChecksTable(): string {
  return table(["Code", "Rule"], RULES.map((r) => [r.code, cell(r.title)]));
}
