#!/usr/bin/env node
// `npm run build`: compiles main.ts and src/ into dist/ (JavaScript and .d.ts) with tsconfig.build.json,
// into an emptied dist/ so nothing of a deleted source stays behind. `buildIfStale()` is what the compiled
// synth (scripts/synth.js) runs first: it builds only when dist/ is missing or older than a source, so
// `npm ci && npm run synth` works on a fresh clone and an edit is never synthesized from stale JavaScript.
// Plain JavaScript on purpose: it runs before anything is compiled, without tsx.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const ROOT = join(__dirname, "..");
const DIST = join(ROOT, "dist");
/** Written by a successful build, dated when the build started: the sources it compiled. */
const STAMP = join(DIST, ".build-sources.json");
/** What the build reads: a change to any of these makes dist/ stale. */
const INPUTS = ["main.ts", "src", "tsconfig.json", "tsconfig.build.json"];

/** Every input file, relative to the repository, sorted. */
function inputFiles() {
  const files = [];
  const visit = (path) => {
    if (statSync(join(ROOT, path)).isDirectory()) for (const name of readdirSync(join(ROOT, path)).sort()) visit(`${path}/${name}`);
    else files.push(path);
  };
  INPUTS.forEach(visit);
  return files;
}

/** Why dist/ needs a build, or undefined when it is up to date. */
function staleReason() {
  if (!existsSync(STAMP)) return "dist/ has not been built";
  const builtAt = statSync(STAMP).mtimeMs;
  const files = inputFiles();
  if (JSON.stringify(files) !== readFileSync(STAMP, "utf8")) return "sources were added or removed since the last build";
  const changed = files.find((f) => statSync(join(ROOT, f)).mtimeMs > builtAt);
  return changed && `${changed} changed since the last build`;
}

/** Compiles into an emptied dist/; throws when tsc reports errors (they are printed to stderr). */
function build() {
  const startedAt = new Date();
  rmSync(DIST, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: ["ignore", process.stderr, "inherit"] });
  if (tsc.status !== 0) throw new Error("the TypeScript build failed (tsc's errors above); dist/ was not built");
  writeFileSync(STAMP, JSON.stringify(inputFiles()));
  // Dated at the start: a source saved while tsc ran is newer, so the next run builds again.
  utimesSync(STAMP, startedAt, startedAt);
}

/** Builds when dist/ is missing or stale; says why on stderr, since it takes a while. */
function buildIfStale() {
  const reason = staleReason();
  if (reason === undefined) return;
  process.stderr.write(`ai-logs: compiling the TypeScript sources into dist/ (${reason})\n`);
  build();
}

module.exports = { build, buildIfStale, staleReason };

if (require.main === module) {
  try {
    build();
  } catch (e) {
    process.stderr.write(`ai-logs: ${e.message}\n`);
    process.exitCode = 1;
  }
}
