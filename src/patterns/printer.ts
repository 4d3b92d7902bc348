/**
 * Renders a pattern tree as canonical filter-pattern text that `parseFilterPattern` reads back to
 * an equivalent tree: one space between terms and around operators, strings always double-quoted
 * (so a value such as `SPACE` or `true` needs no special casing), numbers as originally spelled
 * (their spelling matters when compared with JSON strings), and parentheses only around an `||`
 * inside an `&&`. Printing is a fixed point: `print(parse(print(x))) === print(x)`.
 */
import {
  FieldExpression,
  FieldValue,
  FilterPatternAst,
  JsonCondition,
  JsonExpression,
  JsonSelector,
  JsonValue,
  SpaceEntry,
  Term,
} from "./ast";
import { FilterPatternError } from "./errors";
import { quoteLiteral } from "./lexer-utils";
import { isBareTerm } from "./terms-parser";

export function printFilterPattern(ast: FilterPatternAst): string {
  switch (ast.kind) {
    case "all":
      return "";
    case "regex":
      return `%${ast.source}%`;
    case "terms":
      return ast.terms.map(printTerm).join(" ");
    case "json":
      return `{ ${printJsonExpression(ast.expression, false)} }`;
    case "space":
      return `[${ast.entries.map(printEntry).join(", ")}]`;
  }
}

const PREFIX = { required: "", optional: "?", excluded: "-" } as const;

function printTerm(term: Term): string {
  const body = term.type === "regex" ? `%${term.source}%` : isBareTerm(term.text) ? term.text : quoteLiteral(term.text);
  return PREFIX[term.mode] + body;
}

export function printSelector(selector: JsonSelector): string {
  let out = "$";
  for (const step of selector.steps) {
    if (step.type === "member") out += step.bracket ? `.['${step.name}']` : `.${step.name}`;
    else if (step.type === "index") out += `[${step.index}]`;
    else out += step.form;
  }
  return out;
}

function printJsonExpression(e: JsonExpression, insideAnd: boolean): string {
  if (e.type === "or") {
    const text = e.operands.map((o) => printJsonExpression(o, false)).join(" || ");
    return insideAnd ? `(${text})` : text;
  }
  if (e.type === "and") return e.operands.map((o) => printJsonExpression(o, true)).join(" && ");
  return printJsonCondition(e);
}

function printJsonCondition(c: JsonCondition): string {
  const selector = printSelector(c.selector);
  switch (c.type) {
    case "equality":
      return `${selector} ${c.op} ${printJsonValue(c.value)}`;
    case "relational":
      return `${selector} ${c.op} ${c.text}`;
    case "isNull":
      return `${selector} IS NULL`;
    case "isBoolean":
      return `${selector} IS ${c.value ? "TRUE" : "FALSE"}`;
    case "notExists":
      return `${selector} NOT EXISTS`;
  }
}

function printJsonValue(value: JsonValue): string {
  switch (value.type) {
    case "any":
      return "*";
    case "number":
      return value.text;
    case "string":
      return quoteLiteral(value.value);
    case "regex":
      return `%${value.source}%`;
  }
}

function printEntry(entry: SpaceEntry): string {
  if (entry.type === "ellipsis") return "...";
  if (entry.type === "unnamed") return "";
  return entry.condition ? printFieldExpression(entry.name, entry.condition, false) : entry.name;
}

/** Space-delimited slots have no parentheses, so an `||` cannot sit inside an `&&`. */
function printFieldExpression(name: string, e: FieldExpression, insideAnd: boolean): string {
  if (e.type === "or") {
    if (insideAnd) throw FilterPatternError.builder(`Field '${name}': an || inside an && cannot be written in a space-delimited pattern.`);
    return e.operands.map((o) => printFieldExpression(name, o, false)).join(" || ");
  }
  if (e.type === "and") return e.operands.map((o) => printFieldExpression(name, o, true)).join(" && ");
  if (e.type === "relational") return `${name} ${e.op} ${e.text}`;
  return `${name} ${e.op} ${printFieldValue(e.value)}`;
}

function printFieldValue(value: FieldValue): string {
  if (value.type === "number") return value.text;
  if (value.type === "regex") return `%${value.source}%`;
  return quoteLiteral(value.value);
}
