import type { Construct } from "constructs";
import type { TerraformStack } from "cdktf";
import { stateBucketStackName } from "../model/naming";
import { monitoringStackLayouts } from "../model/stack-layout";
import type { MonitoringModel } from "../model/types";
import { ArchiveStack } from "./archive-stack";
import { MonitoringStack } from "./monitoring-stack";
import { StateBucketStack } from "./state-bucket-stack";

/**
 * Every stack of a model: the state-bucket bootstraps, one monitoring stack per (environment, group)
 * and the archive. Into the App for synth, or into a scratch root for checks that count what stacks hold.
 */
export function addStacks(scope: Construct, model: MonitoringModel): TerraformStack[] {
  const stacks: TerraformStack[] = [];
  for (const bucket of model.stateBuckets) {
    stacks.push(
      new StateBucketStack(scope, stateBucketStackName(bucket.bucket), {
        project: model.project,
        bucket,
        tags: model.tags,
        stateInS3: model.bootstrapStateInS3,
      }),
    );
  }
  for (const layout of monitoringStackLayouts(model)) {
    stacks.push(new MonitoringStack(scope, layout.name, { project: model.project, environment: layout.environment, tags: model.tags, layout }));
  }
  if (model.archive) stacks.push(new ArchiveStack(scope, model.archive.stackName, { project: model.project, archive: model.archive, tags: model.tags }));
  return stacks;
}
