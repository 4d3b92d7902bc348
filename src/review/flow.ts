import type { ChangeAction, ResourceChange, StackChanges } from "./change-set";
import { SideIndex } from "./resource-index";
import { block, str, strings } from "./values";

/**
 * The monitoring flow a change touches, as a graph: log group -> metric filter -> metric -> alarm ->
 * topic, and log group -> subscription filter -> archive destination -> bucket. Built from both
 * sides, so an edge that exists only before (an alarm that lost its topic) shows as removed.
 */

export type FlowNodeKind = "log-group" | "metric-filter" | "metric" | "alarm" | "topic" | "subscription" | "destination" | "bucket";

export interface FlowNode {
  readonly id: string;
  readonly kind: FlowNodeKind;
  readonly label: string;
  /** What happens to it; `external` for something outside this stack (an existing topic ARN). */
  readonly action: ChangeAction | "external";
}

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly status: "kept" | "added" | "removed";
}

export interface StackFlow {
  readonly stack: string;
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  /** Nodes left out to keep the diagram readable. */
  readonly omitted: number;
}

const KIND_BY_TYPE: Readonly<Record<string, FlowNodeKind>> = {
  aws_cloudwatch_log_group: "log-group",
  aws_cloudwatch_log_metric_filter: "metric-filter",
  aws_cloudwatch_metric_alarm: "alarm",
  aws_cloudwatch_composite_alarm: "alarm",
  aws_sns_topic: "topic",
  aws_cloudwatch_log_subscription_filter: "subscription",
  aws_kinesis_firehose_delivery_stream: "destination",
  aws_kinesis_stream: "destination",
  aws_lambda_function: "destination",
  aws_cloudwatch_log_destination: "destination",
  aws_s3_bucket: "bucket",
};
const DESTINATION_TYPES = ["aws_kinesis_firehose_delivery_stream", "aws_kinesis_stream", "aws_lambda_function", "aws_cloudwatch_log_destination"];

/** Largest diagram drawn per stack; the rest is counted in `omitted`. */
export const MAX_FLOW_NODES = 40;

