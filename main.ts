// The cdktf app: load config -> validate -> build stacks -> synth. `npm run synth` runs it compiled
// (scripts/synth.js runs dist/main.js), `npm run synth:dev` through tsx; `npx cdktf synth` runs it
// through cdktf.json and passes CDKTF_OUTDIR.
import { parseSynthArgs } from "./src/cli/synth-args";
import { ConfigError } from "./src/config/errors";
import { synthesize } from "./src/synth";
import { skipTokenCreationStacks } from "./src/terraform/token-creation-stacks";

// Where cdktf tokens were created only helps debug cdktf itself; AI_LOGS_DEBUG keeps it.
if (!process.env.AI_LOGS_DEBUG) skipTokenCreationStacks();

const out = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) };
const request = parseSynthArgs(process.argv.slice(2), process.env, out);
const outdir = process.env.CDKTF_OUTDIR || "cdktf.out";

if (request.kind === "stop") {
  process.exitCode = request.exitCode;
} else {
  try {
    const { stacks } = synthesize({ configFile: request.configFile, outdir });
    if (!process.env.CDKTF_OUTDIR) out.stdout(`synthesized ${stacks.length} stacks from ${request.configFile} into ${outdir}: ${stacks.join(", ")}\n`);
  } catch (e) {
    if (e instanceof ConfigError) {
      out.stderr(`ai-logs: synth failed, nothing was written:\n${e.message}\n`);
    } else {
      out.stderr(`ai-logs: internal error: ${(e as Error).message}\n${process.env.AI_LOGS_DEBUG ? (e as Error).stack + "\n" : ""}`);
    }
    process.exitCode = 1;
  }
}
