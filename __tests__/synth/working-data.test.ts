import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { synthesize } from "../../src/synth";
import { minimalConfig } from "../support/configs";

/**
 * A re-synth keeps what `terraform init` wrote into the stack directories. Without the backend record in
 * `.terraform/`, `terraform init -migrate-state` after `bootstrap.stateInS3` has nothing to migrate from
 * (README, "Deploying", step 2; `npm run test:deploy` runs that step against an emulator).
 */
describe("synthesize over an initialized cdktf.out", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-working-data-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("keeps .terraform and the lock file of every stack still synthesized, and drops the rest", () => {
    const config = join(work, "platform.yaml");
    writeFileSync(config, stringify(minimalConfig()));
    const outdir = join(work, "cdktf.out");
    synthesize({ configFile: config, outdir });

    const stack = join(outdir, "stacks", "state-acme-tfstate-dev");
    mkdirSync(join(stack, ".terraform"));
    writeFileSync(join(stack, ".terraform", "terraform.tfstate"), '{"backend":{"type":"local"}}');
    writeFileSync(join(stack, ".terraform.lock.hcl"), "# lock\n");
    writeFileSync(join(stack, "cdk.tf.json"), "{}"); // replaced by the fresh synthesis
    const gone = join(outdir, "stacks", "monitoring-removed");
    mkdirSync(join(gone, ".terraform"), { recursive: true });

    synthesize({ configFile: config, outdir });

    expect(readFileSync(join(stack, ".terraform", "terraform.tfstate"), "utf8")).toBe('{"backend":{"type":"local"}}');
    expect(readFileSync(join(stack, ".terraform.lock.hcl"), "utf8")).toBe("# lock\n");
    expect(JSON.parse(readFileSync(join(stack, "cdk.tf.json"), "utf8")).terraform.backend).toHaveProperty("local");
    expect(existsSync(gone)).toBe(false);
  }, 60_000);
});
