import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { Config } from "../../src/config/schema";
import { offlineTerraformEnv, planStackOffline, TerraformError } from "../../src/terraform/offline-plan";
import { priorStateFromOfflinePlan } from "../../src/terraform/prior-state";
import { minimalConfig, mutated } from "../support/configs";
import { synthConfigFile } from "../support/synth";
import { terraformGuard } from "../support/terraform-guard";

/**
 * The proof that destroy protection works in Terraform itself, not only in our JSON: the base
 * config is planned, its plan becomes a prior state (src/terraform/prior-state.ts), and the head
 * config is planned against that state with `-refresh=false`.
 *
 * - A change that replaces the log group (a new name at the same address) must fail with
 *   Terraform's prevent_destroy error; with `allowDestroy: true` the same change plans.
 * - Renaming the workload moves the log group to a new address: the old resource block is gone, and
 *   its prevent_destroy with it (Terraform only enforces what the configuration still says). What
 *   keeps the logs then is `skip_destroy`, recorded in the state: the provider only forgets such a
 *   log group. The test pins that, so it cannot silently regress.
 */

const { availability, describePlans } = terraformGuard("the destroy-protection plan test");

const work = mkdtempSync(join(tmpdir(), "ai-logs-destroy-plan-"));
const env = availability.available ? offlineTerraformEnv(work) : {};
const STACK = "monitoring-dev";

function stackOf(config: Config, name: string): Record<string, unknown> {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, stringify(config));
  return synthConfigFile(file).stacks[STACK];
}

/** The state a config leaves behind once applied, built from its plan (one plan per distinct base). */
const priorStates = new Map<string, object>();
function priorStateOf(base: Config): object {
  const key = JSON.stringify(base);
  if (!priorStates.has(key)) {
    const dir = join(work, `base-${priorStates.size}`);
    const plan = planStackOffline(stackOf(base, `base-${priorStates.size}`), dir, env, [], { validate: false });
    const { accountId, region } = base.environments[0];
    priorStates.set(key, priorStateFromOfflinePlan(plan, env, { accountId, region }));
  }
  return priorStates.get(key)!;
}

/** Plans `head` against the state `base` would leave behind once applied. */
function planChange(base: Config, head: Config, name: string) {
  const priorState = priorStateOf(base);
  return () => planStackOffline(stackOf(head, name), join(work, name), env, [], { priorState, validate: false });
}

const newLogGroupName = (c: Config) => (c.workloads[0].logGroup = { name: "/acme/dev/chat-api-v2" });
const renamed = (c: Config) => (c.workloads[0].name = "chat-svc");
const allowingDestroy = (c: Config) => (c.environments[0].allowDestroy = true);

describePlans("plans that would lose a log group (real terraform, offline)", () => {
  it("replacing a protected log group fails with Terraform's prevent_destroy error", () => {
    const plan = planChange(minimalConfig(), mutated(newLogGroupName), "replace-protected");
    expect(plan).toThrow(TerraformError);
    expect(plan).toThrow(/Instance cannot be destroyed[\s\S]*aws_cloudwatch_log_group\.chat_api[\s\S]*lifecycle\.prevent_destroy/);
  }, 180_000);

  it("the same replacement plans when the environment allows destroy", () => {
    const plan = planChange(mutated(allowingDestroy), mutated((c) => (allowingDestroy(c), newLogGroupName(c))), "replace-allowed")();
    const logGroups = plan.changes.filter((c) => c.type === "aws_cloudwatch_log_group");
    expect(logGroups).toEqual([{ address: "aws_cloudwatch_log_group.chat_api", type: "aws_cloudwatch_log_group", actions: ["delete", "create"] }]);
  }, 180_000);

  it("renaming the workload forgets the old log group without deleting it (skip_destroy in state)", () => {
    const plan = planChange(minimalConfig(), mutated(renamed), "rename")();
    const changes = plan.planJson.resource_changes ?? [];
    const old = changes.find((c) => c.address === "aws_cloudwatch_log_group.chat_api")!;
    expect(old.change.actions).toEqual(["delete"]);
    expect(old.change.before?.skip_destroy).toBe(true);
    expect(changes.find((c) => c.address === "aws_cloudwatch_log_group.chat_svc")?.change.actions).toEqual(["create"]);
  }, 180_000);
});
