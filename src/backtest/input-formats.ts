/**
 * The recorded-log formats a backtest reads, each streamed in batches with constant memory:
 *
 * - `aws-logs`: the JSON the AWS CLI prints for `aws logs filter-log-events` or `get-log-events`,
 *   one document `{"events": [{"timestamp", "message", ...}], ...}`, parsed incrementally with
 *   @streamparser/json so a large export never sits in memory whole. It names no log group:
 *   give it with `--log-group`.
 * - `archive`: the objects the product's log archive writes to S3 (firehose-delivery.ts): CloudWatch
 *   Logs subscription records `{"messageType", "owner", "logGroup", "logStream",
 *   "subscriptionFilters", "logEvents": [{"id", "timestamp", "message"}]}`, one per line, usually
 *   gzip; records concatenated without newlines are read too. CONTROL_MESSAGE records are skipped.
 * - `jsonl`: one JSON object per line, the line being the event's message; its timestamp is the
 *   field `--timestamp-field` names.
 * - `text`: one event per line, starting with a timestamp in `--timestamp-format`; a line that does
 *   not start with one continues the previous event (a stack trace), as the CloudWatch agent's
 *   multi-line option groups them.
 */
import { JSONParser } from "@streamparser/json";
import { BacktestInputError } from "./errors";
import type { TextInput } from "./input-stream";
import { leadingTimestampParser, timestampFromValue } from "./timestamps";

export const INPUT_FORMATS = ["auto", "aws-logs", "archive", "jsonl", "text"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** One recorded log event; `logGroup` when the input says which. */
export interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly logGroup?: string;
}

export interface FormatOptions {
  readonly format?: InputFormat;
  /** JSON lines: the field holding the timestamp (a dotted path for nested fields). */
  readonly timestampField?: string;
  /** Text lines: iso8601, epoch-seconds, epoch-millis or a strftime pattern. */
  readonly timestampFormat?: string;
}

const AWS_LOGS_KEYS = ["events", "searchedLogStreams", "nextToken", "nextForwardToken", "nextBackwardToken"];
const ARCHIVE_KEYS = ["messageType", "owner", "logGroup", "logStream", "subscriptionFilters", "logEvents"];

/** Which format an input is in, from its first characters (or as the user said). */
export function detectFormat(input: TextInput, options: FormatOptions): Exclude<InputFormat, "auto"> {
  if (options.format && options.format !== "auto") return options.format;
  const start = input.head.trimStart();
  if (start === "") throw new BacktestInputError(input.name, "is empty: no log events");
  if (start.startsWith("{")) {
    const key = /^\{\s*"([^"\\]*)"/.exec(start)?.[1];
    if (key !== undefined && AWS_LOGS_KEYS.includes(key)) return "aws-logs";
    if (key !== undefined && ARCHIVE_KEYS.includes(key)) return "archive";
    return "jsonl";
  }
  if (start.startsWith("[")) {
    throw new BacktestInputError(
      input.name,
      "unknown format: a JSON array. Expected `aws logs filter-log-events` / `get-log-events` output, archive records, JSON lines or text lines"
    );
  }
  return "text";
}

/** The events of one input, in batches. */
export function readEvents(input: TextInput, options: FormatOptions): AsyncIterable<LogEvent[]> {
  const format = detectFormat(input, options);
  switch (format) {
    case "aws-logs":
      return awsLogsEvents(input);
    case "archive":
      return archiveEvents(input);
    case "jsonl":
      return jsonLineEvents(input, options.timestampField);
    case "text":
      return textLineEvents(input, options.timestampFormat);
  }
}

/**
 * Streams an input through a JSON parser: `eventsOf` turns each value the parser selects (`paths`)
 * into events, yielded in batches as the chunks arrive, so a file of any size is read in constant memory.
 */
