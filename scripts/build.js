#!/usr/bin/env node
// `npm run build` (also run by `npm pack`): compiles main.ts and src/ into dist/ (JavaScript and .d.ts)
// with tsconfig.build.json, when dist/ is missing or older than a source; `--force` builds anyway. A
// build starts from an emptied dist/, so nothing of a deleted source stays behind. The compiled synth
// (scripts/synth.js) calls `buildIfStale()` first, so `npm ci && npm run synth` works on a fresh clone
// and an edited tree is never synthesized from stale JavaScript.
// Plain JavaScript on purpose: it runs before anything is compiled, without tsx.
"use strict";
const { spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const ROOT = join(__dirname, "..");
/** What the build reads: a change to any of these makes dist/ stale. */
const INPUTS = ["main.ts", "src", "tsconfig.json", "tsconfig.build.json"];
/** Written by a successful build, dated when the build started: the input files it compiled. */
const STAMP = ".build-inputs.json";
/** A build that holds the lock longer than this has died: its lock is taken over. */
const LOCK_EXPIRY_MS = 10 * 60_000;

/** Every input file, relative to `root`, in a stable order. */
function inputFiles(root) {
  const files = [];
  const visit = (path) => {
    if (!existsSync(join(root, path))) return;
    if (statSync(join(root, path)).isDirectory()) for (const name of readdirSync(join(root, path)).sort()) visit(`${path}/${name}`);
    else files.push(path);
  };
  INPUTS.forEach(visit);
  return files;
}

/** Why `root`'s dist/ needs a build, or undefined when it is up to date. */
function staleReason(root = ROOT) {
  const stamp = join(root, "dist", STAMP);
  if (!existsSync(stamp)) return "dist/ has not been built";
  const builtAt = statSync(stamp).mtimeMs;
  const files = inputFiles(root);
  if (JSON.stringify(files) !== readFileSync(stamp, "utf8")) return "sources were added or removed since the last build";
  const changed = files.find((f) => statSync(join(root, f)).mtimeMs > builtAt);
  return changed && `${changed} changed since the last build`;
}

/** Compiles `root` into an emptied dist/; throws tsc's errors when there are any. */
function build(root = ROOT) {
  const startedAt = new Date();
  const dist = join(root, "dist");
  rmSync(dist, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { cwd: root, encoding: "utf8" });
  if (tsc.status !== 0) throw new Error(`the TypeScript build failed, dist/ is incomplete:\n${(tsc.stdout + tsc.stderr).trimEnd()}`);
  writeFileSync(join(dist, STAMP), JSON.stringify(inputFiles(root)));
  // Dated at the start: a source saved while tsc ran is newer, so the next run builds again.
  utimesSync(join(dist, STAMP), startedAt, startedAt);
}

/**
 * Builds when dist/ is missing or stale (or always, with `force`), saying why on stderr since it takes a
 * while. One build at a time per checkout: a second caller waits for the first, then finds dist/ fresh.
 */
function buildIfStale(root = ROOT, { force = false, log = (line) => process.stderr.write(line) } = {}) {
  if (!force && staleReason(root) === undefined) return false;
  return withBuildLock(root, () => {
    const reason = force ? "--force" : staleReason(root);
    if (reason === undefined) return false; // built by whoever held the lock before us
    log(`ai-logs: compiling the TypeScript sources into dist/ (${reason})\n`);
    build(root);
    return true;
  });
}

function withBuildLock(root, fn) {
  const lock = join(tmpdir(), `ai-logs-build-${createHash("sha256").update(root).digest("hex").slice(0, 16)}.lock`);
  const giveUpAt = Date.now() + LOCK_EXPIRY_MS;
  for (;;) {
    try {
      mkdirSync(lock); // atomic: exactly one caller creates it
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    const heldSince = existsSync(lock) ? statSync(lock, { throwIfNoEntry: false })?.mtimeMs : undefined;
    if (heldSince !== undefined && Date.now() - heldSince > LOCK_EXPIRY_MS) rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > giveUpAt) throw new Error(`another build has held ${lock} for 10 minutes; remove it if no build is running`);
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // sleep 200 ms
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

module.exports = { build, buildIfStale, staleReason };

if (require.main === module) {
  try {
    if (!buildIfStale(ROOT, { force: process.argv.includes("--force") })) process.stderr.write("ai-logs: dist/ is up to date\n");
  } catch (e) {
    process.stderr.write(`ai-logs: ${e.message}\n`);
    process.exitCode = 1;
  }
}
