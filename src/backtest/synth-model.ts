/**
 * Reads the backtest's view of synthesized stacks (definitions.ts) from their Terraform JSON:
 * `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm` (classic or `metric_query`)
 * and `aws_cloudwatch_composite_alarm`. String values are Terraform templates: references such as
 * `${aws_cloudwatch_log_group.chat.name}` are resolved from the referenced block of the same stack,
 * and the escapes `$${` / `%%{` are undone. Anything that cannot be resolved is reported on the
 * filter or alarm it belongs to; it never stops the other alarms.
 */
import { compileMetricExtraction, parseFilterPattern, type MetricTransformationSpec } from "../patterns";
import type { StackJson } from "../review/synth-output";
import { block, num } from "../review/values";
import { AlarmRuleError, parseAlarmRule } from "./composite-rule";
import type {
  AlarmActions,
  AlarmDef,
  AlarmQuery,
  BacktestModel,
  MetricAlarmDef,
  MetricFilterDef,
  TreatMissingData,
} from "./definitions";
import { renderTemplate, resourceAttribute } from "./terraform-template";

const FILTER = "aws_cloudwatch_log_metric_filter";
const METRIC_ALARM = "aws_cloudwatch_metric_alarm";
const COMPOSITE_ALARM = "aws_cloudwatch_composite_alarm";
const LOG_GROUP = "aws_cloudwatch_log_group";
const TREATMENTS: readonly TreatMissingData[] = ["missing", "ignore", "breaching", "notBreaching"];

/** A value that cannot be read; carries why, for the report. */
class Unreadable extends Error {}

/** Builds the model of the given stacks (name -> Terraform JSON), in the order given. */
export function readModel(stacks: ReadonlyMap<string, StackJson>): BacktestModel {
  const filters: MetricFilterDef[] = [];
  const alarms: AlarmDef[] = [];
  const logGroups = new Map<string, string[]>();
  const skippedFilters: { stack: string; address: string; reason: string }[] = [];
  const addLogGroup = (name: string, stack: string) => {
    const list = logGroups.get(name) ?? [];
    if (!list.includes(stack)) list.push(stack);
    logGroups.set(name, list);
  };

  for (const [stack, json] of stacks) {
    const values = new StackValues(json);
    for (const [, attrs] of values.blocks(LOG_GROUP)) {
      // A generated name (name_prefix) is known only after apply; no recorded event can name it.
      const logGroup = values.tryText(attrs.name);
      if (logGroup !== undefined) addLogGroup(logGroup, stack);
    }
    for (const [name, attrs] of values.blocks(FILTER)) {
      const address = `${FILTER}.${name}`;
      try {
        const filter = readFilter(stack, address, attrs, values);
        filters.push(filter);
        addLogGroup(filter.logGroupName, stack);
      } catch (e) {
        if (!(e instanceof Unreadable)) throw e;
        skippedFilters.push({ stack, address, reason: e.message });
      }
    }
    for (const [name, attrs] of values.blocks(METRIC_ALARM)) {
      alarms.push(readOrReport(stack, `${METRIC_ALARM}.${name}`, attrs, values, () => readMetricAlarm(stack, `${METRIC_ALARM}.${name}`, attrs, values)));
    }
    for (const [name, attrs] of values.blocks(COMPOSITE_ALARM)) {
      const address = `${COMPOSITE_ALARM}.${name}`;
      alarms.push(
        readOrReport(stack, address, attrs, values, () => {
          const ruleText = values.text(attrs.alarm_rule, "alarm_rule");
          let rule;
          try {
            rule = parseAlarmRule(ruleText);
          } catch (e) {
            if (e instanceof AlarmRuleError) throw new Unreadable(e.message);
            throw e;
          }
          const suppressor = block(attrs.actions_suppressor);
          return {
            kind: "composite",
            stack,
            address,
            alarmName: values.text(attrs.alarm_name, "alarm_name"),
            rule,
            ruleText,
            actions: actionsOf(attrs),
            suppressor: suppressor ? values.text(suppressor.alarm, "actions_suppressor.alarm") : undefined,
          };
        })
      );
    }
  }
  return { stacks: [...stacks.keys()], filters, alarms, logGroups, skippedFilters };
}

