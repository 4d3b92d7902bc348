// `npm run synth:hcl [OUTDIR]`: the stacks as HCL, for teams that keep plain Terraform. Renders with
// `cdktf synth --hcl` (offline, ~8 s here), then repairs what cdktf 0.21's renderer gets wrong for
// these stacks from the JSON synthesis of the same config (src/terraform/hcl-repair.ts) and
// re-formats each file as `terraform fmt` would. Config: AI_LOGS_CONFIG, as for `npm run synth`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { format } from "@cdktf/hcl-tools";
import { DEFAULT_CONFIG_FILE, synthesize } from "../src/synth";
import { repairHcl, unwrapInterpolationOnly } from "../src/terraform/hcl-repair";

export const DEFAULT_HCL_OUTDIR = "cdktf.out.hcl";

export async function synthHcl(outdir: string, configFile: string): Promise<{ stacks: string[]; repairs: number }> {
  const root = resolve(__dirname, "..");
  const cli = spawnSync(join(root, "node_modules", ".bin", "cdktf"), ["synth", "--hcl", "--output", outdir], {
    cwd: root,
    env: { ...process.env, AI_LOGS_CONFIG: configFile, CHECKPOINT_DISABLE: "1", CI: "1" },
    encoding: "utf8",
  });
  if (cli.status !== 0) throw new Error(`cdktf synth --hcl failed (exit ${cli.status}):\n${cli.stderr}\n${cli.stdout}`);

  const jsonDir = join(mkdtempSync(join(tmpdir(), "ai-logs-hcl-")), "cdktf.out");
  try {
    const { stacks } = synthesize({ configFile, outdir: jsonDir });
    let repairs = 0;
    for (const stack of stacks) {
      const hclFile = join(resolve(root, outdir), "stacks", stack, "cdk.tf");
      const json = JSON.parse(readFileSync(join(jsonDir, "stacks", stack, "cdk.tf.json"), "utf8")) as Record<string, unknown>;
      const repaired = repairHcl(readFileSync(hclFile, "utf8"), json);
      repairs += repaired.repairs.length;
      writeFileSync(hclFile, await format(unwrapInterpolationOnly(repaired.text)));
    }
    return { stacks, repairs };
  } finally {
    rmSync(join(jsonDir, ".."), { recursive: true, force: true });
  }
}

if (require.main === module) {
  const outdir = process.argv[2] ?? DEFAULT_HCL_OUTDIR;
  const configFile = process.env.AI_LOGS_CONFIG || DEFAULT_CONFIG_FILE;
  synthHcl(outdir, configFile).then(
    ({ stacks, repairs }) => process.stdout.write(`rendered ${stacks.length} stacks as HCL into ${outdir} (${repairs} attributes repaired): ${stacks.join(", ")}\n`),
    (e: Error) => {
      process.stderr.write(`ai-logs: HCL synth failed: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
