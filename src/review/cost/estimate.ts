import { readExpectedUsage } from "../../model/expected-usage";
import type { ExpectedUsageModel } from "../../model/types";
import type { StackChanges } from "../change-set";
import type { SynthOutput } from "../synth-output";
import { inventoryOf, type ArchiveFeed, type DashboardCount, type DeliveryStreamCount, type Side, type StackInventory, type UsageHints } from "./inventory";
import { PRICES, S3_CLASS_PRICES, type Price } from "./prices";

/**
 * The monthly cost of the change: each stack's CloudWatch, archive (Firehose, S3) and KMS cost
 * before and after, from the resources both sides hold and the volume hints config gives
 * (`workloads[].expectedUsage`). What has no hint is not guessed: it is listed as unknown.
 */

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  /** USD per unit (prices.ts). */
  readonly unitUsd: number;
  readonly monthlyUsd: number;
  /** How the quantity was counted. */
  readonly detail?: string;
}

export interface SideCost {
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: number;
  /** What this side costs on top, that the estimate cannot price (no volume hint, unknown fan-out). */
  readonly unknown: readonly string[];
}

export interface StackCost {
  readonly stack: string;
  /** Absent when the stack does not exist on that side. */
  readonly before?: SideCost;
  readonly after?: SideCost;
  readonly deltaUsd: number;
}

export interface CostEstimate {
  readonly prices: { readonly date: string; readonly region: string; readonly currency: string; readonly file: string };
  readonly stacks: readonly StackCost[];
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly deltaUsd: number;
  /** What the estimate assumes and leaves out. */
  readonly notes: readonly string[];
}

/** Where the volume hints of one side of one stack come from. */
export type HintSource = (stack: string, side: Side) => UsageHints;

/** Hints from the synthesized outputs: base for "before", head for "after". */
export function hintsFromSynth(base: SynthOutput | undefined, head: SynthOutput | undefined): HintSource {
  const cache = new Map<string, UsageHints>();
  return (stack, side) => {
    const key = `${side}\u0000${stack}`;
    if (!cache.has(key)) cache.set(key, hintsOfStack((side === "before" ? base : head)?.stacks.get(stack)));
    return cache.get(key)!;
  };
}

