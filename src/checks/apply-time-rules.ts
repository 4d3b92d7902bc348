import { DEFAULT_GROUP } from "../config/archive-schema";
import type { ConfigProblem } from "../config/errors";
import { groupStackName } from "../model/stack-layout";
import type { EnvironmentModel, MonitoringModel } from "../model/types";
import { AWS_MAX_TAGS_PER_RESOURCE, AWS_TAG_RESERVED_PREFIX, AWS_TAG_TEXT_PATTERN } from "../aws/limits";
import { workloadProblem, workloadSites, type Rule } from "./finding";

/**
 * Configs that validate, synthesize and plan, yet fail when applied (or apply something nobody
 * meant): two stacks creating one bucket, ARNs in another region or account than the resources that
 * use them, tags AWS refuses, a move out of a group that never existed.
 */

const environmentPath = (model: MonitoringModel, env: EnvironmentModel) => `environments[${model.environments.indexOf(env)}]`;

/** `arn:<partition>:<service>:<region>:<account>:...` -> its parts (config validated the shape). */
function arnParts(arn: string): { partition: string; region: string; account: string } {
  const [, partition, , region, account] = arn.split(":");
  return { partition, region, account };
}

/** Where a tag map of the model came from in config, who it is about, and the map. */
function* tagSources(model: MonitoringModel): Generator<{ path: string; who: string; tags: Readonly<Record<string, string>>; resourceTags: number }> {
  // A resource carries the union of the levels' keys (the provider's default tags merge with its own).
  const union = (...maps: Readonly<Record<string, string>>[]) => new Set(maps.flatMap((m) => Object.keys(m))).size;
  yield { path: "tags", who: "", tags: model.tags, resourceTags: union(model.tags) };
  for (const env of model.environments) {
    yield { path: `${environmentPath(model, env)}.tags`, who: `environment '${env.name}': `, tags: env.tags, resourceTags: union(model.tags, env.tags) };
  }
  for (const { env, workload } of workloadSites(model)) {
    const resourceTags = union(model.tags, env.tags, workload.tags);
    yield { path: `${workload.path}.tags`, who: `environment '${env.name}', workload '${workload.name}': `, tags: workload.tags, resourceTags };
  }
}

const TAG_CHARACTERS = "use letters, digits, spaces and _ . : / = + - @";

function tagProblems(model: MonitoringModel): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const seen = new Set<string>();
  // A workload in several environments would repeat each finding: the first names one of them.
  const problem = (path: string, who: string, message: string) => {
    if (!seen.has(`${path}\n${message}`)) out.push({ file: model.source, path, code: "AIL048", message: `${who}${message}` });
    seen.add(`${path}\n${message}`);
  };
  for (const { path, who, tags, resourceTags } of tagSources(model)) {
    for (const [key, value] of Object.entries(tags)) {
      const at = /^[A-Za-z_][\w-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (key.toLowerCase().startsWith(AWS_TAG_RESERVED_PREFIX)) problem(at, who, `tag key '${key}' starts with '${AWS_TAG_RESERVED_PREFIX}', which AWS reserves for its own tags`);
      else if (!AWS_TAG_TEXT_PATTERN.test(key)) problem(at, who, `tag key '${key}' has characters AWS does not accept in tags; ${TAG_CHARACTERS}`);
      if (!AWS_TAG_TEXT_PATTERN.test(value)) problem(at, who, `tag value ${JSON.stringify(value)} has characters AWS does not accept in tags; ${TAG_CHARACTERS}`);
    }
    if (resourceTags > AWS_MAX_TAGS_PER_RESOURCE) {
      problem(path, who, `resources here would carry ${resourceTags} tags (the project's, the environment's and the workload's, with the ones the product adds); AWS allows at most ${AWS_MAX_TAGS_PER_RESOURCE} per resource`);
    }
  }
  return out;
}

/**
 * `archive.alarmTopics` of an archive with an account of its own: in the archive's region. An archive
 * in an environment notifies that environment's topics, which the environments' check below covers.
 */
