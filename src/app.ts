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
  // No stack traces in construct metadata: nothing reads them (with constructs 10 cdktf records none anyway).
  const app = new App({ outdir, skipValidation: false, stackTraces: false });
  assertStacksValid(model, addStacks(app, model));
  return app;
}
