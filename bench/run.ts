// `npm run bench`: synth scale and filter-pattern evaluator throughput. Prints Markdown tables.
// BENCH_RUNS sets the repetitions per synth size (median reported); BENCH_SIZES a comma list of sizes.
import { runSynthBench } from "./synth-bench";

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? "1,10,100,1000").split(",").map(Number);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  process.stdout.write(`${runSynthBench(sizes, runs).markdown}\n\n`);
  const { runEvaluatorBench } = await import("./evaluator");
  process.stdout.write(`${await runEvaluatorBench()}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
