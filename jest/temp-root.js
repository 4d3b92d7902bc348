// One temporary root per test run: globalSetup points TMPDIR (which os.tmpdir() reads, and which
// Terraform, npm and git inherit) at a fresh directory under the system temp folder before the workers
// start, and globalTeardown removes it. Whatever a test or a process it starts leaves in the temp
// folder goes with it, even when a test forgets its own cleanup.
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const KEY = "AI_LOGS_TEST_TEMP_ROOT";

async function setup() {
  const root = mkdtempSync(join(tmpdir(), "ai-logs-test-run-"));
  process.env[KEY] = root;
  process.env.TMPDIR = root;
}

async function teardown() {
  const root = process.env[KEY];
  if (root) rmSync(root, { recursive: true, force: true });
}

module.exports = { setup, teardown };
