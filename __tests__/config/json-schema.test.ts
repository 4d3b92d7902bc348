import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { renderConfigJsonSchema } from "../../src/config/json-schema";

describe("config/schema.json", () => {
  const committed = readFileSync(join(__dirname, "..", "..", "config", "schema.json"), "utf8");

  it("is in sync with the validator (run `npm run schema` after changing src/config)", () => {
    expect(committed).toBe(renderConfigJsonSchema());
  });

  it("forbids unknown keys and lists the valid retention values, like the validator", () => {
    const schema = JSON.parse(committed);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["project", "environments", "workloads"]));
    expect(schema.properties.defaults.properties.retentionDays.enum).toContain(731);
    expect(schema.properties.defaults.properties.retentionDays.enum).not.toContain(730);
    const example = parse(readFileSync(join(__dirname, "..", "..", "config", "example.yaml"), "utf8"));
    expect(Object.keys(example).every((k) => k in schema.properties)).toBe(true);
  });
});
