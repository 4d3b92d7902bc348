import type { ApplyPhase } from "../src/stacks/apply-order";

/** What the deploy test did with one stack, for the summary. */
export interface StackReport {
  readonly stack: string;
  readonly accountId: string;
  readonly phase: ApplyPhase;
  readonly via: string;
  readonly resources: number;
  /** Address -> why it was not applied. */
  readonly excluded: ReadonlyMap<string, string>;
  readonly seconds: number;
}

function pad(text: string | number, width: number, right = false): string {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

/** Per stack: resources applied / excluded with counts; then what was excluded, by type, and why. */
export function renderStackTable(reports: readonly StackReport[]): string {
  const lines = [
    `  ${pad("phase", 11)}${pad("stack", 32)}${pad("account", 14)}${pad("applied with", 20)}${pad("resources", 10, true)}${pad("applied", 9, true)}${pad("excluded", 10, true)}${pad("seconds", 9, true)}`,
  ];
  for (const r of reports) {
    lines.push(
      `  ${pad(r.phase, 11)}${pad(r.stack, 32)}${pad(r.accountId, 14)}${pad(r.via, 20)}${pad(r.resources, 10, true)}${pad(r.resources - r.excluded.size, 9, true)}${pad(r.excluded.size, 10, true)}${pad(r.seconds.toFixed(0), 9, true)}`,
    );
  }
  const total = reports.reduce((n, r) => n + r.resources, 0);
  const excluded = reports.reduce((n, r) => n + r.excluded.size, 0);
  lines.push(`  total: ${total - excluded} of ${total} resources applied (${(((total - excluded) / Math.max(total, 1)) * 100).toFixed(0)} %), ${excluded} excluded`);
  if (excluded > 0) {
    lines.push("", "Excluded, because the emulator cannot create them (found by applying; evidence from moto's log):");
    for (const r of reports.filter((x) => x.excluded.size > 0)) {
      const byReason = new Map<string, Map<string, number>>();
      for (const [address, reason] of r.excluded) {
        const type = address.split(".")[0];
        const key = reason.startsWith("refers to") ? "refers to an excluded resource" : reason;
        const types = byReason.get(key) ?? new Map<string, number>();
        types.set(type, (types.get(type) ?? 0) + 1);
        byReason.set(key, types);
      }
      lines.push(`  ${r.stack}:`);
      for (const [reason, types] of byReason) {
        lines.push(`    ${[...types].map(([t, n]) => `${t} x${n}`).join(", ")}: ${reason}`);
      }
    }
  }
  return lines.join("\n");
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
