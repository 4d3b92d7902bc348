import { validateInsightsQuery } from "../../src/signals/insights-query";

const fields = ["modelId", "latencyMs", "errorCode"];

describe("Logs Insights query checks", () => {
  it.each([
    ["fields @timestamp, @message | sort @timestamp desc | limit 20"],
    ["filter ispresent(errorCode) | stats count(*) as failures by errorCode, modelId | sort failures desc | limit 20"],
    ["stats pct(latencyMs, 90) as p90, avg(latencyMs) by bin(5m) as t | sort t"],
    ['parse @message "took * ms" as took | filter took > 100 | display @timestamp, took'],
    ["parse @message /user=(?<user>\\w+)/ | stats count(*) by user"],
    ["SOURCE '/acme/prod/chat' | filter @message like /ERROR|Error/ | limit 5"],
    ["filter `modelId` = 'a' and not (latencyMs < 10) | fields concat(modelId, '-', errorCode) as key | dedup key"],
  ])("accepts %s", (query) => {
    expect(validateInsightsQuery(query, fields)).toEqual([]);
  });

  it.each([
    ["fields @timestamp |", ["stage 2 is empty (a '|' with nothing after it, or two '|' in a row)"]],
    ["select modelId", ["stage 1: unknown command 'select'; valid: fields, display, filter, filterIndex, stats, sort, limit, parse, dedup, pattern, diff, unmask, unnest, anomaly"]],
    ["fields @timestamp | SOURCE '/x'", ["stage 2: SOURCE is only allowed as the first stage"]],
    ["filter modelID = 'a'", ["stage 1 (filter): unknown field 'modelID'; known here: @timestamp, @message, @logStream, @log, @ingestionTime, @ptr, modelId, latencyMs, errorCode"]],
    ["stats count(*) as n by modelId | sort latencyMs desc", ["stage 2 (sort): unknown field 'latencyMs'; known here: n, modelId"]],
    ["stats percentile(latencyMs, 90) by modelId", ["stage 1 (stats): unknown function 'percentile'"]],
    ["stats by modelId", ["stage 1 (stats): stats needs at least one aggregate function"]],
    ["limit 0", ["stage 1 (limit): limit takes one whole number from 1 to 10000"]],
    ["limit 20000", ["stage 1 (limit): limit takes one whole number from 1 to 10000"]],
    ['parse @message "took * ms"', ["stage 1 (parse): parse with a glob string needs 'as' and the names of its fields"]],
    ["filter @message like 'x", ["unterminated string starting at offset 21"]],
    ["filter (latencyMs > 1", ["unbalanced parentheses: a '(' is never closed"]],
    ["filter latencyMs > 1 # comment", ["unexpected character '#' at offset 21"]],
  ])("rejects %s", (query, problems) => {
    expect(validateInsightsQuery(query, fields)).toEqual(problems);
  });
});
