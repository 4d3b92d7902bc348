import { App } from "cdktf";
import { assertModelValid, assertStacksValid } from "./checks";
import type { MonitoringModel } from "./model/types";
import { addStacks } from "./stacks/build-stacks";

/**
 * Model -> stacks. Checks run first, so an invalid model throws before any construct exists.
 * Returns the App; the caller decides when (and where) to synthesize.
 */
export function buildApp(model: MonitoringModel, outdir: string): App {
  assertModelValid(model);
  const app = new App({ outdir, skipValidation: false });
  assertStacksValid(model, addStacks(app, model));
  return app;
}
