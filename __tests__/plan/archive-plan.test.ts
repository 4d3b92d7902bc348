import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offlineTerraformEnv, planStackOffline } from "../../src/terraform/offline-plan";
import { priorStateFromOfflinePlan } from "../../src/terraform/prior-state";
import { synthConfigFile } from "../support/synth";
import { terraformGuard } from "../support/terraform-guard";

/** What Terraform itself makes of the example's archive stack: values as AWS receives them, and a stable second plan. */
const { availability, describePlans } = terraformGuard("the archive plan test");

describePlans("the example's log-archive stack, planned offline", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-archive-plan-"));
  const env = availability.available ? offlineTerraformEnv(work) : {};
  const stack = synthConfigFile().stacks["log-archive"];

  it(
    "hands Glue Athena's location template unexpanded, and plans nothing more once applied",
    () => {
      const first = planStackOffline(stack, join(work, "first"), env);
      const planned = first.planJson.planned_values!.root_module!.resources!;
      const table = planned.find((r) => r.type === "aws_glue_catalog_table")!;
      expect((table.values!.parameters as Record<string, string>)["storage.location.template"]).toBe(
        "s3://acme-ai-log-archive/logs/account=${account}/day=${day}/hour=${hour}/",
      );
      const state = priorStateFromOfflinePlan(first, env, { accountId: "222222222222" });
      const second = planStackOffline(stack, join(work, "second"), env, [], { priorState: state, validate: false });
      expect(second.changes.filter((c) => c.actions.join("+") !== "no-op")).toEqual([]);
    },
    300_000,
  );
});
