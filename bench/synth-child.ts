// One measured synth, in its own process so peak memory is its own. Prints a JSON line.
// Usage: tsx bench/synth-child.ts <app|baseline> <workloads> <workdir>
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { synthesize } from "../src/synth";
import { baselineApp } from "./baseline-app";
import { generateConfig } from "./generate-config";
import { resourcesPerStack } from "./resource-count";

const [mode, count, workdir] = process.argv.slice(2);
const workloads = Number(count);
const outdir = join(workdir, `${mode}-${workloads}.out`);
let configFile = "";
if (mode === "app") {
  configFile = join(workdir, `config-${workloads}.yaml`);
  writeFileSync(configFile, stringify(generateConfig(workloads)));
}
const start = process.hrtime.bigint();
if (mode === "app") synthesize({ configFile, outdir });
else baselineApp(workloads, outdir).synth();
const ms = Number(process.hrtime.bigint() - start) / 1e6;

process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, resourcesPerStack: resourcesPerStack(outdir) })}\n`);
