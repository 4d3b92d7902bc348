import { App } from "cdktf";
import { assertModelValid } from "./checks";
import { monitoringStackName, stateBucketStackName } from "./model/naming";
import type { MonitoringModel } from "./model/types";
import { MonitoringStack } from "./stacks/monitoring-stack";
import { StateBucketStack } from "./stacks/state-bucket-stack";

/**
 * Model -> stacks. Checks run first, so an invalid model throws before any construct exists.
 * Returns the App; the caller decides when (and where) to synthesize.
 */
export function buildApp(model: MonitoringModel, outdir: string): App {
  assertModelValid(model);
  const app = new App({ outdir, skipValidation: false });
  for (const bucket of model.stateBuckets) {
    new StateBucketStack(app, stateBucketStackName(bucket.bucket), {
      project: model.project,
      bucket,
      tags: model.tags,
      stateInS3: model.bootstrapStateInS3,
    });
  }
  for (const environment of model.environments) {
    new MonitoringStack(app, monitoringStackName(environment.name), { project: model.project, environment, tags: model.tags });
  }
  return app;
}
