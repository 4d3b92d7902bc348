/**
 * `ai-logs backtest`: replay recorded logs through the synthesized filters and alarms, and show
 * when each alarm would have fired. Bad input (an unknown or truncated file, events without
 * timestamps, a log group no stack has, a bad time) exits 2 with a message naming the file or
 * option; the report and the picture are written only when the whole run succeeded.
 */
import { writeFileAtomically } from "../atomic-write";
import { extname, resolve } from "node:path";
import { Command, Option } from "commander";
import {
  backtest,
  BacktestInputError,
  INPUT_FORMATS,
  renderBacktestMarkdown,
  renderBacktestPng,
  renderBacktestSvg,
  type BacktestReport,
  type InputFormat,
} from "../backtest";
import { CliIo, usageError } from "./io";

interface Options {
  readonly synth: string;
  readonly stack?: string;
  readonly logGroup?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: "markdown" | "json";
  readonly plot?: string;
  readonly suggest?: boolean;
  readonly inputFormat: InputFormat;
  readonly timestampField?: string;
  readonly timestampFormat?: string;
}

const HELP_AFTER = `
EVENTS are files (plain or gzip) or - for standard input, in any of these formats (recognised from
their first bytes, or named with --input-format):
  aws-logs  the JSON of \`aws logs filter-log-events\` or \`aws logs get-log-events\` (needs --log-group)
  archive   the objects the log archive writes to S3: CloudWatch Logs subscription records, one per
            line (they name their log group)
  jsonl     one JSON object per line; --timestamp-field names its timestamp (needs --log-group)
  text      lines starting with a timestamp in --timestamp-format: iso8601, epoch-seconds,
            epoch-millis or a strftime pattern such as '%Y-%m-%d %H:%M:%S' (needs --log-group)

Every metric filter of the event's log group publishes its datapoints per minute; every alarm is
evaluated each minute as CloudWatch does (sliding windows, M of N, treat-missing-data, metric math,
composite rules). Anomaly-band alarms and alarms on service metrics are listed as not simulated:
the backtest never invents a state. See docs/backtesting.md.

The JSON report has formatVersion and alarms[]: alarmName, stack, simulated, transitionsToAlarm,
alarmIntervals [{start, end}] (ISO 8601 UTC; end null while still in ALARM at the end of the
window), datapoints [{timestamp, value}] and more.

Exit codes: 0 report written, 2 usage or input error.

Examples:
  aws logs filter-log-events --log-group-name /acme-ai/prod/chat-inference \\
    --start-time 1764000000000 > events.json
  ai-logs backtest --synth cdktf.out --log-group /acme-ai/prod/chat-inference events.json
  ai-logs backtest --synth cdktf.out --format json --plot alarms.svg archive/*.gz > report.json
  gunzip -c app.log.gz | ai-logs backtest --synth cdktf.out --stack monitoring-prod \\
    --log-group /acme-ai/prod/chat-api --timestamp-format iso8601 --suggest -
`;

export function register(program: Command, io: CliIo): void {
  program
    .command("backtest")
    .description("Replay recorded log events through the synthesized metric filters and alarms: when would each alarm have fired?")
    .argument("[events...]", "events files (plain or gzip), or - for standard input")
    .requiredOption("--synth <dir>", "synthesized output: cdktf.out, or one stack directory")
    .option("--stack <name>", "only this stack")
    .option("--log-group <name>", "log group of events whose input names none")
    .option("--from <iso>", "start of the window (ISO 8601); earlier events are ignored")
    .option("--to <iso>", "end of the window (ISO 8601); later events are ignored")
    .addOption(new Option("--format <format>", "report format").choices(["markdown", "json"]).default("markdown"))
    .option("--plot <file>", "also draw the alarms' timelines: FILE.svg or FILE.png")
    .option("--suggest", "suggest thresholds that would have fired 0, 1 and 5 times")
    .addOption(new Option("--input-format <format>", "format of the events files").choices([...INPUT_FORMATS]).default("auto"))
    .option("--timestamp-field <field>", "JSON lines: the field holding the timestamp (nested: a.b)")
    .option("--timestamp-format <format>", "text lines: format of the leading timestamp")
    .addHelpText("after", HELP_AFTER)
    .action((events: string[], options: Options) => run(events, options, io));
}

async function run(events: string[], options: Options, io: CliIo): Promise<void> {
  const plotKind = options.plot === undefined ? undefined : extname(options.plot).toLowerCase();
  if (plotKind !== undefined && plotKind !== ".svg" && plotKind !== ".png") {
    throw usageError(`--plot: '${options.plot}' must end in .svg or .png`);
  }
  let report: BacktestReport;
  try {
    report = await backtest({
      synth: options.synth,
      stack: options.stack,
      logGroup: options.logGroup,
      from: options.from,
      to: options.to,
      inputs: events,
      format: options.inputFormat,
      timestampField: options.timestampField,
      timestampFormat: options.timestampFormat,
      suggest: options.suggest,
      cwd: io.cwd,
    });
  } catch (error) {
    if (error instanceof BacktestInputError) throw usageError(error.message);
    throw error;
  }
  if (options.plot !== undefined) {
    const picture = plotKind === ".png" ? await renderBacktestPng(report) : await renderBacktestSvg(report);
    writeAtomically(resolve(io.cwd, options.plot), picture);
  }
  io.stdout(options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderBacktestMarkdown(report));
}

/** Writes next to the target and renames, so a failed run never leaves half a file. */
function writeAtomically(path: string, content: string | Buffer): void {
  try {
    writeFileAtomically(path, content);
  } catch (error) {
    throw usageError(`--plot: cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
