/**
 * Bad input to the review (a missing directory, unreadable JSON, a file that is not a plan). The
 * message names the argument it came from, so the CLI can print it as is, with no stack trace.
 */
export class ReviewInputError extends Error {
  constructor(
    /** The CLI argument at fault, e.g. `--base` or `--plan`. */
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
    this.name = "ReviewInputError";
  }
}