async function* streamedJsonEvents(input: TextInput, options: { paths: string[]; separator?: string }, eventsOf: (value: unknown) => LogEvent[]): AsyncIterable<LogEvent[]> {
  let batch: LogEvent[] = [];
  const parser = new JSONParser({ ...options, keepStack: false });
  parser.onValue = ({ value }) => batch.push(...eventsOf(value));
  for await (const chunk of input.chunks) {
    parseOrFail(input.name, () => parser.write(chunk));
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  parseOrFail(input.name, () => parser.isEnded || parser.end());
  if (batch.length > 0) yield batch;
}

function awsLogsEvents(input: TextInput): AsyncIterable<LogEvent[]> {
  let count = 0;
  return streamedJsonEvents(input, { paths: ["$.events.*"] }, (value) => [cloudWatchEvent(value, input.name, `event ${++count}`)]);
}

/** `{timestamp, message}` of the AWS CLI output and of archive records. */
function cloudWatchEvent(value: unknown, file: string, where: string, logGroup?: string): LogEvent {
  const event = value as { timestamp?: unknown; message?: unknown } | null;
  if (!event || typeof event !== "object") throw new BacktestInputError(file, `${where} is not an object`);
  if (typeof event.timestamp !== "number" || !Number.isFinite(event.timestamp)) {
    throw new BacktestInputError(file, `${where} has no timestamp (a number of milliseconds since the epoch)`);
  }
  if (typeof event.message !== "string") throw new BacktestInputError(file, `${where} has no message`);
  return { timestamp: event.timestamp, message: event.message, logGroup };
}

function parseOrFail(file: string, parse: () => void): void {
  try {
    parse();
  } catch (e) {
    if (e instanceof BacktestInputError) throw e;
    const message = (e as Error).message;
    const truncated = /ended in mid-parsing|not all the data/i.test(message);
    throw new BacktestInputError(file, truncated ? `truncated JSON (${message})` : `not valid JSON: ${message}`);
  }
}

async function* archiveEvents(input: TextInput): AsyncIterable<LogEvent[]> {
  let records = 0;
  const eventsOf = (record: unknown): LogEvent[] => {
    records++;
    const r = record as { messageType?: unknown; logGroup?: unknown; logEvents?: unknown };
    const where = `record ${records}`;
    if (!r || typeof r !== "object") throw new BacktestInputError(input.name, `${where} is not a JSON object`);
    if (r.messageType === "CONTROL_MESSAGE") return [];
    if (typeof r.logGroup !== "string" || !Array.isArray(r.logEvents)) {
      throw new BacktestInputError(input.name, `${where} is not a CloudWatch Logs subscription record (it needs logGroup and logEvents)`);
    }
    const logGroup = r.logGroup;
    return r.logEvents.map((e, i) => cloudWatchEvent(e, input.name, `${where}, log event ${i + 1}`, logGroup));
  };
  const firstLine = input.head.split("\n", 1)[0];
  const concatenated = /\}\s*\{\s*"/.test(firstLine) || (!input.head.includes("\n") && input.head.length >= 64 * 1024);
  if (concatenated) {
    yield* streamedJsonEvents(input, { separator: "", paths: ["$"] }, eventsOf);
    return;
  }
  for await (const lines of linesOf(input)) {
    const batch: LogEvent[] = [];
    for (const { text, number } of lines) {
      if (text.trim() === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (e) {
        throw new BacktestInputError(input.name, `line ${number} is not a JSON record${lastLineHint(text)}: ${(e as Error).message}`);
      }
      for (const event of eventsOf(record)) batch.push(event);
    }
    if (batch.length > 0) yield batch;
  }
}

function lastLineHint(text: string): string {
  return text.trimEnd().endsWith("}") ? "" : " (truncated?)";
}

async function* jsonLineEvents(input: TextInput, timestampField: string | undefined): AsyncIterable<LogEvent[]> {
  if (!timestampField) {
    throw new BacktestInputError(input.name, "JSON lines without a timestamp the backtest knows: name the field that holds it with --timestamp-field (e.g. --timestamp-field timestamp)");
  }
  const path = timestampField.split(".");
  for await (const lines of linesOf(input)) {
    const batch: LogEvent[] = [];
    for (const { text, number } of lines) {
      if (text.trim() === "") continue;
      let object: unknown;
      try {
        object = JSON.parse(text);
      } catch (e) {
        throw new BacktestInputError(input.name, `line ${number} is not JSON${lastLineHint(text)}: ${(e as Error).message}`);
      }
      let value: unknown = object;
      for (const key of path) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
      const timestamp = timestampFromValue(value);
      if (timestamp === undefined) {
        throw new BacktestInputError(
          input.name,
          `line ${number} has no timestamp in field '${timestampField}'${value === undefined ? "" : ` (found ${JSON.stringify(value)})`}: expected epoch seconds or milliseconds, or ISO 8601`
        );
      }
      batch.push({ timestamp, message: text });
    }
    if (batch.length > 0) yield batch;
  }
}

async function* textLineEvents(input: TextInput, timestampFormat: string | undefined): AsyncIterable<LogEvent[]> {
  if (!timestampFormat) {
    throw new BacktestInputError(
      input.name,
      "text lines without timestamps the backtest knows: give their leading timestamp's format with --timestamp-format (iso8601, epoch-seconds, epoch-millis or e.g. '%Y-%m-%d %H:%M:%S'), or pass `aws logs filter-log-events` JSON, archive records or JSON lines"
    );
  }
  let leading;
  try {
    leading = leadingTimestampParser(timestampFormat);
  } catch (e) {
    throw new BacktestInputError("--timestamp-format", (e as Error).message);
  }
  let pending: { timestamp: number; message: string } | undefined;
  for await (const lines of linesOf(input)) {
    const batch: LogEvent[] = [];
    for (const { text, number } of lines) {
      const timestamp = leading(text);
      if (timestamp !== undefined) {
        if (pending) batch.push(pending);
        pending = { timestamp, message: text };
      } else if (pending) {
        pending.message += `\n${text}`;
      } else if (text.trim() !== "") {
        throw new BacktestInputError(input.name, `line ${number} does not start with a timestamp in format '${timestampFormat}': ${JSON.stringify(text.slice(0, 80))}`);
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (pending) yield [pending];
}

/** Lines of the input (without `\n` / `\r\n`), numbered from 1, in batches of one chunk. */
async function* linesOf(input: TextInput): AsyncIterable<{ text: string; number: number }[]> {
  let rest = "";
  let number = 0;
  for await (const chunk of input.chunks) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    yield parts.map((text) => ({ text: text.endsWith("\r") ? text.slice(0, -1) : text, number: ++number }));
  }
  if (rest !== "") yield [{ text: rest.endsWith("\r") ? rest.slice(0, -1) : rest, number: ++number }];
}
