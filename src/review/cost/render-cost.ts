import type { CostEstimate, CostLine, SideCost, StackCost } from "./estimate";

/**
 * The cost section of the pull-request comment: one table of every stack's monthly cost before and
 * after with the total, then per changed stack the lines that make it up (folded), what is unknown,
 * and where the prices come from.
 */
export function renderCost(cost: CostEstimate): string[] {
  const out = ["### Cost per month (estimate)", "", "| Stack | Before | After | Change |", "|---|--:|--:|--:|"];
  for (const s of cost.stacks) out.push(`| \`${s.stack}\` | ${side(s.before)} | ${side(s.after)} | ${delta(s.deltaUsd)} |`);
  out.push(`| **Total** | **${usd(cost.beforeUsd)}** | **${usd(cost.afterUsd)}** | **${delta(cost.deltaUsd)}** |`, "");

  const unknown = [...new Set(cost.stacks.flatMap((s) => (s.after ?? s.before)?.unknown.map((u) => `\`${s.stack}\`: ${u}`) ?? []))];
  if (unknown.length > 0) out.push("Not in the totals (unknown):", "", ...unknown.map((u) => `- ${u}`), "");

  const changed = cost.stacks.filter((s) => s.deltaUsd !== 0 || linesDiffer(s));
  for (const s of changed) {
    out.push(`<details><summary><code>${s.stack}</code>: ${side(s.before)} → ${side(s.after)}</summary>`, "", "| Item | Before | After | Unit price |", "|---|--:|--:|--:|");
    for (const item of itemsOf(s)) {
      const b = s.before?.lines.find((l) => l.item === item);
      const a = s.after?.lines.find((l) => l.item === item);
      const l = (a ?? b)!;
      out.push(`| ${item}${l.detail ? ` (${(a ?? b)!.detail})` : ""} | ${cell(b)} | ${cell(a)} | ${usd(l.unitUsd, 4)} per ${l.unit} |`);
    }
    out.push("", "</details>", "");
  }
  out.push(
    `Prices: ${cost.prices.region} list prices as of ${cost.prices.date} (\`${cost.prices.file}\`, sources and what is estimated: docs/review-cost.md). ${cost.notes.join(" ")}`,
  );
  return out;
}

function itemsOf(s: StackCost): string[] {
  return [...new Set([...(s.before?.lines ?? []), ...(s.after?.lines ?? [])].map((l) => l.item))];
}

function linesDiffer(s: StackCost): boolean {
  return itemsOf(s).some((item) => s.before?.lines.find((l) => l.item === item)?.quantity !== s.after?.lines.find((l) => l.item === item)?.quantity);
}

function cell(l: CostLine | undefined): string {
  return l ? `${formatQuantity(l.quantity)} = ${usd(l.monthlyUsd)}` : "—";
}

function side(c: SideCost | undefined): string {
  return c ? usd(c.monthlyUsd) : "—";
}

function delta(n: number): string {
  return n === 0 ? "±$0.00" : `${n > 0 ? "+" : "−"}${usd(Math.abs(n))}`;
}

/** Dollars with cents (`$1,234.50`); `maxDigits` allows more for unit prices (`$0.0125`). */
export function usd(n: number, maxDigits = 2): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: maxDigits })}`;
}

function formatQuantity(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 1 });
}
