/**
 * `ai-logs test-metric-filter`: `aws logs test-metric-filter`, offline.
 *
 * Same flags and the same JSON output (4-space indent, as the AWS CLI prints it); an invalid
 * pattern exits with 255 and the AWS CLI's error line. Extensions: `--metric-value`,
 * `--default-value` and `--dimensions` add what each match would publish.
 */
import { Command } from "commander";
import {
  extractMetric,
  isUserError,
  MetricTransformationSpec,
  parseFilterPattern,
  testMetricFilter,
  TestMetricFilterMatch,
  validateMetricTransformation,
} from "../patterns";
import { parseDecimalNumber } from "../patterns/number-text";
import { CliExit, CliIo, requireOptions, serviceError, usageError } from "./io";

interface Options {
  readonly filterPattern: string;
  readonly logEventMessages: string[];
  readonly metricValue?: string;
  readonly defaultValue?: string;
  readonly dimensions?: string;
}

const FILE_PREFIX = "file://";
const OPERATION = "TestMetricFilter";

const HELP_AFTER = `
Output is the JSON document the AWS CLI prints: {"matches": [{"eventNumber", "eventMessage",
"extractedValues"}]}, event numbers 1-based. An invalid pattern exits with 255 and the AWS error.

Either argument may be read from a file, as in the AWS CLI: --filter-pattern file://pattern.txt,
--log-event-messages file://events.json (a JSON array of 1 to 50 strings). Use
--filter-pattern=-ERROR for a pattern that starts with '-'.

Extensions (not in the AWS CLI):
  --metric-value V      also report, for each match, the value the metric filter would publish
                        ("metricValue": a number, or null when AWS publishes no datapoint) and its
                        "dimensions"; plus a "metricSummary" with the sample count and sum over all
                        events, where every non-matching event contributes --default-value.
  --default-value D     the metric filter's default value (not allowed with --dimensions)
  --dimensions JSON     e.g. '{"Model":"$.model"}' (JSON and space-delimited patterns, at most 3)

Examples:
  ai-logs test-metric-filter --filter-pattern '"CUDA out of memory"' \\
    --log-event-messages 'RuntimeError: CUDA out of memory' 'INFO ok'
  ai-logs test-metric-filter --filter-pattern '{ $.latency_ms > 1000 }' \\
    --log-event-messages file://events.json --metric-value '$.latency_ms'
`;

export function register(program: Command, io: CliIo): void {
  program
    .command("test-metric-filter")
    .description("Test a CloudWatch Logs filter pattern against sample log events, offline (like `aws logs test-metric-filter`).")
    // Checked in run(), not with requiredOption: commander reports a missing required option before an
    // unknown one, so a misspelled flag would read "required option not specified".
    .option("--filter-pattern <pattern>", "required: the filter pattern to test (or file://path)")
    .option("--log-event-messages <messages...>", "required: log event messages (or one file://path to a JSON array of strings)")
    .option("--metric-value <value>", "extension: metric value, e.g. 1, $.latency_ms or $bytes")
    .option("--default-value <number>", "extension: default value published for each non-matching event")
    .option("--dimensions <json>", 'extension: dimensions as a JSON object, e.g. {"Model":"$.model"}')
    .addHelpText("after", HELP_AFTER)
    .action((options: Partial<Options>) => run(options, io));
}

function run(options: Partial<Options>, io: CliIo): void {
  requireOptions(options, { filterPattern: "--filter-pattern <pattern>", logEventMessages: "--log-event-messages <messages...>" });
  const filterPattern = readArgument(options.filterPattern, "--filter-pattern", io);
  const logEventMessages = readMessages(options.logEventMessages, io);
  const spec = metricSpec(options);
  let matches: TestMetricFilterMatch[];
  try {
    matches = testMetricFilter({ filterPattern, logEventMessages }).matches;
  } catch (error) {
    if (isUserError(error)) throw serviceError(error.code, OPERATION, error.message);
    throw error;
  }
  const output = spec ? withMetrics(filterPattern, logEventMessages, matches, spec) : { matches };
  io.stdout(JSON.stringify(output, null, 4) + "\n");
}

/** A `file://` argument is replaced by the file's content, as the AWS CLI does. */
function readArgument(value: string, flag: string, io: CliIo): string {
  if (!value.startsWith(FILE_PREFIX)) return value;
  const path = value.slice(FILE_PREFIX.length);
  try {
    return io.readFile(path);
  } catch (error) {
    throw usageError(`${flag}: cannot read file '${path}': ${(error as Error).message}`);
  }
}

function readMessages(values: string[], io: CliIo): string[] {
  if (values.length !== 1 || !values[0].startsWith(FILE_PREFIX)) return values;
  const text = readArgument(values[0], "--log-event-messages", io);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usageError(`--log-event-messages: ${values[0]} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || !parsed.every((m): m is string => typeof m === "string")) {
    throw usageError(`--log-event-messages: ${values[0]} must contain a JSON array of strings.`);
  }
  return parsed;
}

function metricSpec(options: Options): MetricTransformationSpec | undefined {
  if (options.metricValue === undefined) {
    if (options.defaultValue !== undefined || options.dimensions !== undefined) {
      throw usageError("--default-value and --dimensions need --metric-value.");
    }
    return undefined;
  }
  return {
    metricValue: options.metricValue,
    defaultValue: options.defaultValue === undefined ? undefined : parseDefaultValue(options.defaultValue),
    dimensions: options.dimensions === undefined ? undefined : parseDimensions(options.dimensions),
  };
}

function parseDefaultValue(text: string): number {
  const value = parseDecimalNumber(text.trim());
  if (value === null) throw usageError(`--default-value must be a number; got '${text}'.`);
  return value;
}

function parseDimensions(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usageError(`--dimensions is not valid JSON: ${(error as Error).message}`);
  }
  const valid =
    typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === "string");
  if (!valid) throw usageError(`--dimensions must be a JSON object of strings, e.g. {"Model":"$.model"}.`);
  return parsed as Record<string, string>;
}

/** Adds `metricValue` and `dimensions` to each match, and a summary over all events. */
function withMetrics(pattern: string, messages: string[], matches: TestMetricFilterMatch[], spec: MetricTransformationSpec): object {
  const ast = parseFilterPattern(pattern);
  const problems = validateMetricTransformation(ast, spec);
  if (problems.length > 0) {
    throw new CliExit(2, `error: invalid metric transformation:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  }
  const extracted = messages.map((message) => extractMetric(ast, spec, message));
  const published = extracted.map((e) => e.value).filter((v): v is number => v !== null);
  return {
    matches: matches.map((match) => {
      const metric = extracted[match.eventNumber - 1];
      return { ...match, metricValue: metric.value, dimensions: metric.dimensions };
    }),
    metricSummary: { sampleCount: published.length, sum: published.reduce((a, b) => a + b, 0) },
  };
}
