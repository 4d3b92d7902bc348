import {
  extractMetric,
  MetricTransformationError,
  MetricTransformationSpec,
  parseFilterPattern,
  parseValueReference,
  validateMetricTransformation,
} from "../../src/patterns";

const json = parseFilterPattern("{ $.latency = * }");
const space = parseFilterPattern("[ip, user, status, bytes, latency]");
const terms = parseFilterPattern("ERROR");

const problems = (pattern: string, spec: MetricTransformationSpec): string[] =>
  validateMetricTransformation(parseFilterPattern(pattern), spec);

describe("validateMetricTransformation", () => {
  test.each<[string, string, MetricTransformationSpec]>([
    ["a constant with a term pattern", "ERROR", { metricValue: "1" }],
    ["a constant with a default value", "ERROR", { metricValue: "1", defaultValue: 0 }],
    ["a JSON selector with a JSON pattern", "{ $.latency = * }", { metricValue: "$.latency" }],
    ["a bracket selector", "{ $.v = 1 }", { metricValue: "$.['gen_ai.usage.output_tokens']" }],
    ["a named field with a space pattern", "[ip, user, status, bytes]", { metricValue: "$bytes" }],
    ["a numbered field covered by an ellipsis", "[..., status, bytes]", { metricValue: "$7" }],
    ["a numbered field of []", "[]", { metricValue: "$3" }],
    ["an unnamed slot by number", "[a, , c]", { metricValue: "$2" }],
    ["three dimensions", "{ $.a = 1 }", { metricValue: "1", dimensions: { A: "$.a", B: "$.b", C: "$.c.d" } }],
    ["space dimensions", "[model, status, ms]", { metricValue: "$ms", dimensions: { Model: "$model" } }],
  ])("accepts %s", (_what, pattern, spec) => {
    expect(problems(pattern, spec)).toEqual([]);
  });

  test.each<[string, string, MetricTransformationSpec, RegExp]>([
    ["an empty metric value", "ERROR", { metricValue: "" }, /must not be empty/],
    ["a metric value over 100 characters", "ERROR", { metricValue: "1".repeat(101) }, /at most 100 characters/],
    ["a selector with a term pattern", "ERROR", { metricValue: "$.latency" }, /needs a JSON pattern/],
    ["a field with a JSON pattern", "{ $.a = 1 }", { metricValue: "$bytes" }, /space-delimited field/],
    [
      "a wildcard selector as the value",
      "{ $.a = 1 }",
      { metricValue: "$.items[*].value" },
      /metric value \$\.items\[\*\]\.value must be a valid number/,
    ],
    ["text that is no reference", "{ $.a = 1 }", { metricValue: "latency" }, /is not a number, a JSON selector/],
    ["an undeclared field (AWS accepts it but never publishes)", "[a, b]", { metricValue: "$missing" }, /never publishes/],
    ["a numbered field that is a named one", "[a, b]", { metricValue: "$2" }, /named 'b'/],
    ["a numbered field beyond the pattern", "[a, b]", { metricValue: "$3" }, /beyond the 2 fields/],
    ["dimensions on a term pattern", "ERROR", { metricValue: "1", dimensions: { A: "$a" } }, /only supported with JSON or space-delimited/],
    [
      "four dimensions",
      "{ $.a = 1 }",
      { metricValue: "1", dimensions: { A: "$.a", B: "$.b", C: "$.c", D: "$.d" } },
      /at most 3 dimensions/,
    ],
    [
      "a default value with dimensions (Open question 3)",
      "{ $.a = 1 }",
      { metricValue: "1", defaultValue: 0, dimensions: { A: "$.a" } },
      /cannot be combined/,
    ],
    [
      "a wildcard dimension",
      "{ $.a = 1 }",
      { metricValue: "1", dimensions: { A: "$.items[*].a" } },
      /dimension value must be valid selector/,
    ],
    ["a constant dimension", "{ $.a = 1 }", { metricValue: "1", dimensions: { A: "7" } }, /must name a field/],
    ["an infinite default value", "ERROR", { metricValue: "1", defaultValue: Infinity }, /finite number/],
  ])("reports %s", (_what, pattern, spec, expected) => {
    const found = problems(pattern, spec);
    expect(found.some((p) => expected.test(p))).toBe(true);
  });
});

describe("parseValueReference", () => {
  test.each([
    ["1", { type: "literal", value: 1 }],
    ["29.5", { type: "literal", value: 29.5 }],
    ["$bytes", { type: "field", key: "$bytes" }],
    ["$7", { type: "field", key: "$7" }],
    ["$.a[*]", { type: "invalid", reason: "wildcard" }],
    ["$..a", { type: "invalid", reason: "syntax" }],
    ["bytes", { type: "invalid", reason: "syntax" }],
  ])("%j", (text, expected) => {
    expect(parseValueReference(text)).toMatchObject(expected);
  });
});

