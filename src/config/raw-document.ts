import { CDKTF_TOKEN_MARKER_TEXT } from "../terraform/template-literals";
import { formatPath, type ConfigProblem } from "./errors";

/**
 * Checks of the parsed document before schema validation, over every key and value at any depth:
 * things no field may hold, whatever its type.
 */

/**
 * CloudWatch accepts metric values and thresholds between -2^360 and 2^360
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html). The bound
 * also keeps config numbers clear of the doubles cdktf uses to encode number tokens (about -1e289).
 */
export const MAX_CONFIG_NUMBER = 2 ** 360;

/**
 * Control characters other than tab and newline have no use in any field, and Terraform's template
 * scanner misreads what follows a lone carriage return (it stops evaluating escapes and references
 * there). Unpaired UTF-16 surrogates are not text at all: JSON for Terraform cannot carry them.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a string anywhere in the document, whatever the field; undefined when nothing. */
export function stringProblem(value: string): string | undefined {
  if (CDKTF_TOKEN_MARKER_TEXT.test(value)) return "must not contain the text '{TfToken[' (cdktf's marker for references); config values are data";
  const control = CONTROL_CHARACTER.exec(value);
  if (control) return `must not contain the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} (only tab and newline are allowed)`;
  if (UNPAIRED_SURROGATE.test(value)) return "must be valid Unicode text (it holds an unpaired surrogate)";
  return undefined;
}

/** Keys that would set an object's prototype instead of a field when the document becomes objects. */
const FORBIDDEN_KEYS = new Set(["__proto__"]);

export function checkRawDocument(document: unknown, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === "string") {
      const problem = stringProblem(value);
      if (problem) problems.push({ file, path: formatPath(path), message: problem });
    } else if (typeof value === "number") {
      if (!Number.isFinite(value) || Math.abs(value) > MAX_CONFIG_NUMBER) {
        problems.push({ file, path: formatPath(path), message: `must be a finite number between -2^360 and 2^360 (CloudWatch's range); found ${Number.isFinite(value) ? value : "a number too large to represent"}` });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) {
        const at = [...path, key];
        if (FORBIDDEN_KEYS.has(key)) problems.push({ file, path: formatPath(at), message: `'${key}' is not allowed as a key` });
        else if (stringProblem(key)) problems.push({ file, path: formatPath(at), message: `a key ${stringProblem(key)}` });
        else walk((value as Record<string, unknown>)[key], at);
      }
    }
  };
  walk(document, []);
  return problems;
}
