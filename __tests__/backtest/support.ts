import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Backtest, readModel, type BacktestReport, type LogEvent } from "../../src/backtest";

/** Terraform JSON of one stack: `resource` blocks by type and name. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export const LOG_GROUP = "/acme/test/app";
export const T0 = Date.parse("2026-11-24T10:00:00Z");
export const minute = (m: number, second = 0): number => T0 + m * 60_000 + second * 1000;

/** A stack with the log group `LOG_GROUP` and the given resources. */
export function stack(resources: Resources): Record<string, unknown> {
  return { resource: { aws_cloudwatch_log_group: { app: { name: LOG_GROUP } }, ...resources } };
}

export function filter(name: string, pattern: string, transformation: Record<string, unknown>): Resources[string] {
  return {
    [name]: {
      name: `test-${name}`,
      log_group_name: "${aws_cloudwatch_log_group.app.name}",
      pattern,
      metric_transformation: { namespace: "Test", name: transformation.name ?? name, ...transformation },
    },
  };
}

/** Runs a backtest over in-memory events against one stack named `test`. */
export function runBacktest(resources: Resources, events: readonly LogEvent[], window: { from?: string; to?: string } = {}): BacktestReport {
  const run = new Backtest(readModel(new Map([["test", stack(resources)]])), { logGroup: LOG_GROUP, ...window });
  run.add(events, "events");
  return run.finish(["events"]);
}

/** Writes a cdktf.out with the given stacks into a new directory under `parent` (a test's temporary directory); returns its path. */
export function writeSynthDir(parent: string, stacks: Record<string, Record<string, unknown>>): string {
  const out = join(mkdtempSync(join(parent, "synth-")), "cdktf.out");
  mkdirSync(out, { recursive: true });
  const manifest: Record<string, unknown> = { version: "0.21.0", stacks: {} };
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(out, "stacks", name), { recursive: true });
    writeFileSync(join(out, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
    (manifest.stacks as Record<string, unknown>)[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
  }
  writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest));
  return out;
}
