import { renderTemplate, repairHcl, unwrapInterpolationOnly } from "../../src/terraform/hcl-repair";

/** The repairs of cdktf 0.21's HCL output, on the shapes it really produces. */
describe("HCL repair", () => {
  test("a `terraform` attribute rendered by index gets its name and JSON value back", () => {
    const hcl = ['terraform {', '  required_providers {', '    aws = { source = "hashicorp/aws" }', "  }", '  0 = "required_version"', "}"].join("\n");
    const { text, repairs } = repairHcl(hcl, { terraform: { required_version: ">= 1.10" } });
    expect(text.split("\n")[4]).toBe('  required_version = ">= 1.10"');
    expect(repairs).toEqual([{ path: "terraform.required_version", line: 5 }]);
  });

  test("a JSON policy holding a reference is re-rendered with escaped quotes and the reference intact", () => {
    const policy = '{"Resource":"${aws_sns_topic.alerts.arn}","Sid":"A"}';
    const broken = ['resource "aws_sns_topic_policy" "alerts" {', '  arn    = "${aws_sns_topic.alerts.arn}"', `  policy = "${policy}"`, "}"].join("\n");
    const { text, repairs } = repairHcl(broken, { resource: { aws_sns_topic_policy: { alerts: { arn: "${aws_sns_topic.alerts.arn}", policy } } } });
    expect(text.split("\n")[2]).toBe('  policy = "{\\"Resource\\":\\"${aws_sns_topic.alerts.arn}\\",\\"Sid\\":\\"A\\"}"');
    expect(repairs.map((r) => r.path)).toEqual(["resource.aws_sns_topic_policy.alerts.policy"]);
  });

  test("nested and repeated blocks find their JSON, multi-line values are skipped", () => {
    const hcl = [
      'resource "aws_x" "y" {',
      "  tags = {",
      '    a = "b"',
      "  }",
      "  rule {",
      '    v = "first"',
      "  }",
      "  rule {",
      '    v = "${x}"',
      "  }",
      "}",
    ].join("\n");
    const json = { resource: { aws_x: { y: { tags: { a: "b" }, rule: [{ v: "first" }, { v: '{"k":"${aws_a.b.c}"}' }] } } } };
    const { text } = repairHcl(hcl, json);
    expect(text.split("\n")[8]).toBe('    v = "{\\"k\\":\\"${aws_a.b.c}\\"}"');
  });

  test("templates keep ${...} and %{...} as they are and escape the literal parts", () => {
    expect(renderTemplate('say "hi" to ${var.name == "x" ? "a" : "b"}\n')).toBe('"say \\"hi\\" to ${var.name == "x" ? "a" : "b"}\\n"');
    expect(renderTemplate("c:\\path $${literal}")).toBe('"c:\\\\path $${literal}"');
  });

  test("interpolation-only strings are unwrapped as terraform fmt does, escaped ones inside strings are not", () => {
    expect(unwrapInterpolationOnly('  arn = "${aws_sns_topic.a.arn}"')).toBe("  arn = aws_sns_topic.a.arn");
    expect(unwrapInterpolationOnly('  ids = ["${a.b.c}", "${d.e.f}"]')).toBe("  ids = [a.b.c, d.e.f]");
    const policy = '  policy = "{\\"Resource\\":\\"${aws_sns_topic.a.arn}\\"}"';
    expect(unwrapInterpolationOnly(policy)).toBe(policy);
    expect(unwrapInterpolationOnly('  name = "prefix-${a.b.c}"')).toBe('  name = "prefix-${a.b.c}"');
  });

  test("backslashes cdktf leaves unescaped (a Logs Insights regex) are escaped", () => {
    const query = 'filter @message like /HTTP\\/1.1" 5\\d\\d/';
    const hcl = ['resource "aws_cloudwatch_query_definition" "q" {', `  query_string = "${query.replace(/"/g, '\\"')}"`, "}"].join("\n");
    const { text } = repairHcl(hcl, { resource: { aws_cloudwatch_query_definition: { q: { query_string: query } } } });
    expect(text.split("\n")[1]).toBe('  query_string = "filter @message like /HTTP\\\\/1.1\\" 5\\\\d\\\\d/"');
  });

  test("depends_on entries become references instead of quoted addresses", () => {
    const hcl = ['resource "aws_x" "y" {', "  depends_on = [", '    "aws_cloudwatch_log_metric_filter.a",', '    "module.m",', "  ]", '  name = "n"', "}"].join("\n");
    const { text } = repairHcl(hcl, { resource: { aws_x: { y: { name: "n" } } } });
    expect(text.split("\n").slice(1, 6)).toEqual(["  depends_on = [", "    aws_cloudwatch_log_metric_filter.a,", "    module.m,", "  ]", '  name = "n"']);
  });
});

