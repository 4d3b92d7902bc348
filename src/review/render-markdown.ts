import type { ResourceChange } from "./change-set";
import { renderCost } from "./cost/render-cost";
import { renderMermaid } from "./mermaid";
import type { PatternSampleComparison } from "./pattern-samples";
import type { Review } from "./review";
import type { Risk } from "./rules";
import { COUNTED_ACTIONS, type CountedAction, type StackSummary } from "./summary";
import { shortValue, str } from "./values";

/**
 * The review as a pull-request comment: risks first (what is lost or silenced, and what to do),
 * then what changes per stack by resource type, the affected flow as Mermaid, and the details
 * folded away.
 */
export function renderMarkdown(review: Review): string {
  const out: string[] = [];
  out.push(`## ai-logs review: ${headline(review.risks)}`, "", sourcesLine(review), "");
  if (review.risks.length > 0) {
    out.push("### Risks", "");
    review.risks.forEach((risk, i) => out.push(...renderRisk(risk, i + 1), ""));
  }
  out.push(...renderCost(review.cost), "");
  out.push("### Changes by stack", "", ...renderSummaries(review.stacks), "");
  if (review.moves.length > 0) out.push(...renderMoves(review), "");
  if (review.flows.length > 0) {
    out.push("### Affected flow", "");
    for (const flow of review.flows) {
      out.push(`#### \`${flow.stack}\``, "", "```mermaid", renderMermaid(flow), "```", "");
      if (flow.omitted > 0) out.push(`_${flow.omitted} more resources of this flow are not drawn._`, "");
    }
  }
  if (review.changes.length > 0) out.push("### Details", "", ...renderDetails(review), "");
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

function headline(risks: readonly Risk[]): string {
  if (risks.length === 0) return "no risks found";
  const high = risks.filter((r) => r.severity === "high").length;
  const parts = [high > 0 ? `${high} high` : "", risks.length - high > 0 ? `${risks.length - high} medium` : ""].filter(Boolean);
  return `${risks.length} risk${risks.length === 1 ? "" : "s"} (${parts.join(", ")})`;
}

function sourcesLine(review: Review): string {
  const parts: string[] = [];
  if (review.sources.base && review.sources.head) parts.push(`synthesized \`${review.sources.base}\` → \`${review.sources.head}\``);
  for (const p of review.sources.plans) parts.push(`plan \`${p.file}\` (stack \`${p.stack}\`)`);
  return `Reviewed: ${parts.join("; ")}.`;
}

const SEVERITY_BADGE = { high: "🔴 **high**", medium: "🟠 **medium**" } as const;

function renderRisk(risk: Risk, n: number): string[] {
  const lines = [`${n}. ${SEVERITY_BADGE[risk.severity]} · ${risk.code} **${risk.title}** · \`${risk.stack}\` · \`${risk.address}\`  `, `   ${risk.summary}`];
  for (const d of risk.details) lines.push(`   - ${d}`);
  if (risk.samples && risk.samples.lines.length > 0) lines.push("", ...renderSamples(risk.samples).map((l) => `   ${l}`));
  return lines;
}

function renderSamples(samples: PatternSampleComparison): string[] {
  const mark = (matched: boolean) => (matched ? "matches" : "—");
  const rows = samples.lines.map((l) => {
    const regressed = l.before === l.shouldMatch && l.after !== l.shouldMatch;
    return `| ${cell(code(truncate(l.line, 100)))} | ${l.shouldMatch ? "match" : "no match"} | ${mark(l.before)} | ${mark(l.after)}${regressed ? " ⚠" : ""} |`;
  });
  return [`Sample lines of \`${samples.preset!.kind}/${samples.preset!.id}\` (${samples.preset!.title}) in the signal catalogue:`, "", "| Sample line | Must | Before | After |", "|---|---|---|---|", ...rows];
}

const ACTION_HEADERS: Readonly<Record<CountedAction, string>> = {
  create: "add",
  import: "import",
  update: "change",
  replace: "replace",
  delete: "destroy",
  forget: "forget",
};
/** Shown even when zero, as Terraform's own plan summary does; import and forget only when they occur. */
const ALWAYS_SHOWN: readonly CountedAction[] = ["create", "update", "replace", "delete"];

function renderSummaries(stacks: readonly StackSummary[]): string[] {
  const out: string[] = [];
  const unchanged = stacks.filter((s) => s.status === "unchanged").map((s) => `\`${s.stack}\``);
  for (const s of stacks.filter((x) => x.status !== "unchanged")) {
    const source = s.source === "plan" ? `plan \`${s.planFile}\`` : "synth diff";
    const status = s.status === "added" ? ", new stack" : s.status === "removed" ? ", stack removed from the synthesized output" : "";
    const columns = COUNTED_ACTIONS.filter((a) => ALWAYS_SHOWN.includes(a) || s.totals[a] > 0);
    const totals = columns.map((a) => `${s.totals[a]} to ${ACTION_HEADERS[a]}`).join(", ");
    out.push(`#### \`${s.stack}\` (${source}${status}): ${totals}`, "");
    out.push(`| Resource type | ${columns.map((a) => ACTION_HEADERS[a]).join(" | ")} |`, `|---|${columns.map(() => "--:").join("|")}|`);
    for (const [type, counts] of Object.entries(s.byType)) out.push(`| \`${type}\` | ${columns.map((a) => counts[a] || "").join(" | ")} |`);
    if (s.status === "removed") {
      out.push("", "A removed stack is no longer planned by anyone: its resources stay in AWS, unmanaged, unless the stack is destroyed (or its state moved) before it leaves the code.");
    }
    out.push("");
  }
  if (unchanged.length > 0) out.push(`No changes: ${unchanged.join(", ")}.`);
  return out;
}

const MOVE_LABELS: Readonly<Record<Review["moves"][number]["kind"], string>> = {
  "state-moved": "moves with its state (forgotten there, imported here): nothing is recreated",
  moved: "is destroyed or forgotten there and created here: see the risks above",
  renamed: "looks renamed: see the risks above",
};

function renderMoves(review: Review): string[] {
  return [
    "Moves between addresses:",
    "",
    ...review.moves.map((m) => `- \`${m.from.stack}\` \`${m.from.address}\` → \`${m.to.stack}\` \`${m.to.address}\`: ${MOVE_LABELS[m.kind]}`),
  ];
}

const ACTION_SIGNS: Readonly<Record<CountedAction, string>> = { create: "+", import: "<=", update: "~", replace: "-/+", delete: "-", forget: "." };

function renderDetails(review: Review): string[] {
  const out: string[] = [];
  for (const stack of review.stacks) {
    const changes = review.changes.filter((c) => c.stack === stack.stack);
    if (changes.length === 0) continue;
    out.push(`<details><summary><code>${stack.stack}</code>: ${changes.length} change${changes.length === 1 ? "" : "s"}</summary>`, "");
    for (const c of changes) out.push(...renderChange(c));
    out.push("", "</details>", "");
  }
  return out;
}

function renderChange(c: ResourceChange): string[] {
  const action = c.action as CountedAction;
  const name = str((c.after ?? c.before)?.name) ?? str((c.after ?? c.before)?.alarm_name) ?? str((c.after ?? c.before)?.bucket);
  const moved = c.movedFrom ? `, moved from \`${c.movedFrom}\`` : "";
  const imported = c.importing !== undefined ? `, importing id ${code(c.importing)}` : "";
  const lines = [`- \`${ACTION_SIGNS[action]} ${c.address}\`${name ? ` (${code(name)})` : ""}: ${verbOf(action)}${moved}${imported}`];
  for (const attr of c.changed) {
    const forces = c.replacedBecause.includes(attr) ? " (forces replacement)" : "";
    lines.push(`  - \`${attr}\`: ${code(shortValue(c.before?.[attr]))} → ${code(shortValue(c.after?.[attr]))}${forces}`);
  }
  return lines;
}

function verbOf(action: CountedAction): string {
  return {
    create: "create",
    import: "import (existing object, no change)",
    update: "update in place",
    replace: "replace (destroy, then create)",
    delete: "destroy",
    forget: "forget (leaves Terraform state, stays in AWS)",
  }[action];
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** An inline code span that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${text}${fence.length > 1 ? " " : ""}${fence}`;
}

/** Table cells end at `|`. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
