import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AWS_PROVIDER_VERSION, findProviderMirror, PROVIDER_MIRROR_ENV } from "../../src/terraform/provider-mirror";

/** A mirror folder laid out as `terraform providers mirror` writes it (unpacked layout). */
function mirrorIn(root: string): string {
  const platformDir = join(root, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION, "linux_amd64");
  mkdirSync(platformDir, { recursive: true });
  writeFileSync(join(platformDir, `terraform-provider-aws_v${AWS_PROVIDER_VERSION}_x5`), "");
  return root;
}

describe("finding the offline hashicorp/aws provider", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-mirror-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("takes the folder AI_LOGS_PROVIDER_MIRROR names", () => {
    const dir = mirrorIn(join(work, "named"));
    expect(findProviderMirror({ [PROVIDER_MIRROR_ENV]: dir })).toEqual({ path: dir, how: `${PROVIDER_MIRROR_ENV}=${dir}` });
  });

  it("says so when the named folder holds no provider of the bound version, instead of searching elsewhere", () => {
    const empty = join(work, "empty");
    mkdirSync(join(empty, "registry.terraform.io", "hashicorp", "aws", "4.0.0", "linux_amd64"), { recursive: true });
    const found = findProviderMirror({ [PROVIDER_MIRROR_ENV]: empty });
    expect(found.path).toBeUndefined();
    expect(found.how).toContain(`holds no registry.terraform.io/hashicorp/aws/${AWS_PROVIDER_VERSION}`);
  });

  it("without the variable, uses Terraform's implied mirror under XDG_DATA_HOME", () => {
    const dataHome = join(work, "xdg");
    const plugins = mirrorIn(join(dataHome, "terraform", "plugins"));
    expect(findProviderMirror({ XDG_DATA_HOME: dataHome, XDG_DATA_DIRS: join(work, "none") })).toEqual({ path: plugins, how: `Terraform's implied local mirror ${plugins}` });
  });
});
