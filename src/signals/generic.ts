import { FilterPattern } from "../patterns";
import type { WorkloadKindCatalogue } from "./types";

/**
 * Plain error-count monitoring for any text log. The `errors` preset is the product's original
 * design done right: the term `ERROR` counted into `ErrorOccurrences`, alarm on Sum over 5 minutes
 * > 100. A term pattern cannot carry dimensions, so the alarm watches the metric with none, and a
 * quiet log (no datapoints) is not a breach.
 */
export const genericCatalogue: WorkloadKindCatalogue = {
  kind: "generic",
  title: "Any application log",
  logFormatSource: "free text; the sample lines follow Python logging's default `%(asctime)s %(levelname)s %(message)s`",
  signals: [
    {
      id: "errors",
      title: "Error lines",
      pattern: FilterPattern.allTerms("ERROR"),
      metric: { name: "ErrorOccurrences", unit: "Count", value: "1" },
      alarm: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 100,
        period: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
        severity: "critical",
      },
      runbook: "Open the log group in Logs Insights, filter on ERROR, and group by message to find the dominant failure.",
      samples: {
        matching: [
          { line: "2026-11-24 06:31:07,412 ERROR inference failed: upstream model timed out after 30s", value: 1 },
          { line: "2026-11-24 06:31:09,001 ERROR [worker-3] batch 42 rejected: payload too large", value: 1 },
        ],
        nonMatching: [
          "2026-11-24 06:31:07,412 INFO request served in 182 ms",
          "2026-11-24 06:31:08,100 WARNING retrying request (attempt 2 of 3)",
          "2026-11-24 06:31:08,100 error: lower-case words do not match, the pattern is case-sensitive",
        ],
      },
    },
  ],
  queries: [
    {
      id: "top-errors",
      title: "Most frequent ERROR lines",
      query: "filter @message like /ERROR/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    },
  ],
  queryFields: [],
};
