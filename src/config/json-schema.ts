import { z } from "zod";
import { configSchema } from "./schema";

/**
 * The config's JSON Schema, for editors (config/schema.json). Generated from the validator itself, so
 * the two cannot disagree; refinements that JSON Schema cannot express (duplicates, cross references)
 * are enforced by the validator only.
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>),
    title: "ai-logs platform configuration",
  };
}

export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
