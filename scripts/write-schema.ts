// `npm run schema`: regenerate config/schema.json from the validator.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderConfigJsonSchema } from "../src/config/json-schema";

const file = join(__dirname, "..", "config", "schema.json");
writeFileSync(file, renderConfigJsonSchema());
process.stdout.write(`wrote ${file}\n`);
