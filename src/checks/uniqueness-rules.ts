import type { ConfigProblem } from "../config/errors";
import { endpointAddress, stateBucketStackName, streamAddress } from "../model/naming";
import type { EnvironmentModel, MonitoringModel } from "../model/types";
import { type Rule, signalProblem, signalSites, workloadProblem } from "./finding";

/**
 * Names that are unique in config can still collide once joined into Terraform addresses, stack names
 * or AWS names (`a` + `b-errors` and `a-b` + `errors` both give `a_b_errors`). Two resources at one
 * address merge silently into one; two alarms with one name fight over it. Both are reported here.
 */

/** Reports every value after the first that maps to an already used key. */
function collisions<T>(items: Iterable<T>, keyOf: (item: T) => string, report: (item: T, first: T, key: string) => ConfigProblem): ConfigProblem[] {
  const first = new Map<string, T>();
  const out: ConfigProblem[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, item);
    else out.push(report(item, seen, key));
  }
  return out;
}

function environmentPath(model: MonitoringModel, env: EnvironmentModel): string {
  return `environments[${model.environments.indexOf(env)}]`;
}

export const uniquenessRules: readonly Rule[] = [
  {
    code: "AIL030",
    title: "Names map to distinct Terraform addresses and stack names",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const env of model.environments) {
        const signals = [...signalSites(model)].filter((s) => s.env === env);
        out.push(
          ...collisions(
            signals,
            (s) => `${s.workload.id}_${s.signal.addressId}`,
            (s, first, key) =>
              signalProblem(model, "AIL030", s, `its metric filter and alarm would share the Terraform address ${key} with signal '${first.signal.id}' of workload '${first.workload.name}' (${first.signal.path}); rename one of them`),
          ),
        );
        const streams = env.workloads.flatMap((workload) => workload.logGroup.streams.map((stream, index) => ({ workload, stream, index })));
        out.push(
          ...collisions(
            streams,
            (s) => `${s.workload.id}_${streamAddress(s.stream)}`,
            (s, first, key) =>
              workloadProblem(model, "AIL030", { env, workload: s.workload }, `log stream '${s.stream}' would share the Terraform address aws_cloudwatch_log_stream.${key} with stream '${first.stream}' of workload '${first.workload.name}'`, `logGroup.streams[${s.index}]`),
          ),
        );
        for (const topic of env.topics) {
          const endpoints = [...topic.emails.map((e) => ["email", e]), ...topic.httpsEndpoints.map((e) => ["https", e])] as const;
          out.push(
            ...collisions(
              endpoints,
              ([protocol, endpoint]) => `${topic.id}_${protocol}_${endpointAddress(endpoint)}`,
              ([protocol, endpoint], [, first], key) => ({
                file: model.source,
                path: `${environmentPath(model, env)}.notifications.${topic.severities[0]}.${protocol === "email" ? "emails" : "httpsEndpoints"}`,
                code: "AIL030",
                message: `environment '${env.name}': '${endpoint}' and '${first}' would share the Terraform address aws_sns_topic_subscription.${key}; list each endpoint once`,
              }),
            ),
          );
        }
      }
      out.push(
        ...collisions(
          model.stateBuckets,
          (b) => stateBucketStackName(b.bucket),
          (b, first, key) => {
            const env = model.environments.find((e) => e.stateBucket === b.bucket)!;
            return {
              file: model.source,
              path: `${environmentPath(model, env)}.stateBucket`,
              code: "AIL030",
              message: `environment '${env.name}': state buckets '${b.bucket}' and '${first.bucket}' would both get the bootstrap stack name ${key}; rename one bucket`,
            };
          },
        ),
      );
      return out;
    },
  },
  {
    code: "AIL031",
    title: "Alarm names are unique per account and region",
    check: (model) =>
      collisions(
        [...signalSites(model)].filter((s) => s.signal.alarm),
        (s) => `${s.env.accountId}/${s.env.region}/${s.signal.alarm!.name}`,
        (s, first) =>
          signalProblem(model, "AIL031", s, `alarm name '${s.signal.alarm!.name}' is also the name of the alarm of signal '${first.signal.id}' of workload '${first.workload.name}' in environment '${first.env.name}' (same account and region); rename one of them`),
      ),
  },
];
