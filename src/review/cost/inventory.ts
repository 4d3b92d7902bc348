import type { ExpectedUsageModel } from "../../model/types";
import type { Attributes, ResourceChange, StackChanges } from "../change-set";
import { SideIndex } from "../resource-index";
import { block, num, str, tagsOf } from "../values";

/**
 * What one side (before or after) of one stack holds that CloudWatch, Firehose, S3 and KMS bill
 * for, counted from the resources' attributes. Prices are applied in estimate.ts.
 */

export type Side = "before" | "after";

/** Usage hints per resource address (a workload's log group), from the synthesized `//` metadata. */
export type UsageHints = ReadonlyMap<string, ExpectedUsageModel>;

export interface MetricCount {
  /** `namespace/name` and its dimension names. */
  readonly label: string;
  /** Billed metrics: one per dimension-value combination; undefined when a fan-out is unknown. */
  readonly count?: number;
  /** Dimensions whose number of values is unknown. */
  readonly unknownDimensions: readonly string[];
  /** Dimensions whose values were counted from the values config names (alarm dimensions): a lower bound. */
  readonly declaredDimensions: readonly string[];
}

export interface AlarmCount {
  readonly address: string;
  /** Alarm metrics billed: metrics in the alarm, times 3 for an anomaly-detection band. */
  readonly alarmMetrics: number;
  readonly metrics: number;
  readonly anomalyDetection: boolean;
  readonly highResolution: boolean;
}

export interface LogGroupCount {
  readonly address: string;
  readonly name: string;
  readonly workload?: string;
  readonly logGroupClass: string;
  /** 0 = never expire. */
  readonly retentionDays: number;
  readonly gbPerDay?: number;
  readonly dataProtection: boolean;
}

export interface DashboardCount {
  readonly address: string;
  readonly name: string;
  /** Metrics and expressions its graphs draw (the free tier covers dashboards of up to 50). */
  readonly metrics: number;
}

/** Events a subscription (or the account-level policy) delivers to a Firehose stream. */
export interface ArchiveFeed {
  readonly stack: string;
  readonly logGroup: string;
  /** The delivery stream's name, when the destination names it. */
  readonly streamName?: string;
  readonly gbPerDay?: number;
  /** A filter pattern selects a subset: the volume is an upper bound. */
  readonly filtered: boolean;
}

export interface DeliveryStreamCount {
  readonly address: string;
  readonly name: string;
  readonly dynamicPartitioning: boolean;
  /** Days in each storage class before the objects expire (from the bucket's lifecycle). */
  readonly storage: readonly { readonly storageClass: string; readonly days: number }[];
  /** No expiration: storage grows; counted for one year. */
  readonly neverExpires: boolean;
}

export interface StackInventory {
  readonly stack: string;
  readonly side: Side;
  readonly accountId?: string;
  readonly region?: string;
  readonly metrics: readonly MetricCount[];
  readonly alarms: readonly AlarmCount[];
  readonly compositeAlarms: number;
  readonly dashboards: readonly DashboardCount[];
  readonly kmsKeys: number;
  readonly logGroups: readonly LogGroupCount[];
  readonly archiveFeeds: readonly ArchiveFeed[];
  /** Log groups an account-level subscription policy covers (all of this account and region). */
  readonly accountPolicyDestination?: string;
  readonly deliveryStreams: readonly DeliveryStreamCount[];
}

const BAND_OPERATORS = ["GreaterThanUpperThreshold", "LessThanLowerThreshold", "LessThanLowerOrGreaterThanUpperThreshold"];

