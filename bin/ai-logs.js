#!/usr/bin/env node
// Entry point of the `ai-logs` command. Runs the TypeScript sources through tsx's loader so the
// command works right after `npm ci`, with no build step.
require("tsx/cjs/api").register();
require("../src/cli/main.ts").main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`ai-logs: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 70; },
);
