// Preloaded (NODE_OPTIONS=--require) into every node process of a measured synth, including the one
// tsx starts: at exit it appends the process's CPU time and peak memory to the file named by
// AI_LOGS_BENCH_USAGE, one JSON line per process.
"use strict";
const { appendFileSync } = require("node:fs");

process.on("exit", () => {
  const file = process.env.AI_LOGS_BENCH_USAGE;
  if (!file) return;
  const usage = process.resourceUsage();
  appendFileSync(file, `${JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024 })}\n`);
});