function readOrReport(stack: string, address: string, attrs: Record<string, unknown>, values: StackValues, read: () => AlarmDef): AlarmDef {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    const name = values.tryText(attrs.alarm_name) ?? address;
    return { kind: "unreadable", stack, address, alarmName: name, reason: e.message };
  }
}

function readFilter(stack: string, address: string, attrs: Record<string, unknown>, values: StackValues): MetricFilterDef {
  const transformation = block(attrs.metric_transformation);
  if (!transformation) throw new Unreadable("it has no metric_transformation");
  const pattern = values.optionalText(attrs.pattern, "pattern") ?? "";
  let ast;
  try {
    ast = parseFilterPattern(pattern);
  } catch (e) {
    throw new Unreadable(`its pattern does not parse: ${(e as Error).message}`);
  }
  const dimensions = values.textMap(transformation.dimensions, "metric_transformation.dimensions");
  const defaultText = values.optionalText(transformation.default_value, "metric_transformation.default_value");
  const defaultValue = defaultText === undefined || defaultText === "" ? undefined : Number(defaultText);
  if (defaultValue !== undefined && !Number.isFinite(defaultValue)) throw new Unreadable(`default_value '${defaultText}' is not a number`);
  const spec: MetricTransformationSpec = {
    metricValue: values.text(transformation.value, "metric_transformation.value"),
    defaultValue,
    dimensions: Object.keys(dimensions).length > 0 ? dimensions : undefined,
  };
  let extractor;
  try {
    extractor = compileMetricExtraction(ast, spec);
  } catch (e) {
    throw new Unreadable((e as Error).message);
  }
  return {
    stack,
    address,
    name: values.optionalText(attrs.name, "name") ?? address,
    logGroupName: values.text(attrs.log_group_name, "log_group_name"),
    pattern,
    ast,
    transformation: spec,
    extractor,
    namespace: values.text(transformation.namespace, "metric_transformation.namespace"),
    metricName: values.text(transformation.name, "metric_transformation.name"),
    unit: values.optionalText(transformation.unit, "metric_transformation.unit"),
  };
}

function readMetricAlarm(stack: string, address: string, attrs: Record<string, unknown>, values: StackValues): MetricAlarmDef {
  const evaluationPeriods = values.number(attrs.evaluation_periods, "evaluation_periods");
  const treat = values.optionalText(attrs.treat_missing_data, "treat_missing_data") ?? "missing";
  if (!TREATMENTS.includes(treat as TreatMissingData)) throw new Unreadable(`treat_missing_data '${treat}' is not one of ${TREATMENTS.join(", ")}`);
  return {
    kind: "metric",
    stack,
    address,
    alarmName: values.text(attrs.alarm_name, "alarm_name"),
    comparison: values.text(attrs.comparison_operator, "comparison_operator"),
    threshold: attrs.threshold === undefined || attrs.threshold === null ? undefined : values.number(attrs.threshold, "threshold"),
    thresholdMetricId: values.optionalText(attrs.threshold_metric_id, "threshold_metric_id"),
    evaluationPeriods,
    datapointsToAlarm: attrs.datapoints_to_alarm === undefined ? evaluationPeriods : values.number(attrs.datapoints_to_alarm, "datapoints_to_alarm"),
    treatMissingData: treat as TreatMissingData,
    lowSampleCountPercentiles: values.optionalText(attrs.evaluate_low_sample_count_percentiles, "evaluate_low_sample_count_percentiles") === "ignore" ? "ignore" : "evaluate",
    queries: attrs.metric_query === undefined ? [classicQuery(attrs, values)] : metricQueries(attrs.metric_query, values),
    actions: actionsOf(attrs),
  };
}

/** A classic single-metric alarm as the one query `m1`. */
function classicQuery(attrs: Record<string, unknown>, values: StackValues): AlarmQuery {
  const stat = values.optionalText(attrs.statistic, "statistic") ?? values.optionalText(attrs.extended_statistic, "extended_statistic");
  if (stat === undefined) throw new Unreadable("it has neither statistic nor extended_statistic");
  return {
    kind: "metric",
    id: "m1",
    metric: {
      namespace: values.text(attrs.namespace, "namespace"),
      metricName: values.text(attrs.metric_name, "metric_name"),
      dimensions: values.textMap(attrs.dimensions, "dimensions"),
    },
    period: values.number(attrs.period, "period"),
    stat,
    unit: values.optionalText(attrs.unit, "unit"),
    returnData: true,
  };
}