/** The billable inventory of one side of one stack; undefined when the stack does not exist on that side. */
export function inventoryOf(stack: StackChanges, side: Side, hints: UsageHints): StackInventory | undefined {
  const present = stack.resources.filter((r) => r[side] !== undefined);
  if (present.length === 0 && (side === "before" ? stack.status === "added" : stack.status === "removed")) return undefined;
  const index = new SideIndex(stack.resources, side);
  const of = (type: string) => present.filter((r) => r.type === type);
  const attrs = (r: ResourceChange) => r[side] as Attributes;

  const logGroups = of("aws_cloudwatch_log_group").map((r): LogGroupCount => {
    const a = attrs(r);
    const protectedBy = of("aws_cloudwatch_log_data_protection_policy").some((p) => index.resolve(attrs(p).log_group_name, ["aws_cloudwatch_log_group"]) === r.address);
    return {
      address: r.address,
      name: str(a.name) ?? r.address,
      workload: tagsOf(a).workload,
      logGroupClass: str(a.log_group_class) ?? "STANDARD",
      retentionDays: num(a.retention_in_days) ?? 0,
      gbPerDay: hints.get(r.address)?.logGbPerDay,
      dataProtection: protectedBy,
    };
  });
  const workloadOfGroup = new Map(logGroups.map((g) => [g.address, g.workload]));

  const declared = declaredDimensionValues(of("aws_cloudwatch_metric_alarm").map(attrs));
  const metrics = new Map<string, MetricCount>();
  for (const filter of of("aws_cloudwatch_log_metric_filter")) {
    const t = block(attrs(filter).metric_transformation);
    const namespace = str(t?.namespace);
    const name = str(t?.name);
    if (!namespace || !name) continue;
    const dimensions = Object.keys((t?.dimensions as Record<string, unknown> | undefined) ?? {}).sort();
    const label = `${namespace}/${name}${dimensions.length > 0 ? ` by ${dimensions.join(", ")}` : ""}`;
    if (metrics.has(label)) continue;
    const group = index.resolve(attrs(filter).log_group_name, ["aws_cloudwatch_log_group"]);
    const workload = group ? workloadOfGroup.get(group) : undefined;
    const hinted = group ? hints.get(group)?.dimensionValues : undefined;
    let count: number | undefined = 1;
    const unknownDimensions: string[] = [];
    const declaredDimensions: string[] = [];
    for (const d of dimensions) {
      const fromConfig = workload ? declared.get(`${workload}\u0000${d}`)?.size : undefined;
      const n = hinted?.[d] ?? fromConfig;
      if (hinted?.[d] === undefined && fromConfig !== undefined) declaredDimensions.push(d);
      if (n === undefined) unknownDimensions.push(d);
      count = n === undefined || count === undefined ? undefined : count * n;
    }
    metrics.set(label, { label, count, unknownDimensions, declaredDimensions });
  }

  const alarms = of("aws_cloudwatch_metric_alarm").map((r): AlarmCount => {
    const a = attrs(r);
    const queries = (Array.isArray(a.metric_query) ? a.metric_query : []) as Record<string, unknown>[];
    const queried = queries.map((q) => block(q.metric)).filter((m): m is Record<string, unknown> => m !== undefined);
    const metricCount = queries.length > 0 ? queried.length : 1;
    const periods = queries.length > 0 ? queried.map((m) => num(m.period) ?? 60) : [num(a.period) ?? 60];
    const anomalyDetection =
      BAND_OPERATORS.includes(str(a.comparison_operator) ?? "") || queries.some((q) => /ANOMALY_DETECTION_BAND\s*\(/.test(str(q.expression) ?? ""));
    return {
      address: r.address,
      metrics: metricCount,
      alarmMetrics: anomalyDetection ? metricCount * 3 : metricCount,
      anomalyDetection,
      highResolution: Math.min(...periods) < 60,
    };
  });

  const dashboards = of("aws_cloudwatch_dashboard").map((r) => ({
    address: r.address,
    name: str(attrs(r).dashboard_name) ?? r.address,
    metrics: dashboardMetricCount(attrs(r).dashboard_body),
  }));

  const archiveFeeds = of("aws_cloudwatch_log_subscription_filter").flatMap((r): ArchiveFeed[] => {
    const a = attrs(r);
    const destination = str(a.destination_arn) ?? "";
    if (!/:firehose:|:destination:|^\$\{aws_kinesis_firehose_delivery_stream\./.test(destination)) return [];
    const group = index.resolve(a.log_group_name, ["aws_cloudwatch_log_group"]);
    return [
      {
        stack: stack.name,
        logGroup: group ? (logGroups.find((g) => g.address === group)?.name ?? group) : (str(a.log_group_name) ?? r.address),
        streamName: streamNameOf(destination),
        gbPerDay: group ? hints.get(group)?.logGbPerDay : undefined,
        filtered: (str(a.filter_pattern) ?? "") !== "",
      },
    ];
  });
  const accountPolicy = of("aws_cloudwatch_log_account_policy").find((r) => attrs(r).policy_type === "SUBSCRIPTION_FILTER_POLICY");
  const accountPolicyDestination = accountPolicy ? (parseJson(attrs(accountPolicy).policy_document)?.DestinationArn as string | undefined) ?? "" : undefined;

  const deliveryStreams = of("aws_kinesis_firehose_delivery_stream").map((r): DeliveryStreamCount => {
    const s3 = block(attrs(r).extended_s3_configuration);
    const lifecycle = lifecycleOf(of("aws_s3_bucket_lifecycle_configuration").map(attrs), str(s3?.prefix) ?? "");
    return {
      address: r.address,
      name: str(attrs(r).name) ?? r.address,
      dynamicPartitioning: block(s3?.dynamic_partitioning_configuration)?.enabled === true,
      ...lifecycle,
    };
  });

  return {
    stack: stack.name,
    side,
    accountId: stack.location.accountId,
    region: stack.location.region,
    metrics: [...metrics.values()],
    alarms,
    compositeAlarms: of("aws_cloudwatch_composite_alarm").length,
    dashboards,
    kmsKeys: of("aws_kms_key").length,
    logGroups,
    archiveFeeds,
    accountPolicyDestination,
    deliveryStreams,
  };
}

/** workload + dimension name -> the values the workload's alarms name: what config declares. */
function declaredDimensionValues(alarms: readonly Attributes[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const a of alarms) {
    const workload = tagsOf(a).workload;
    if (!workload) continue;
    const queried = (Array.isArray(a.metric_query) ? a.metric_query : []).map((q) => block((q as Record<string, unknown>).metric)?.dimensions);
    const dimensionMaps = [a.dimensions, ...queried];
    for (const dims of dimensionMaps) {
      if (!dims || typeof dims !== "object") continue;
      for (const [name, value] of Object.entries(dims as Record<string, unknown>)) {
        if (typeof value !== "string") continue;
        const key = `${workload}\u0000${name}`;
        found.set(key, (found.get(key) ?? new Set()).add(value));
      }
    }
  }
  return found;
}

/** Rows a dashboard's metric widgets draw: each metric or expression row counts once. */
function dashboardMetricCount(body: unknown): number {
  const parsed = parseJson(body) as { widgets?: { type?: string; properties?: { metrics?: unknown[] } }[] } | undefined;
  return (parsed?.widgets ?? []).filter((w) => w.type === "metric").reduce((n, w) => n + (Array.isArray(w.properties?.metrics) ? w.properties!.metrics!.length : 0), 0);
}

function parseJson(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "string") return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  try {
    return JSON.parse(value) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** `...:deliverystream/NAME` or `...:destination:NAME` -> NAME (a Logs destination forwards to its stream). */
function streamNameOf(arn: string): string | undefined {
  return /deliverystream\/([^/]+)$/.exec(arn)?.[1] ?? /:destination:([^:]+)$/.exec(arn)?.[1] ?? /^\$\{aws_kinesis_firehose_delivery_stream\.([^.]+)\./.exec(arn)?.[1];
}

/** Days in each storage class for objects under `prefix`, from the bucket's enabled lifecycle rule with the longest matching prefix. */
function lifecycleOf(configurations: readonly Attributes[], prefix: string): Pick<DeliveryStreamCount, "storage" | "neverExpires"> {
  const rules = configurations
    .flatMap((c) => (Array.isArray(c.rule) ? c.rule : []) as Record<string, unknown>[])
    .filter((r) => r.status === "Enabled")
    .map((r) => ({ rule: r, prefix: str(block(r.filter)?.prefix) ?? str(r.prefix) ?? "" }))
    .filter((r) => prefix.startsWith(r.prefix) && (block(r.rule.expiration) !== undefined || (Array.isArray(r.rule.transition) && r.rule.transition.length > 0)))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const rule = rules[0]?.rule;
  const transitions = ((Array.isArray(rule?.transition) ? rule!.transition : []) as Record<string, unknown>[])
    .map((t) => ({ days: num(t.days) ?? 0, storageClass: str(t.storage_class) ?? "STANDARD" }))
    .sort((a, b) => a.days - b.days);
  const expiration = num(block(rule?.expiration)?.days);
  const end = expiration ?? 365;
  const starts = [{ days: 0, storageClass: "STANDARD" }, ...transitions].filter((t) => t.days < end);
  const storage = starts.map((t, i) => ({ storageClass: t.storageClass, days: (starts[i + 1]?.days ?? end) - t.days }));
  return { storage, neverExpires: expiration === undefined };
}