/** The flow around the changed resources of one stack, or undefined when no flow resource changes. */
export function affectedFlow(stack: StackChanges): StackFlow | undefined {
  const nodes = new Map<string, FlowNode>();
  const edgeSides = new Map<string, { from: string; to: string; before: boolean; after: boolean }>();
  const metricSides = new Map<string, { label: string; before: boolean; after: boolean }>();

  for (const r of stack.resources) {
    const kind = KIND_BY_TYPE[r.type];
    if (kind) nodes.set(r.address, { id: r.address, kind, label: labelOf(r), action: r.action });
  }
  for (const side of ["before", "after"] as const) {
    const index = new SideIndex(stack.resources, side);
    const edge = (from: string, to: string) => {
      const key = `${from}\u0000${to}`;
      const found = edgeSides.get(key) ?? { from, to, before: false, after: false };
      found[side] = true;
      edgeSides.set(key, found);
    };
    const metric = (namespace: unknown, name: unknown): string | undefined => {
      if (typeof namespace !== "string" || typeof name !== "string") return undefined;
      const id = `metric:${namespace}/${name}`;
      const found = metricSides.get(id) ?? { label: `${namespace}/${name}`, before: false, after: false };
      found[side] = true;
      metricSides.set(id, found);
      return id;
    };
    const target = (value: unknown, types: string[], external: FlowNodeKind): string | undefined => {
      const address = index.resolve(value, types);
      if (address) return address;
      if (typeof value !== "string" || value === "" || value.startsWith("${")) return undefined;
      const id = `external:${value}`;
      if (!nodes.has(id)) nodes.set(id, { id, kind: external, label: value.split(":").pop() ?? value, action: "external" });
      return id;
    };

    for (const r of stack.resources) {
      const a = r[side];
      if (!a) continue;
      switch (r.type) {
        case "aws_cloudwatch_log_metric_filter": {
          const group = index.resolve(a.log_group_name, ["aws_cloudwatch_log_group"]);
          if (group) edge(group, r.address);
          const t = block(a.metric_transformation);
          const m = metric(t?.namespace, t?.name);
          if (m) edge(r.address, m);
          break;
        }
        case "aws_cloudwatch_metric_alarm": {
          const queried = (Array.isArray(a.metric_query) ? a.metric_query : []).map((q) => block((q as Record<string, unknown>).metric));
          for (const m of [{ namespace: a.namespace, metric_name: a.metric_name }, ...queried]) {
            const id = metric(m?.namespace, m?.metric_name);
            if (id) edge(id, r.address);
          }
          const actions = new Set([...strings(a.alarm_actions), ...strings(a.ok_actions), ...strings(a.insufficient_data_actions)]);
          for (const action of actions) {
            const topic = target(action, ["aws_sns_topic"], "topic");
            if (topic) edge(r.address, topic);
          }
          break;
        }
        case "aws_cloudwatch_composite_alarm": {
          // alarm_rule names its alarms: ALARM("name") in plans, ALARM(${...alarm_name}) in synthesized JSON.
          const rule = str(a.alarm_rule) ?? "";
          const named = [...rule.matchAll(/\$\{(aws_cloudwatch_(?:metric|composite)_alarm\.[A-Za-z0-9_-]+)\.alarm_name\}|"([^"]+)"/g)];
          for (const m of named) {
            const source = m[1] ?? index.resolve(m[2], ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"]);
            if (source && source !== r.address) edge(source, r.address);
          }
          for (const action of new Set([...strings(a.alarm_actions), ...strings(a.ok_actions), ...strings(a.insufficient_data_actions)])) {
            const topic = target(action, ["aws_sns_topic"], "topic");
            if (topic) edge(r.address, topic);
          }
          break;
        }
        case "aws_cloudwatch_log_subscription_filter": {
          const group = index.resolve(a.log_group_name, ["aws_cloudwatch_log_group"]);
          if (group) edge(group, r.address);
          const destination = target(a.destination_arn, DESTINATION_TYPES, "destination");
          if (destination) edge(r.address, destination);
          break;
        }
        case "aws_cloudwatch_log_destination": {
          const stream = target(a.target_arn, DESTINATION_TYPES, "destination");
          if (stream) edge(r.address, stream);
          break;
        }
        case "aws_kinesis_firehose_delivery_stream": {
          const s3 = block(a.extended_s3_configuration) ?? block(a.s3_configuration);
          const bucket = target(s3?.bucket_arn, ["aws_s3_bucket"], "bucket");
          if (bucket) edge(r.address, bucket);
          break;
        }
      }
    }
  }
  for (const [id, m] of metricSides) {
    nodes.set(id, { id, kind: "metric", label: m.label, action: m.before && m.after ? "no-op" : m.after ? "create" : "delete" });
  }
  const edges: FlowEdge[] = [...edgeSides.values()].map((e) => ({
    from: e.from,
    to: e.to,
    status: e.before && e.after ? "kept" : e.after ? "added" : "removed",
  }));
  return selectAffected(stack.name, nodes, edges);
}

/** Where a flow ends: shared by many resources, so the walk stops there. */
const SINKS: ReadonlySet<FlowNodeKind> = new Set(["topic", "destination", "bucket"]);

/**
 * What the changes touch: from each changed node (or edge end), everything downstream of it (what
 * it feeds: filters, metrics, alarms, topics, the archive) and upstream of it (what feeds it), but
 * not sideways (another filter of the same log group is not affected by this one's change).
 */
function selectAffected(stack: string, nodes: Map<string, FlowNode>, edges: FlowEdge[]): StackFlow | undefined {
  const seeds = new Set<string>();
  for (const n of nodes.values()) if (n.action !== "no-op" && n.action !== "external") seeds.add(n.id);
  for (const e of edges) if (e.status !== "kept") seeds.add(e.from).add(e.to);
  if (seeds.size === 0) return undefined;
  const down = new Map<string, string[]>();
  const up = new Map<string, string[]>();
  for (const e of edges) {
    down.set(e.from, [...(down.get(e.from) ?? []), e.to]);
    up.set(e.to, [...(up.get(e.to) ?? []), e.from]);
  }
  // Breadth-first, so what is cut when the diagram is too big is the farthest part.
  const reached: string[] = [];
  const queue = [...seeds].sort().flatMap((id) => [{ id, dir: "down" as const }, { id, dir: "up" as const }]);
  const visited = new Set<string>();
  while (queue.length > 0) {
    const { id, dir } = queue.shift()!;
    if (visited.has(`${dir}:${id}`)) continue;
    visited.add(`${dir}:${id}`);
    if (!reached.includes(id)) reached.push(id);
    if (SINKS.has(nodes.get(id)?.kind ?? "metric") && !seeds.has(id)) continue;
    for (const next of (dir === "down" ? down : up).get(id) ?? []) queue.push({ id: next, dir });
  }
  const keptIds = new Set(reached.slice(0, MAX_FLOW_NODES));
  return {
    stack,
    nodes: [...nodes.values()].filter((n) => keptIds.has(n.id)),
    edges: edges.filter((e) => keptIds.has(e.from) && keptIds.has(e.to)),
    omitted: reached.length - keptIds.size,
  };
}

function labelOf(r: ResourceChange): string {
  const a = r.after ?? r.before ?? {};
  return str(a.alarm_name) ?? str(a.name) ?? str(a.bucket) ?? r.address;
}