function archiveTopicProblems(model: MonitoringModel): ConfigProblem[] {
  const a = model.archive;
  if (!a || a.homeEnvironment !== undefined) return [];
  const severities = a.alarmTopicArns.warning === a.alarmTopicArns.critical ? (["critical"] as const) : (["critical", "warning"] as const);
  return severities.flatMap((severity) => {
    const arn = arnParts(a.alarmTopicArns[severity]);
    if (arn.region === a.region && arn.partition === a.partition) return [];
    return [
      {
        file: model.source,
        path: `archive.alarmTopics.${severity}`,
        code: "AIL046",
        message: `the archive (${a.region}): topic ${a.alarmTopicArns[severity]} is in ${arn.region}; CloudWatch alarms notify SNS topics of their own region only. Use a topic in ${a.region}`,
      },
    ];
  });
}

export const applyTimeRules: readonly Rule[] = [
  {
    code: "AIL045",
    title: "The archive bucket is not also a state bucket",
    check: (model) => {
      const archive = model.archive;
      if (!archive || !model.stateBuckets.some((b) => b.bucket === archive.bucketName)) return [];
      const owner = model.environments.find((e) => e.stateBucket === archive.bucketName)!;
      return [
        {
          file: model.source,
          path: "archive.bucketName",
          code: "AIL045",
          message: `environment '${owner.name}': the archive bucket '${archive.bucketName}' is also this environment's state bucket; two stacks would create the same bucket and the second apply fails (BucketAlreadyOwnedByYou). Give the archive a bucket of its own`,
        },
      ];
    },
  },
  {
    code: "AIL046",
    title: "An existing alarm topic is in the environment's region and partition",
    check: (model) => [
      ...archiveTopicProblems(model),
      ...model.environments.flatMap((env) =>
        env.topics.flatMap((topic) => {
          if (!topic.existingTopicArn) return [];
          const arn = arnParts(topic.existingTopicArn);
          if (arn.region === env.region && arn.partition === env.partition) return [];
          return [
            {
              file: model.source,
              path: `${environmentPath(model, env)}.notifications.${topic.severities[0]}.existingTopicArn`,
              code: "AIL046",
              message: `environment '${env.name}': topic ${topic.existingTopicArn} is in ${arn.region}, the environment in ${env.region}; CloudWatch alarms notify SNS topics of their own region only, so the alarms would fail to apply. Use a topic in ${env.region}`,
            },
          ];
        }),
      ),
    ],
  },
  {
    code: "AIL047",
    title: "A log group's own KMS key is in the log group's account and region",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const site of workloadSites(model)) {
        const key = site.workload.logGroup.kmsKeyArn;
        if (!key) continue;
        const arn = arnParts(key);
        if (arn.region !== site.env.region) {
          out.push(workloadProblem(model, "AIL047", site, `KMS key ${key} is in ${arn.region}, the log group in ${site.env.region}; KMS keys are regional and CloudWatch Logs cannot use a key of another region. Use a key in ${site.env.region}`, "logGroup.kmsKeyArn"));
        } else if (arn.account !== site.env.accountId || arn.partition !== site.env.partition) {
          out.push(workloadProblem(model, "AIL047", site, `KMS key ${key} belongs to account ${arn.account}, the log group to ${site.env.accountId}; associating it fails at apply. Use a key of account ${site.env.accountId}, or leave kmsKeyArn out to use the environment's key`, "logGroup.kmsKeyArn"));
        }
      }
      return out;
    },
  },
  {
    code: "AIL048",
    title: "Tags are keys and values AWS accepts, at most 50 per resource",
    check: tagProblems,
  },
  {
    code: "AIL049",
    title: "movedFrom names a group the workload's environment has",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const site of workloadSites(model)) {
        const from = site.workload.movedFrom;
        if (from === undefined || from === DEFAULT_GROUP || model.retiredGroups.includes(from)) continue;
        if (site.env.workloads.some((w) => w !== site.workload && w.group === from)) continue;
        const groups = [...new Set([DEFAULT_GROUP, ...site.env.workloads.map((w) => w.group)])].sort();
        out.push(
          workloadProblem(
            model,
            "AIL049",
            site,
            `movedFrom '${from}' is no group of this environment (groups: ${groups.join(", ")}); a misspelt group would create a stray stack ${groupStackName(site.env.name, from)} with a protected KMS key. If the last workload of '${from}' is moving out now, list '${from}' under stacks.retiredGroups`,
            "movedFrom",
          ),
        );
      }
      return out;
    },
  },
];