function hintsOfStack(json: Readonly<Record<string, unknown>> | undefined): UsageHints {
  const groups = ((json?.resource as Record<string, Record<string, Record<string, unknown>>> | undefined)?.aws_cloudwatch_log_group ?? {}) as Record<string, Record<string, unknown>>;
  const hints = new Map<string, ExpectedUsageModel>();
  for (const [name, body] of Object.entries(groups)) {
    const usage = readExpectedUsage(body);
    if (usage) hints.set(`aws_cloudwatch_log_group.${name}`, usage);
  }
  return hints;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

export function estimateCost(stacks: readonly StackChanges[], hints: HintSource): CostEstimate {
  const sides = { before: priceSide(stacks, "before", hints), after: priceSide(stacks, "after", hints) };
  const costs = stacks.map((s): StackCost => {
    const before = sides.before.get(s.name);
    const after = sides.after.get(s.name);
    return { stack: s.name, before, after, deltaUsd: cents((after?.monthlyUsd ?? 0) - (before?.monthlyUsd ?? 0)) };
  });
  const total = (side: "before" | "after") => cents(costs.reduce((n, c) => n + (c[side]?.monthlyUsd ?? 0), 0));
  const regions = [...new Set(stacks.map((s) => s.location.region).filter((r): r is string => r !== undefined && r !== PRICES.region))];
  return {
    prices: { date: PRICES.date, region: PRICES.region, currency: PRICES.currency, file: "src/review/cost/prices.ts" },
    stacks: costs,
    beforeUsd: total("before"),
    afterUsd: total("after"),
    deltaUsd: cents(total("after") - total("before")),
    notes: [
      ...(regions.length > 0 ? [`Stacks in ${regions.join(", ")} are priced at ${PRICES.region} rates; prices differ by region.`] : []),
      "Upper bounds: a custom metric is billed only in hours it receives data; logs and archive volumes are priced before compression.",
      "Not included: Logs Insights and Athena queries (per GB scanned), API requests, SNS deliveries, Firehose per-object and JQ-hour charges, KMS key rotations and requests, the free tier for metrics, alarms and logs.",
    ],
  };
}

/** Every stack's cost on one side; the dashboard free tier and the archive feeds span stacks. */
function priceSide(stacks: readonly StackChanges[], side: Side, hints: HintSource): Map<string, SideCost> {
  const inventories = stacks.map((s) => inventoryOf(s, side, hints(s.name, side))).filter((i): i is StackInventory => i !== undefined);
  const free = freeDashboards(inventories);
  const feeds = archiveFeedsByStream(inventories);
  return new Map(inventories.map((inv) => [inv.stack, priceInventory(inv, free, feeds)]));
}

/** Dashboards in the free tier: per account, the first few that draw at most the free tier's number of metrics. */
function freeDashboards(inventories: readonly StackInventory[]): Set<string> {
  const free = new Set<string>();
  const byAccount = new Map<string, string[]>();
  for (const inv of inventories) {
    for (const d of inv.dashboards.filter((x) => x.metrics <= PRICES.freeDashboardMetrics)) {
      const list = byAccount.get(inv.accountId ?? "") ?? [];
      list.push(`${inv.stack}\u0000${d.address}`);
      byAccount.set(inv.accountId ?? "", list);
    }
  }
  for (const list of byAccount.values()) list.sort().slice(0, PRICES.freeDashboards).forEach((k) => free.add(k));
  return free;
}

/**
 * Delivery stream name -> what flows into it: per-log-group subscriptions, and the log groups an
 * account-level policy covers (every log group of its account and region without a filter of its own).
 */
function archiveFeedsByStream(inventories: readonly StackInventory[]): Map<string, ArchiveFeed[]> {
  const streams = inventories.flatMap((i) => i.deliveryStreams.map((s) => s.name));
  const feeds: ArchiveFeed[] = inventories.flatMap((i) => i.archiveFeeds);
  const subscribed = new Set(feeds.map((f) => f.logGroup));
  for (const policy of inventories.filter((i) => i.accountPolicyDestination !== undefined)) {
    const covered = inventories.filter((i) => i.accountId === policy.accountId && i.region === policy.region).flatMap((i) => i.logGroups.map((g) => ({ stack: i.stack, g })));
    for (const { stack, g } of covered) {
      if (g.workload === undefined || subscribed.has(g.name)) continue;
      feeds.push({ stack, logGroup: g.name, streamName: /:destination:([^:]+)$/.exec(policy.accountPolicyDestination!)?.[1], gbPerDay: g.gbPerDay, filtered: false });
    }
  }
  const byStream = new Map<string, ArchiveFeed[]>();
  for (const f of feeds) {
    const stream = f.streamName && streams.includes(f.streamName) ? f.streamName : streams.length === 1 ? streams[0] : undefined;
    if (stream === undefined) continue;
    byStream.set(stream, [...(byStream.get(stream) ?? []), f]);
  }
  return byStream;
}

function line(item: string, quantity: number, unit: string, price: Price | number, detail?: string): CostLine {
  const unitUsd = typeof price === "number" ? price : price.usd;
  return { item, quantity: round(quantity), unit, unitUsd, monthlyUsd: cents(quantity * unitUsd), ...(detail ? { detail } : {}) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function priceInventory(inv: StackInventory, freeSet: ReadonlySet<string>, feeds: ReadonlyMap<string, ArchiveFeed[]>): SideCost {
  const lines: CostLine[] = [];
  const unknown: string[] = [];
  const days = PRICES.daysPerMonth;

  const known = inv.metrics.filter((m) => m.count !== undefined);
  const metricCount = known.reduce((n, m) => n + m.count!, 0);
  if (metricCount > 0) {
    const declared = [...new Set(known.flatMap((m) => m.declaredDimensions))];
    lines.push(
      line(
        "Custom metrics",
        metricCount,
        "metric",
        PRICES.customMetric,
        `${plural(known.length, "metric name")} from metric filters${declared.length > 0 ? `; values of ${declared.join(", ")} counted from the ones config names (at least)` : ""}`,
      ),
    );
  }
  const perValue = inv.metrics.filter((m) => m.count === undefined);
  for (const dims of new Set(perValue.map((m) => m.unknownDimensions.join(" × ")))) {
    const n = perValue.filter((m) => m.unknownDimensions.join(" × ") === dims).length;
    unknown.push(`${plural(n, "custom metric")} per ${dims} value ($${PRICES.customMetric.usd.toFixed(2)} each per value and month; set \`expectedUsage.dimensionValues\`)`);
  }

  for (const highResolution of [false, true]) {
    const alarms = inv.alarms.filter((a) => a.highResolution === highResolution);
    if (alarms.length === 0) continue;
    const anomaly = alarms.filter((a) => a.anomalyDetection).length;
    const math = alarms.filter((a) => !a.anomalyDetection && a.metrics > 1).length;
    const parts = [anomaly > 0 ? `${anomaly} anomaly-detection (×3)` : "", math > 0 ? `${math} metric math (one per metric)` : ""].filter(Boolean);
    lines.push(
      line(
        highResolution ? "High-resolution alarm metrics" : "Standard alarm metrics",
        alarms.reduce((n, a) => n + a.alarmMetrics, 0),
        "alarm metric",
        highResolution ? PRICES.highResolutionAlarmMetric : PRICES.standardAlarmMetric,
        `${plural(alarms.length, "alarm")}${parts.length > 0 ? `, of which ${parts.join(", ")}` : ""}`,
      ),
    );
  }
  if (inv.compositeAlarms > 0) lines.push(line("Composite alarms", inv.compositeAlarms, "alarm", PRICES.compositeAlarm));
  if (inv.dashboards.length > 0) {
    const billed = inv.dashboards.filter((d) => !freeSet.has(`${inv.stack}\u0000${d.address}`));
    lines.push(line("Dashboards", billed.length, "dashboard", PRICES.dashboard, dashboardDetail(inv.dashboards, billed)));
  }
  if (inv.kmsKeys > 0) lines.push(line("KMS keys", inv.kmsKeys, "key", PRICES.kmsKey));

  const hinted = inv.logGroups.filter((g) => g.gbPerDay !== undefined);
  for (const [cls, price] of [["STANDARD", PRICES.logsIngestionStandard], ["INFREQUENT_ACCESS", PRICES.logsIngestionInfrequentAccess]] as const) {
    const groups = hinted.filter((g) => g.logGroupClass === cls);
    if (groups.length > 0) lines.push(line(`Logs ingestion (${cls})`, groups.reduce((n, g) => n + g.gbPerDay! * days, 0), "GB", price, `${plural(groups.length, "log group")} × GB/day × ${round(days)} days`));
  }
  if (hinted.length > 0) {
    const forever = hinted.filter((g) => g.retentionDays === 0).length;
    lines.push(
      line(
        "Logs storage",
        hinted.reduce((n, g) => n + g.gbPerDay! * (g.retentionDays === 0 ? 365 : g.retentionDays), 0),
        "GB-month",
        PRICES.logsStorage,
        `GB/day × retention days, once retention is reached${forever > 0 ? `; ${plural(forever, "log group")} never expire: shown after one year, and growing` : ""}`,
      ),
    );
    const dp = hinted.filter((g) => g.dataProtection);
    if (dp.length > 0) lines.push(line("Data protection scanning", dp.reduce((n, g) => n + g.gbPerDay! * days, 0), "GB", PRICES.dataProtection, `${plural(dp.length, "log group")} with a data protection policy`));
  }
  const unhinted = inv.logGroups.filter((g) => g.workload !== undefined && g.gbPerDay === undefined);
  if (unhinted.length > 0) {
    unknown.push(`Logs ingestion and storage of ${plural(unhinted.length, "workload log group")} (${unhinted.map((g) => `\`${g.name}\``).join(", ")}): set \`workloads[].expectedUsage.logGbPerDay\``);
  }

  for (const stream of inv.deliveryStreams) lines.push(...priceArchive(stream, feeds.get(stream.name) ?? [], unknown));

  return { lines, monthlyUsd: cents(lines.reduce((n, l) => n + l.quantity * l.unitUsd, 0)), unknown };
}

