import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformLocal, TerraformOutput } from "cdktf";
import { stringProblem } from "../../src/config/raw-document";
import { ProductStack } from "../../src/stacks/product-stack";
import { offlineTerraformEnv, terraform } from "../../src/terraform/offline-plan";
import { escapeTemplateLiteral, unescapeTemplateLiteral } from "../../src/terraform/template-literals";
import { templateSequences, templateSequencesIn } from "../support/terraform-templates";
import { terraformGuard } from "../support/terraform-guard";

/** Strings rich in what Terraform templates care about: `$`, `%`, braces, quotes, backslashes. */
const templateish = fc.string({ unit: fc.constantFrom("$", "%", "{", "}", "$$", "${", "%{", '"', "\\", "a", " ", "\n", "é", "~", "\uE000", "D"), maxLength: 24 });
/** Any string config accepts (src/config/raw-document.ts rejects control characters and bad Unicode). */
const anyString = fc.oneof(templateish, fc.string({ maxLength: 24 }), fc.string({ unit: "binary", maxLength: 12 })).filter((s) => stringProblem(s) === undefined);

describe("escaping config strings for Terraform templates", () => {
  it("escapes every interpolation and directive start, and unescaping gives the literal back", () => {
    fc.assert(
      fc.property(anyString, (literal) => {
        const escaped = escapeTemplateLiteral(literal);
        expect(templateSequences(escaped)).toEqual([]);
        expect(unescapeTemplateLiteral(escaped)).toBe(literal);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves strings without template starts as they are", () => {
    for (const s of ["plain", "$5 and 50%", "{ $.level = \"ERROR\" }", "a$", "%", "}{"]) expect(escapeTemplateLiteral(s)).toBe(s);
  });
});

const { describePlans } = terraformGuard("the Terraform template round trip");

/**
 * The proof that matters: Terraform itself evaluates what a ProductStack synthesizes. Each output is a
 * random literal, or literal + a reference the product makes + literal; `terraform apply` (no provider,
 * no resources) and `terraform output -json` must give back exactly the literals around the value.
 */
describePlans("Terraform evaluates ProductStack strings to the config's literal values", () => {
  const work = mkdtempSync(join(tmpdir(), "ai-logs-templates-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("for 300 generated strings, alone and around a reference (incl. a literal ending in '$' before it)", () => {
    const cases = fc.sample(fc.tuple(anyString, anyString), { numRuns: 300, seed: 20261129 });
    cases.push(
      ["a$", "b"], ["$", "$"], ["${x}", "%{y}"], ["$${", "%%{"], ['${file("/etc/passwd")}', ""], ["}${", "}"],
      ["\uE000{", "\uE000D"], ["\uE000$", "\uE000"], ["-1.8881545897087626e+289", "1e5"],
    );
    const app = new App({ outdir: join(work, "cdktf.out") });
    class Stack extends ProductStack {}
    const stack = new Stack(app, "templates");
    const reference = new TerraformLocal(stack, "reference", "REF");
    const expected: Record<string, string> = {};
    cases.forEach(([before, after], i) => {
      new TerraformOutput(stack, `alone_${i}`, { value: before });
      new TerraformOutput(stack, `around_${i}`, { value: `${before}${reference.asString}${after}` });
      expected[`alone_${i}`] = before;
      expected[`around_${i}`] = `${before}REF${after}`;
    });
    app.synth();
    const dir = join(work, "cdktf.out", "stacks", "templates");
    const env = offlineTerraformEnv(work);
    terraform(dir, ["init", "-input=false", "-no-color"], env);
    terraform(dir, ["apply", "-auto-approve", "-input=false", "-no-color"], env);
    const outputs = JSON.parse(terraform(dir, ["output", "-json"], env)) as Record<string, { value: string }>;
    const actual = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
    expect(actual).toEqual(expected);
    // And the synthesized JSON holds no template sequence but the reference and the escaper's `${"$"}`.
    const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as unknown;
    const starts = new Set(templateSequencesIn(json).map((s) => s.sequence.text));
    expect([...starts].filter((s) => s !== "${local.reference}" && s !== '${"$"}')).toEqual([]);
  }, 120_000);
});
