/**
 * An offline `TestMetricFilter`: which of up to 50 messages a pattern matches, with the values a
 * space-delimited pattern extracts. Event numbers are 1-based, as the real service returns them
 * (the API reference examples show 0-based numbers, a documentation artifact; reference §2).
 */
import { TestMetricFilterInputError } from "./errors";
import { compileFilterPattern } from "./evaluator";
import { parseFilterPattern } from "./parser";

export interface TestMetricFilterInput {
  readonly filterPattern: string;
  readonly logEventMessages: readonly string[];
}

export interface TestMetricFilterMatch {
  readonly eventNumber: number;
  readonly eventMessage: string;
  readonly extractedValues: Readonly<Record<string, string>>;
}

export interface TestMetricFilterOutput {
  readonly matches: TestMetricFilterMatch[];
}

export const MIN_LOG_EVENT_MESSAGES = 1;
export const MAX_LOG_EVENT_MESSAGES = 50;

/**
 * Runs the pattern over the messages. Throws FilterPatternError for an invalid pattern and
 * TestMetricFilterInputError for input outside the API limits.
 */
export function testMetricFilter(input: TestMetricFilterInput): TestMetricFilterOutput {
  validateMessages(input.logEventMessages);
  const matcher = compileFilterPattern(parseFilterPattern(input.filterPattern));
  const matches: TestMetricFilterMatch[] = [];
  input.logEventMessages.forEach((eventMessage, index) => {
    const result = matcher.evaluate(eventMessage);
    if (result.matched) matches.push({ eventNumber: index + 1, eventMessage, extractedValues: result.extractedValues });
  });
  return { matches };
}

function validateMessages(messages: readonly string[]): void {
  if (!Array.isArray(messages)) throw new TestMetricFilterInputError("logEventMessages must be a list of strings.");
  if (messages.length < MIN_LOG_EVENT_MESSAGES || messages.length > MAX_LOG_EVENT_MESSAGES) {
    throw new TestMetricFilterInputError(
      `1 validation error detected: Value at 'logEventMessages' failed to satisfy constraint: ` +
        `Member must have length between ${MIN_LOG_EVENT_MESSAGES} and ${MAX_LOG_EVENT_MESSAGES} (got ${messages.length} messages)`
    );
  }
  messages.forEach((message, index) => {
    if (typeof message !== "string" || message.length < 1) {
      throw new TestMetricFilterInputError(
        `1 validation error detected: Value at 'logEventMessages.${index + 1}.member' failed to satisfy constraint: ` +
          `Member must have length greater than or equal to 1`
      );
    }
  });
}
