import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../../src/config/schema";
import { buildModel } from "../../src/model/build-model";
import type { MonitoringModel } from "../../src/model/types";
import { resourcesOfType, synthConfigFile } from "../support/synth";

export const PROD = "222222222222";
export const STAGING = "111111111111";

/**
 * Two environments in two accounts, the archive in prod's: prod delivers from the same account,
 * staging across accounts. Tests mutate copies of it.
 */
export function archiveConfig(): Config {
  const notifications = { critical: { emails: ["oncall@example.com"] } };
  return {
    project: "acme",
    environments: [
      { name: "prod", accountId: PROD, region: "us-east-1", stateBucket: "acme-tfstate-prod", notifications },
      { name: "staging", accountId: STAGING, region: "us-east-1", stateBucket: "acme-tfstate-staging", notifications },
    ],
    workloads: [
      { name: "chat-api", kind: "generic" },
      { name: "rag", kind: "generic", group: "search", environments: ["prod"] },
    ],
    archive: { environment: "prod", bucketName: "acme-log-archive", sources: { accounts: [STAGING] } },
  };
}

export function withArchive(mutate: (c: Config) => void): Config {
  const c = archiveConfig();
  mutate(c);
  return c;
}

/** chat-api leaves the default group for `chat` (moving out of monitoring-<env> into monitoring-<env>-chat). */
export function movedConfig(): Config {
  return withArchive((c) => {
    c.workloads[0].group = "chat";
    c.workloads[0].movedFrom = "default";
  });
}

export function modelOf(config: Config): MonitoringModel {
  return buildModel(config, "platform.yaml");
}

export type StackJson = Record<string, unknown>;

/** The real pipeline (validation, checks, synth) over a config object; stack name -> cdk.tf.json. */
export function synth(config: Config): Record<string, StackJson> {
  const file = join(mkdtempSync(join(tmpdir(), "ai-logs-archive-")), "platform.json");
  writeFileSync(file, JSON.stringify(config));
  return synthConfigFile(file).stacks;
}

/** One resource's body, without cdktf metadata; fails the test when it does not exist. */
export function resource(stack: StackJson, type: string, name: string): Record<string, unknown> {
  const body = resourcesOfType(stack, type)[name];
  if (!body) throw new Error(`no ${type}.${name}; have: ${Object.keys(resourcesOfType(stack, type)).join(", ") || "none"}`);
  return body;
}

/** A JSON policy attribute, parsed. */
export function policyOf(body: Record<string, unknown>, attribute: string): { Statement: Record<string, unknown>[] } {
  return JSON.parse(body[attribute] as string) as { Statement: Record<string, unknown>[] };
}
