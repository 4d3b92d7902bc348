#!/usr/bin/env node
// Entry point of the `ai-logs` command. The installed package carries the compiled CLI (dist/) and no
// TypeScript, and runs on plain node. A checkout runs its TypeScript sources through tsx's loader, so
// the command works right after `npm ci` and never runs JavaScript older than the sources.
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const sources = join(__dirname, "..", "src", "cli", "main.ts");
let cli;
if (existsSync(sources)) {
  require("tsx/cjs/api").register();
  cli = require(sources);
} else {
  cli = require("../dist/src/cli/main.js");
}
cli.main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`ai-logs: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 70; },
);
