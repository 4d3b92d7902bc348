import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolGuard } from "../support/terraform-guard";

/**
 * The checkov gate (`npm run scan`, scripts/scan.sh): its skip list stays short and reasoned, its
 * version pinned and documented, and the gate really fails on an insecure stack and on a stack
 * checkov cannot read. `.ci/run` runs the scan itself over the example config.
 */

const root = join(__dirname, "..", "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

const skips = read("scripts/checkov-skips")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"));

describe("the checkov skip list", () => {
  it("has one check id and a one-line reason per line, no wildcards or severities", () => {
    for (const line of skips) expect(line).toMatch(/^CKV2?_AWS_\d+ +\S.{40,}$/);
    const ids = skips.map((line) => line.split(/\s+/)[0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is short", () => {
    expect(skips.length).toBeLessThanOrEqual(6);
  });
});

describe("the checkov version", () => {
  const pin = /^checkov==(\d+\.\d+\.\d+)$/m.exec(read("requirements-scan.txt"));

  it("is pinned exactly, and docs/security.md names it and every skipped check", () => {
    expect(pin).not.toBeNull();
    const doc = read("docs/security.md");
    expect(doc).toContain(`checkov ${pin![1]}`);
    for (const line of skips) expect(doc).toContain(line.split(/\s+/)[0]);
  });
});

const checkov = process.env.CHECKOV ?? join(root, ".venv-scan", "bin", "checkov");
const describeScan = toolGuard("the scan tests", { available: existsSync(checkov), reason: `no checkov at ${checkov}: .ci/run installs it into .venv-scan` });

describeScan("scripts/scan.sh", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-scan-test-"));
  const stack = (outdir: string, name: string, json: object) => {
    mkdirSync(join(outdir, "stacks", name), { recursive: true });
    writeFileSync(join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  };
  const scan = (outdir: string) => spawnSync("bash", [join(root, "scripts", "scan.sh"), "--outdir", outdir], { cwd: root, env: { ...process.env, CHECKOV: checkov }, encoding: "utf8" });
  const settings = { terraform: { required_version: ">= 1.10" }, provider: { aws: [{ region: "us-east-1" }] } };

  it("fails on a failed check, naming it", () => {
    const outdir = join(work, "insecure");
    stack(outdir, "insecure", { ...settings, resource: { aws_sns_topic: { plain: { name: "plain" } } } });
    const run = scan(outdir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("FAILED CKV_AWS_26 Ensure all data stored in the SNS topic is encrypted");
  }, 60_000);

  it("fails when a stack gets no check at all, instead of passing an empty scan", () => {
    const outdir = join(work, "empty");
    stack(outdir, "encrypted", { ...settings, resource: { aws_sns_topic: { t: { name: "t", kms_master_key_id: "alias/x" } } } });
    stack(outdir, "nothing", { terraform: { required_version: ">= 1.10" } });
    const run = scan(outdir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed, over 1 stacks/);
    expect(run.stderr).toContain("no check ran on stacks: nothing");
  }, 60_000);
});
