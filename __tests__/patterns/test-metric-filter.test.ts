import { FilterPatternError, testMetricFilter, TestMetricFilterInputError } from "../../src/patterns";

describe("testMetricFilter", () => {
  test("the AWS CLI example: ERROR over two events matches the first, numbered 1", () => {
    expect(
      testMetricFilter({
        filterPattern: "ERROR",
        logEventMessages: ["[ERROR] Unknown error", "[INFO] everything is fine"],
      })
    ).toEqual({ matches: [{ eventNumber: 1, eventMessage: "[ERROR] Unknown error", extractedValues: {} }] });
  });

  test("the empty pattern numbers every event from 1", () => {
    const { matches } = testMetricFilter({ filterPattern: "", logEventMessages: ["a", "b", "c"] });
    expect(matches.map((m) => m.eventNumber)).toEqual([1, 2, 3]);
  });

  test("only space-delimited patterns extract values", () => {
    const messages = ['127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534'];
    expect(testMetricFilter({ filterPattern: '"GET /index.html"', logEventMessages: messages }).matches[0].extractedValues).toEqual({});
    expect(
      testMetricFilter({ filterPattern: "[..., status, bytes]", logEventMessages: messages }).matches[0].extractedValues
    ).toMatchObject({
      $status: "404",
      $bytes: "1534",
      $1: "127.0.0.1",
    });
  });

  test("a JSON pattern reports JSON matches with no extracted values", () => {
    const { matches } = testMetricFilter({
      filterPattern: '{ $.errorCode = "AccessDenied" }',
      logEventMessages: ['{"errorCode":"AccessDenied"}', '{"errorCode":"Throttling"}'],
    });
    expect(matches).toEqual([{ eventNumber: 1, eventMessage: '{"errorCode":"AccessDenied"}', extractedValues: {} }]);
  });

  test("an invalid pattern throws FilterPatternError", () => {
    expect(() => testMetricFilter({ filterPattern: "ERR*", logEventMessages: ["x"] })).toThrow(FilterPatternError);
  });

  test.each([
    ["no messages", []],
    ["51 messages", Array.from({ length: 51 }, () => "x")],
    ["an empty message", ["ok", ""]],
  ])("rejects %s", (_what, logEventMessages) => {
    expect(() => testMetricFilter({ filterPattern: "", logEventMessages })).toThrow(TestMetricFilterInputError);
  });

  test("accepts 50 messages", () => {
    expect(testMetricFilter({ filterPattern: "", logEventMessages: Array.from({ length: 50 }, () => "x") }).matches).toHaveLength(50);
  });
});
