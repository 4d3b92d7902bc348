/**
 * Bad input to a backtest: an unreadable or unknown events file, events without timestamps, a log
 * group no stack has, a synthesized output without stacks, a bad time. The message names the file
 * or argument at fault, so the CLI prints it as is (exit 2), never a stack trace.
 */
export class BacktestInputError extends Error {
  constructor(
    /** The file or CLI argument at fault, e.g. `events.json.gz` or `--from`. */
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
    this.name = "BacktestInputError";
  }
}