function metricQueries(value: unknown, values: StackValues): AlarmQuery[] {
  const entries = (Array.isArray(value) ? value : [value]).filter((q): q is Record<string, unknown> => !!q && typeof q === "object");
  return entries.map((q, index) => {
    const id = values.text(q.id, `metric_query[${index}].id`);
    const returnData = q.return_data === true || q.return_data === "true";
    const metric = block(q.metric);
    if (!metric) return { kind: "expression", id, expression: values.text(q.expression, `metric_query[${index}].expression`), returnData };
    return {
      kind: "metric",
      id,
      metric: {
        namespace: values.text(metric.namespace, `metric_query[${index}].metric.namespace`),
        metricName: values.text(metric.metric_name, `metric_query[${index}].metric.metric_name`),
        dimensions: values.textMap(metric.dimensions, `metric_query[${index}].metric.dimensions`),
      },
      period: values.number(metric.period, `metric_query[${index}].metric.period`),
      stat: values.text(metric.stat, `metric_query[${index}].metric.stat`),
      unit: values.optionalText(metric.unit, "metric.unit"),
      returnData,
    };
  });
}

function actionsOf(attrs: Record<string, unknown>): AlarmActions {
  const list = Array.isArray(attrs.alarm_actions) ? attrs.alarm_actions.filter((a) => typeof a === "string" && a !== "") : [];
  return { enabled: attrs.actions_enabled !== false && attrs.actions_enabled !== "false", onAlarm: list.length };
}

/** Reads attribute values of one stack, resolving references to its own resource blocks. */
class StackValues {
  private readonly resources: Record<string, Record<string, Record<string, unknown>>>;

  constructor(json: StackJson) {
    const resources = json.resource;
    this.resources = resources && typeof resources === "object" ? (resources as typeof this.resources) : {};
  }

  /** The blocks of one resource type, by name. */
  blocks(type: string): [string, Record<string, unknown>][] {
    const blocks = this.resources[type];
    return blocks && typeof blocks === "object" ? Object.entries(blocks).filter(([, b]) => !!b && typeof b === "object") : [];
  }

  /** A required string (or number) attribute, rendered; throws Unreadable naming the field. */
  text(value: unknown, field: string): string {
    const text = this.render(value, field, 0);
    if (text === undefined) throw new Unreadable(`${field} is missing`);
    return text;
  }

  /** An optional attribute: undefined when absent; throws Unreadable (naming the field) when present but unresolvable. */
  optionalText(value: unknown, field: string): string | undefined {
    return this.render(value, field, 0);
  }

  /** A value if it can be read, else undefined (for names used only to label the report). */
  tryText(value: unknown): string | undefined {
    try {
      return this.render(value, "", 0);
    } catch (e) {
      if (e instanceof Unreadable) return undefined;
      throw e;
    }
  }

  number(value: unknown, field: string): number {
    const text = this.text(value, field);
    const n = num(text);
    if (n === undefined) throw new Unreadable(`${field} '${text}' is not a number`);
    return n;
  }

  textMap(value: unknown, field: string): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) throw new Unreadable(`${field} is not a map`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.text(v, `${field}.${k}`)]));
  }

  private render(value: unknown, field: string, depth: number): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value !== "string") throw new Unreadable(`${field} is not a string`);
    if (depth > 8) throw new Unreadable(`${field}: references nest too deeply`);
    const rendered = renderTemplate(value, (expression) => this.resolve(expression, depth));
    if ("unresolved" in rendered) throw new Unreadable(`${field || "a value"} holds ${rendered.unresolved}, which the synthesized JSON does not resolve`);
    return rendered.text;
  }

  private resolve(expression: string, depth: number): string | undefined {
    const ref = resourceAttribute(expression);
    const target = ref ? this.resources[ref.type]?.[ref.name] : undefined;
    if (!ref || !target) return undefined;
    return this.render(target[ref.attribute], expression, depth + 1);
  }
}
