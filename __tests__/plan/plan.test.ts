import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offlineTerraformEnv, planStackOffline, terraformAvailability, type OfflinePlanResult } from "../../src/terraform/offline-plan";
import { synthConfigFile } from "../support/synth";

/**
 * Real `terraform init` (offline mirror), `validate` and `plan` of every stack the example config
 * synthesizes. Without Terraform they say why and skip, except under CI, where that is a failure.
 */
const availability = terraformAvailability();
if (!availability.available) {
  if (process.env.CI) {
    test("terraform is available for plan tests under CI", () => {
      throw new Error(`plan tests cannot run: ${availability.reason}`);
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`plan tests skipped: ${availability.reason}`);
  }
}
const describePlans = availability.available ? describe : describe.skip;

/** Planned creations per resource type, derived by hand from config/example.yaml. */
const expectedCreates: Record<string, Record<string, number>> = {
  "monitoring-staging": {
    aws_cloudwatch_log_group: 1, // ai-monitoring
    aws_cloudwatch_log_stream: 1,
    aws_cloudwatch_log_metric_filter: 1,
    aws_cloudwatch_metric_alarm: 1,
    aws_kms_key: 1,
    aws_kms_alias: 1,
    aws_sns_topic: 1, // critical only: warnings share it
    aws_sns_topic_policy: 1,
    aws_sns_topic_subscription: 1,
  },
  "monitoring-prod": {
    aws_cloudwatch_log_group: 2, // ai-monitoring, feature-pipeline
    aws_cloudwatch_log_stream: 1,
    aws_cloudwatch_log_metric_filter: 3, // errors x2, rows-rejected
    aws_cloudwatch_metric_alarm: 3,
    aws_kms_key: 1,
    aws_kms_alias: 1,
    aws_sns_topic: 2,
    aws_sns_topic_policy: 2,
    aws_sns_topic_subscription: 3, // 1 e-mail + 1 https critical, 1 e-mail warning
  },
  "state-acme-ai-tfstate-prod": {
    aws_kms_key: 1,
    aws_kms_alias: 1,
    aws_s3_bucket: 1,
    aws_s3_bucket_versioning: 1,
    aws_s3_bucket_server_side_encryption_configuration: 1,
    aws_s3_bucket_public_access_block: 1,
    aws_s3_bucket_policy: 1,
    aws_s3_bucket_lifecycle_configuration: 1,
  },
};
expectedCreates["state-acme-ai-tfstate-staging"] = expectedCreates["state-acme-ai-tfstate-prod"];

function countCreates(plan: OfflinePlanResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of plan.changes) {
    expect(change.actions).toEqual(["create"]);
    counts[change.type] = (counts[change.type] ?? 0) + 1;
  }
  return counts;
}

describePlans("terraform plan of the example stacks (offline)", () => {
  const { stacks } = synthConfigFile();
  const work = mkdtempSync(join(tmpdir(), "ai-logs-plan-"));
  const env = availability.available ? offlineTerraformEnv(work) : {};

  it("covers every synthesized stack", () => {
    expect(Object.keys(stacks).sort()).toEqual(Object.keys(expectedCreates).sort());
  });

  it.each(Object.keys(expectedCreates))(
    "%s: init, validate and plan succeed with the expected creations",
    (name) => {
      const plan = planStackOffline(stacks[name], join(work, name), env);
      expect(countCreates(plan)).toEqual(expectedCreates[name]);
    },
    180_000,
  );
});
