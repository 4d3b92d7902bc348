import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RECREATED_ON_MOVE } from "../../src/constructs/group-move";
import { offlineTerraformEnv, planStackOffline, type OfflinePlanResult } from "../../src/terraform/offline-plan";
import { priorStateFromOfflinePlan, type TerraformStateV4 } from "../../src/terraform/prior-state";
import { archiveConfig, movedConfig, synth } from "../archive/fixtures";
import { terraformGuard } from "../support/terraform-guard";

/**
 * A group move, planned for real: the state of monitoring-prod as the base config would leave it
 * (built from its offline plan), then the moved config planned against it. The old stack must forget
 * chat-api's resources, never destroy them; the new stack, holding them as its imports leave them,
 * must update them in place, never replace them. (Importing itself reads AWS, which an offline plan
 * cannot; the import ids are checked in __tests__/archive/group-move.test.ts.)
 */
const { availability, describePlans } = terraformGuard("the group-move plan test");

const actionsByAddress = (plan: OfflinePlanResult) => Object.fromEntries(plan.changes.map((c) => [c.address, c.actions.join("+")]));
const isChatApi = (address: string) => /\.chat_api(_|$)/.test(address);
const recreated = (address: string) => RECREATED_ON_MOVE.includes(address.split(".")[0]);

describePlans("moving chat-api from the default group to 'chat' (offline plans)", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-move-"));
  const env = availability.available ? offlineTerraformEnv(work) : {};
  const before = synth(archiveConfig());
  const after = synth(movedConfig());
  let baseState: TerraformStateV4;

  beforeAll(() => {
    const base = planStackOffline(before["monitoring-prod"], join(work, "base"), env);
    baseState = priorStateFromOfflinePlan(base, env, { accountId: "222222222222" });
  }, 180_000);

  it(
    "the old stack forgets the workload's resources and changes nothing else",
    () => {
      const plan = actionsByAddress(planStackOffline(after["monitoring-prod"], join(work, "old"), env, [], { priorState: baseState }));
      const moved = baseState.resources.map((r) => `${r.type}.${r.name}`).filter((a) => isChatApi(a) && !recreated(a));
      expect(moved.length).toBeGreaterThanOrEqual(4);
      for (const address of moved) expect([address, plan[address]]).toEqual([address, "forget"]);
      for (const [address, action] of Object.entries(plan)) {
        if (moved.includes(address)) continue;
        // Saved queries and anomaly detectors get random ids: recreated by design, and visibly so.
        expect([address, action]).toEqual([address, recreated(address) ? "delete" : "no-op"]);
      }
    },
    180_000,
  );

  it(
    "the new stack adopts them, updating in place (its key), replacing and destroying nothing",
    () => {
      const adopted: TerraformStateV4 = { ...baseState, resources: baseState.resources.filter((r) => isChatApi(`${r.type}.${r.name}`) && !recreated(`${r.type}.${r.name}`)) };
      const plan = actionsByAddress(planStackOffline(after["monitoring-prod-chat"], join(work, "new"), env, [], { priorState: adopted }));
      for (const r of adopted.resources) expect(["update", "no-op"]).toContain(plan[`${r.type}.${r.name}`]);
      // The log group is re-associated with the chat group's key (events before the move stay readable
      // through the default group's key, which keeps its grant while movedFrom is set).
      expect(plan["aws_cloudwatch_log_group.chat_api"]).toBe("update");
      for (const [address, action] of Object.entries(plan)) {
        expect(action).not.toMatch(/delete/);
        if (action === "create") expect([address, adopted.resources.some((r) => `${r.type}.${r.name}` === address)]).toEqual([address, false]);
      }
      expect(plan["aws_kms_key.monitoring_key"]).toBe("create");
    },
    180_000,
  );
});
