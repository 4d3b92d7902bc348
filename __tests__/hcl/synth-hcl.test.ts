import { readdirSync } from "node:fs";
import { join } from "node:path";
import { synthHcl } from "../../scripts/synth-hcl";
import { offlineTerraformEnv, terraform, validateDirOffline } from "../../src/terraform/offline-plan";
import { describeWithTerraform, tempDir } from "../review/support/scenario";
import { EXAMPLE_CONFIG, synthConfigFile } from "../support/synth";

/**
 * `npm run synth:hcl`: every stack of the example config as HCL that Terraform accepts
 * (`terraform validate`, offline provider mirror) and that is already `terraform fmt`-formatted.
 */
describeWithTerraform("HCL synthesis of the example stacks", () => {
  const work = tempDir("ai-logs-hcl-");
  const outdir = join(work, "cdktf.out.hcl");
  let env: NodeJS.ProcessEnv; // made in beforeAll: describe bodies run even when the tests skip
  let stacks: string[];

  beforeAll(async () => {
    env = offlineTerraformEnv(work);
    stacks = (await synthHcl(outdir, EXAMPLE_CONFIG)).stacks;
  }, 120_000);

  test("renders one cdk.tf per stack the JSON synthesis produces", () => {
    expect([...stacks].sort()).toEqual(Object.keys(synthConfigFile().stacks).sort());
    for (const stack of stacks) expect(readdirSync(join(outdir, "stacks", stack))).toContain("cdk.tf");
  });

  test("is formatted: terraform fmt -check finds nothing to change", () => {
    expect(terraform(outdir, ["fmt", "-check", "-recursive", "-no-color"], env)).toBe("");
  });

  test("validates: terraform init -backend=false and validate succeed in every stack directory", () => {
    for (const stack of stacks) expect(() => validateDirOffline(join(outdir, "stacks", stack), env)).not.toThrow();
  }, 240_000);
});
