// The cdktf app: load config -> validate -> build stacks -> synth. `npm run synth` runs this file
// directly with tsx; `npx cdktf synth` runs it through cdktf.json and passes CDKTF_OUTDIR.
import { ConfigError } from "./src/config/errors";
import { DEFAULT_CONFIG_FILE, synthesize } from "./src/synth";

const configFile = process.env.AI_LOGS_CONFIG || DEFAULT_CONFIG_FILE;
const outdir = process.env.CDKTF_OUTDIR || "cdktf.out";

try {
  const { stacks } = synthesize({ configFile, outdir });
  if (!process.env.CDKTF_OUTDIR) process.stdout.write(`synthesized ${stacks.length} stacks from ${configFile} into ${outdir}: ${stacks.join(", ")}\n`);
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`ai-logs: synth failed, nothing was written:\n${e.message}\n`);
  } else {
    process.stderr.write(`ai-logs: internal error: ${(e as Error).message}\n${process.env.AI_LOGS_DEBUG ? (e as Error).stack + "\n" : ""}`);
  }
  process.exitCode = 1;
}
