// One measured synth, in its own process so peak memory is its own. Prints a JSON line.
// Usage: tsx bench/synth-child.ts <app|baseline> <workloads> <workdir>
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { synthesize } from "../src/synth";
import { baselineApp } from "./baseline-app";
import { generateConfig } from "./generate-config";

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

const resourcesPerStack: Record<string, number> = {};
for (const stack of readdirSync(join(outdir, "stacks"))) {
  const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource?: Record<string, object> };
  resourcesPerStack[stack] = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, resourcesPerStack })}\n`);
