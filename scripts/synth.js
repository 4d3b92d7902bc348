#!/usr/bin/env node
// `npm run synth`, and the app of cdktf.json, CI and the Atlantis workflow: synthesizes from the compiled
// JavaScript in dist/, which starts in about half the time tsx takes to load the TypeScript sources
// (docs/benchmarks.md). dist/ is built first when it is missing or older than a source
// (scripts/build.js). Arguments as for main.ts: --config FILE, --help. `npm run synth:dev` runs main.ts
// through tsx instead, with no build.
"use strict";
try {
  require("./build.js").buildIfStale();
} catch (e) {
  process.stderr.write(`ai-logs: synth failed, nothing was written: ${e.message}\n`);
  process.exit(1);
}
require("../dist/main.js");
