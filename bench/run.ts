// `npm run bench`: synth against a plain cdktf program emitting the same JSON, the fleet (1000 workloads across
// stack groups, with the largest stack's offline terraform plan), a pull request of the fleet under
// Atlantis, static atlantis.yaml against the pull-request hooks (bench/pr-bench.ts: BENCH_PR_RUNS), filter-pattern evaluator
// throughput, and backtest throughput and memory (bench/backtest.ts: BENCH_BACKTEST_RUNS,
// BENCH_BACKTEST_SIZES). Prints Markdown tables. Knobs: BENCH_SIZES (comma list), BENCH_RUNS (repetitions per
// synth size; medians reported), BENCH_FLEET_WORKLOADS, BENCH_FLEET_GROUPS. The fleet plan needs
// terraform and AI_LOGS_PROVIDER_MIRROR (see README).
import { runBacktestBench } from "./backtest";
import { runEvaluatorBench } from "./evaluator";
import { runFleetBench } from "./fleet-bench";
import { runPrBench } from "./pr-bench";
import { runSynthBench } from "./synth-bench";

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? "1,10,100,1000").split(",").map(Number);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  process.stdout.write(`## Synth\n\n${runSynthBench(sizes, runs).markdown}\n\n`);
  process.stdout.write(`## Fleet\n\n${await runFleetBench()}\n\n`);
  process.stdout.write(`## Pull requests at fleet scale\n\n${runPrBench()}\n\n`);
  process.stdout.write(`## Filter-pattern evaluator\n\n${await runEvaluatorBench()}\n\n`);
  process.stdout.write(`## Backtest\n\n${await runBacktestBench()}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
