import { MAX_METRIC_FILTER_DIMENSIONS, METRIC_NAME_PATTERN } from "../aws/limits";
import type { ConfigProblem } from "../config/errors";
import { type Rule, signalProblem, signalSites } from "./finding";
import { patternKind, patternError, tryParse } from "./pattern-facts";
import { validateMetricTransformation } from "../patterns";

export const metricFilterRules: readonly Rule[] = [
  {
    code: "AIL003",
    title: "Custom metric namespaces must not start with AWS/",
    check: (model) =>
      [...signalSites(model)]
        .filter(({ signal }) => signal.filter.metric.namespace.startsWith("AWS/"))
        .map((site) => signalProblem(model, "AIL003", site, `namespace '${site.signal.filter.metric.namespace}' starts with AWS/, which is reserved for AWS service metrics`)),
  },
  {
    code: "AIL004",
    title: "Metric names and namespaces are 1-255 characters without ':', '*' or '$'",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const site of signalSites(model)) {
        const { name, namespace } = site.signal.filter.metric;
        if (!METRIC_NAME_PATTERN.test(name)) out.push(signalProblem(model, "AIL004", site, `metric name '${name}' must be 1-255 characters without ':', '*' or '$'`, "metric.name"));
        if (!METRIC_NAME_PATTERN.test(namespace)) out.push(signalProblem(model, "AIL004", site, `metric namespace '${namespace}' must be 1-255 characters without ':', '*' or '$'`));
      }
      return out;
    },
  },
  {
    code: "AIL005",
    title: "A metric filter publishes at most 3 dimensions",
    check: (model) =>
      [...signalSites(model)]
        .filter(({ signal }) => Object.keys(signal.filter.metric.dimensions).length > MAX_METRIC_FILTER_DIMENSIONS)
        .map((site) => signalProblem(model, "AIL005", site, `${Object.keys(site.signal.filter.metric.dimensions).length} dimensions (${Object.keys(site.signal.filter.metric.dimensions).join(", ")}); a metric filter allows at most ${MAX_METRIC_FILTER_DIMENSIONS}`, "metric.dimensions")),
  },
  {
    code: "AIL006",
    title: "Dimensions need a JSON or space-delimited pattern",
    check: (model) =>
      [...signalSites(model)]
        .filter(({ signal }) => {
          const kind = patternKind(signal.filter.pattern);
          return Object.keys(signal.filter.metric.dimensions).length > 0 && kind !== undefined && kind !== "json" && kind !== "space";
        })
        .map((site) => signalProblem(model, "AIL006", site, `metric dimensions need a JSON ({ ... }) or space-delimited ([ ... ]) pattern to take their values from; '${site.signal.filter.pattern}' is a ${patternKind(site.signal.filter.pattern)} pattern`, "metric.dimensions")),
  },
  {
    code: "AIL007",
    title: "A default value and dimensions are mutually exclusive",
    check: (model) =>
      [...signalSites(model)]
        .filter(({ signal }) => signal.filter.metric.defaultValue !== undefined && Object.keys(signal.filter.metric.dimensions).length > 0)
        .map((site) => signalProblem(model, "AIL007", site, "a metric filter with dimensions cannot have a default value; drop one of metric.defaultValue or metric.dimensions", "metric.defaultValue")),
  },
  {
    code: "AIL019",
    title: "Filter patterns parse",
    check: (model) =>
      [...signalSites(model)]
        .map((site) => ({ site, error: patternError(site.signal.filter.pattern) }))
        .filter(({ error }) => error !== undefined)
        .map(({ site, error }) => signalProblem(model, "AIL019", site, `invalid filter pattern '${site.signal.filter.pattern}': ${error}`, "pattern")),
  },
  {
    code: "AIL032",
    title: "The metric value is a number, a $.selector or a $column of the pattern",
    check: (model) =>
      [...signalSites(model)].flatMap((site) => {
        const ast = tryParse(site.signal.filter.pattern);
        if (!ast) return []; // AIL019 reports the pattern
        return validateMetricTransformation(ast, { metricValue: site.signal.filter.metric.value }).map((problem) =>
          signalProblem(model, "AIL032", site, `metric value '${site.signal.filter.metric.value}': ${problem}`, "metric.value"),
        );
      }),
  },
  {
    code: "AIL020",
    title: "Two log groups never publish into the same metric",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const env of model.environments) {
        const owner = new Map<string, string>();
        for (const workload of env.workloads) {
          for (const signal of workload.signals) {
            const m = signal.filter.metric;
            const key = `${m.namespace}\u0000${m.name}\u0000${Object.keys(m.dimensions).sort().join(",")}`;
            const other = owner.get(key);
            if (other && other !== workload.name) {
              out.push(signalProblem(model, "AIL020", { env, workload, signal }, `metric ${m.namespace}/${m.name} is also published by workload '${other}': its alarm would mix both workloads; give one of them its own metricNamespace`));
            } else owner.set(key, workload.name);
          }
        }
      }
      return out;
    },
  },
];