describe("extractMetric", () => {
  test("a JSON number is published as is (the documented $.latency example publishes 50)", () => {
    expect(extractMetric(json, { metricValue: "$.latency" }, '{"latency": 50, "requestType": "GET"}')).toEqual({
      matched: true,
      value: 50,
      dimensions: {},
    });
  });

  test("a JSON string holding a number is read as that number", () => {
    const ast = parseFilterPattern("{ $.v = * }");
    expect(extractMetric(ast, { metricValue: "$.v" }, '{"v":"11.5"}').value).toBe(11.5);
  });

  test("a non-numeric or missing value publishes no datapoint although the event matched", () => {
    const ast = parseFilterPattern("{ $.kind = * }");
    expect(extractMetric(ast, { metricValue: "$.v" }, '{"kind":"x","v":"banana"}')).toEqual({ matched: true, value: null, dimensions: {} });
    expect(extractMetric(ast, { metricValue: "$.v" }, '{"kind":"x"}').value).toBeNull();
    expect(extractMetric(ast, { metricValue: "$.v" }, '{"kind":"x","v":true}').value).toBeNull();
  });

  test("a constant is published once per matching event", () => {
    expect(extractMetric(terms, { metricValue: "1" }, "ERROR ERROR ERROR")).toEqual({ matched: true, value: 1, dimensions: {} });
  });

  test("space fields: named and numbered, quoted values stripped before reading the number", () => {
    const line = '10.0.0.1 alice 200 5120 "17.5"';
    expect(extractMetric(space, { metricValue: "$bytes" }, line).value).toBe(5120);
    expect(extractMetric(space, { metricValue: "$latency" }, line).value).toBe(17.5);
    const anyFields = parseFilterPattern("[]");
    expect(extractMetric(anyFields, { metricValue: "$4" }, line).value).toBe(5120);
  });

  test("an undeclared field is accepted but publishes nothing", () => {
    expect(extractMetric(space, { metricValue: "$missing" }, "10.0.0.1 alice 200 5120 3").value).toBeNull();
  });

  test("the last space field taking the rest of the line is not a number: no datapoint", () => {
    const ast = parseFilterPattern("[ip, bytes]");
    expect(extractMetric(ast, { metricValue: "$bytes" }, "10.0.0.1 1534 extra")).toEqual({ matched: true, value: null, dimensions: {} });
  });

  test("the default value is published for every non-matching event (Open question 2: never for matching ones)", () => {
    const ast = parseFilterPattern('{ $.status = "error" }');
    const spec = { metricValue: "$.cost", defaultValue: 3 };
    expect(extractMetric(ast, spec, '{"status":"ok"}')).toEqual({ matched: false, value: 3, dimensions: {} });
    expect(extractMetric(ast, spec, "not json")).toEqual({ matched: false, value: 3, dimensions: {} });
    expect(extractMetric(ast, spec, '{"status":"error"}').value).toBeNull();
    // One match worth 5 and fourteen non-matches with default 3: Sum 47 over 15 samples.
    const events = ['{"status":"error","cost":5}', ...Array.from({ length: 14 }, () => '{"status":"ok"}')];
    const values = events.map((e) => extractMetric(ast, spec, e).value).filter((v): v is number => v !== null);
    expect(values.length).toBe(15);
    expect(values.reduce((a, b) => a + b, 0)).toBe(47);
  });

  test("without a default value, non-matching events publish nothing", () => {
    expect(extractMetric(terms, { metricValue: "1" }, "INFO").value).toBeNull();
  });

  test("dimensions take the text of the selected value (a number as it is spelled)", () => {
    const ast = parseFilterPattern("{ $.latency > 0 }");
    const spec = { metricValue: "$.latency", dimensions: { Model: "$.model", Shard: "$.shard" } };
    expect(extractMetric(ast, spec, '{"latency":120,"model":"gpt-4o","shard":1.50}')).toEqual({
      matched: true,
      value: 120,
      dimensions: { Model: "gpt-4o", Shard: "1.50" },
    });
  });

  test("space dimensions", () => {
    const ast = parseFilterPattern("[model, status = 5*, ms]");
    expect(extractMetric(ast, { metricValue: "$ms", dimensions: { Model: "$model" } }, "llama 503 812")).toEqual({
      matched: true,
      value: 812,
      dimensions: { Model: "llama" },
    });
  });

  test("a missing dimension value means no datapoint", () => {
    const ast = parseFilterPattern("{ $.latency > 0 }");
    expect(extractMetric(ast, { metricValue: "$.latency", dimensions: { Model: "$.model" } }, '{"latency":120}').value).toBeNull();
  });

  test("an unreadable reference throws a typed error", () => {
    expect(() => extractMetric(json, { metricValue: "latency" }, '{"latency":1}')).toThrow(MetricTransformationError);
  });
});
