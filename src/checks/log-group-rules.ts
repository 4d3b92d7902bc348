import {
  LOG_GROUP_NAME_PATTERN,
  MAX_METRIC_FILTERS_PER_LOG_GROUP,
  MAX_REGEX_FILTERS_PER_LOG_GROUP,
  RETENTION_DAYS,
} from "../aws/limits";
import type { ConfigProblem } from "../config/errors";
import { type Rule, workloadProblem, workloadSites } from "./finding";
import { countRegexes, tryParse } from "./pattern-facts";

export const logGroupRules: readonly Rule[] = [
  {
    code: "AIL001",
    title: "Retention is one of the values CloudWatch Logs accepts",
    check: (model) =>
      [...workloadSites(model)]
        .filter(({ workload }) => !(RETENTION_DAYS as readonly number[]).includes(workload.logGroup.retentionDays))
        .map((site) =>
          workloadProblem(model, "AIL001", site, `retention ${site.workload.logGroup.retentionDays} days is not accepted by CloudWatch Logs; valid: ${RETENTION_DAYS.join(", ")} (0 = never expire)`, "logGroup.retentionDays"),
        ),
  },
  {
    code: "AIL002",
    title: "Log group names are 1-512 of [A-Za-z0-9_-/.#]; only groups the project does not create may be under the reserved aws/ prefix",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const site of workloadSites(model)) {
        const name = site.workload.logGroup.name;
        if (!LOG_GROUP_NAME_PATTERN.test(name)) {
          out.push(workloadProblem(model, "AIL002", site, `log group name '${name}' must be 1-512 characters of A-Z a-z 0-9 _ - / . #`, "logGroup.name"));
        } else if (name.startsWith("aws/") && site.workload.logGroup.create) {
          out.push(workloadProblem(model, "AIL002", site, `log group name '${name}' uses the prefix aws/, which is reserved for AWS services; to read a group a service writes (such as aws/spans), set logGroup.create: false`, "logGroup.name"));
        }
      }
      return out;
    },
  },
  {
    code: "AIL008",
    title: "At most 100 metric filters per log group",
    check: (model) =>
      [...workloadSites(model)]
        .filter(({ workload }) => workload.signals.length > MAX_METRIC_FILTERS_PER_LOG_GROUP)
        .map((site) => workloadProblem(model, "AIL008", site, `${site.workload.signals.length} metric filters on log group '${site.workload.logGroup.name}'; CloudWatch Logs allows at most ${MAX_METRIC_FILTERS_PER_LOG_GROUP}`)),
  },
  {
    code: "AIL010",
    title: "At most 5 regex-bearing filters per log group",
    check: (model) =>
      [...workloadSites(model)]
        .map((site) => ({ site, count: site.workload.signals.filter((s) => countRegexes(tryParse(s.filter.pattern)) > 0).length }))
        .filter(({ count }) => count > MAX_REGEX_FILTERS_PER_LOG_GROUP)
        .map(({ site, count }) => workloadProblem(model, "AIL010", site, `${count} filters with regular expressions on log group '${site.workload.logGroup.name}'; CloudWatch Logs allows at most ${MAX_REGEX_FILTERS_PER_LOG_GROUP}`)),
  },
  {
    code: "AIL023",
    title: "Metric filters need a STANDARD-class log group",
    check: (model) =>
      [...workloadSites(model)]
        .filter(({ workload }) => workload.logGroup.logGroupClass !== "STANDARD" && workload.signals.length > 0)
        .map((site) => workloadProblem(model, "AIL023", site, `log group class ${site.workload.logGroup.logGroupClass} does not support metric filters, but ${site.workload.signals.length} signal(s) need one; use class STANDARD or disable the signals`, "logGroup.class")),
  },
  {
    code: "AIL024",
    title: "Log group names are unique per environment",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const env of model.environments) {
        const seen = new Map<string, string>();
        for (const workload of env.workloads) {
          const other = seen.get(workload.logGroup.name);
          if (other) out.push(workloadProblem(model, "AIL024", { env, workload }, `log group name '${workload.logGroup.name}' is also used by workload '${other}'`, "logGroup.name"));
          else seen.set(workload.logGroup.name, workload.name);
        }
      }
      return out;
    },
  },
];
