import { ConfigError } from "../../src/config/errors";
import { validateConfig } from "../../src/config/load";
import type { Config } from "../../src/config/schema";

/** The smallest valid config: one environment, one generic workload. Tests mutate copies of it. */
export function minimalConfig(): Config {
  return {
    project: "acme",
    environments: [
      {
        name: "dev",
        accountId: "123456789012",
        region: "eu-west-1",
        stateBucket: "acme-tfstate-dev",
        notifications: { critical: { emails: ["oncall@example.com"] } },
      },
    ],
    workloads: [{ name: "chat-api", kind: "generic" }],
  };
}

/** Deep copy + mutate, so table rows never share state. */
export function mutated(mutate: (c: Config) => void, base: Config = minimalConfig()): Config {
  const copy = structuredClone(base);
  mutate(copy);
  return copy;
}

/** The lines a user sees for a config document (validated as `platform.yaml`); none when it is valid. */
export function problemsOf(config: unknown): string[] {
  try {
    validateConfig(config, "platform.yaml");
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split("\n");
    throw e;
  }
  return [];
}