function dashboardDetail(all: readonly DashboardCount[], billed: readonly DashboardCount[]): string {
  const free = all.length - billed.length;
  const large = billed.filter((d) => d.metrics > PRICES.freeDashboardMetrics).length;
  return `${plural(all.length, "dashboard")}${free > 0 ? `, ${free} in the account's free tier (${PRICES.freeDashboards} dashboards of up to ${PRICES.freeDashboardMetrics} metrics)` : ""}${large > 0 ? `, ${large} drawing more than ${PRICES.freeDashboardMetrics} metrics` : ""}`;
}

function priceArchive(stream: DeliveryStreamCount, feeds: readonly ArchiveFeed[], unknown: string[]): CostLine[] {
  const days = PRICES.daysPerMonth;
  const known = feeds.filter((f) => f.gbPerDay !== undefined);
  const missing = feeds.filter((f) => f.gbPerDay === undefined);
  if (missing.length > 0) unknown.push(`Archive volume of ${plural(missing.length, "log group")} without \`expectedUsage.logGbPerDay\` (Firehose and S3 of \`${stream.name}\`)`);
  if (feeds.some((f) => f.filtered)) unknown.push(`Some archive subscriptions forward only events matching a filter pattern: their volume is an upper bound`);
  const gbPerDay = known.reduce((n, f) => n + f.gbPerDay!, 0);
  if (known.length === 0) return [];
  const lines = [line("Firehose ingestion", gbPerDay * days, "GB", PRICES.firehoseIngestion, `${plural(known.length, "log group")} delivered to \`${stream.name}\``)];
  if (stream.dynamicPartitioning) lines.push(line("Firehose dynamic partitioning", gbPerDay * days, "GB", PRICES.firehoseDynamicPartitioning));
  for (const s of stream.storage) {
    const price = S3_CLASS_PRICES[s.storageClass];
    if (!price) {
      unknown.push(`S3 storage in ${s.storageClass} (not priced here)`);
      continue;
    }
    lines.push(line(`S3 storage (${s.storageClass})`, gbPerDay * s.days, "GB-month", price, `GB/day × ${s.days} days in this class${stream.neverExpires ? " (no expiration: shown after one year)" : ""}`));
  }
  return lines;
}
