/**
 * Parser for JSON patterns (reference §5.1):
 *
 *   expr := and ('||' and)*        and := prim ('&&' prim)*        prim := '(' expr ')' | cond
 *   cond := sel ('=' | '!=') value | sel ('<' | '<=' | '>' | '>=') number
 *         | sel 'IS' ('NULL' | 'TRUE' | 'FALSE') | sel 'NOT' 'EXISTS'
 *
 * Error messages copy what AWS returned: a grammar error is `Invalid metric filter pattern`, but a
 * wrong token after `IS` or after a relational operator is `Invalid character(s) in term '<it>'`
 * (`IS NOT NULL` → `'NOT'`, `> "Alpha"` → `'"Alpha"'`). The literal `null` is rejected; bare `true`
 * and `false` are strings. Keywords are upper case only (lower-case `is null` is rejected).
 */
import { JsonAst, JsonCondition, JsonExpression, JsonSelector, JsonValue, RelationalOperator, selectorHasWildcard } from "./ast";
import { FilterPatternError, MAX_WILDCARD_SELECTORS } from "./errors";
import { JsonToken, lexJsonBody } from "./json-lexer";
import { isDecimalNumber } from "./number-text";
import { compileRegex } from "./regex";

/** Words that cannot be bare string values (they are keywords, or the rejected `null`). */
const RESERVED_VALUES = new Set(["null", "NULL", "IS", "NOT", "EXISTS", "TRUE", "FALSE"]);
const RELATIONAL: ReadonlySet<string> = new Set(["<", "<=", ">", ">="]);

/** Parses a trimmed pattern that starts with `{`. */
export function parseJsonPattern(text: string): JsonAst {
  if (!text.endsWith("}") || text.length < 2) throw FilterPatternError.unbalancedBrace();
  const parser = new JsonParser(lexJsonBody(text.slice(1, -1)));
  const expression = parser.parse();
  if (countWildcardSelectors(expression) > MAX_WILDCARD_SELECTORS) throw FilterPatternError.tooManyWildcardSelectors();
  return { kind: "json", expression };
}

function countWildcardSelectors(e: JsonExpression): number {
  if (e.type === "and" || e.type === "or") return e.operands.reduce((sum, o) => sum + countWildcardSelectors(o), 0);
  return selectorHasWildcard(e.selector) ? 1 : 0;
}

/** The source text of a token, for error messages. */
function tokenText(token: JsonToken): string {
  return "text" in token ? token.text : token.t;
}

class JsonParser {
  private pos = 0;

  public constructor(private readonly tokens: readonly JsonToken[]) {}

  public parse(): JsonExpression {
    const expression = this.parseOr();
    if (this.pos !== this.tokens.length) throw FilterPatternError.invalidPattern();
    return expression;
  }

  private peek(): JsonToken | undefined {
    return this.tokens[this.pos];
  }

  private next(): JsonToken | undefined {
    return this.tokens[this.pos++];
  }

  private parseOr(): JsonExpression {
    const operands = [this.parseAnd()];
    while (this.peek()?.t === "||") {
      this.pos++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0] : { type: "or", operands };
  }

  private parseAnd(): JsonExpression {
    const operands = [this.parsePrimary()];
    while (this.peek()?.t === "&&") {
      this.pos++;
      operands.push(this.parsePrimary());
    }
    return operands.length === 1 ? operands[0] : { type: "and", operands };
  }

  private parsePrimary(): JsonExpression {
    const token = this.next();
    if (token?.t === "(") {
      const inner = this.parseOr();
      if (this.next()?.t !== ")") throw FilterPatternError.invalidPattern();
      return inner;
    }
    if (token?.t === "selector") return this.parseCondition(token.selector);
    throw FilterPatternError.invalidPattern();
  }

  private parseCondition(selector: JsonSelector): JsonCondition {
    const op = this.next();
    if (op?.t === "=" || op?.t === "!=") return { type: "equality", selector, op: op.t, value: this.parseValue() };
    if (op && RELATIONAL.has(op.t)) return this.parseRelational(selector, op.t as RelationalOperator);
    if (op?.t === "word" && op.text === "IS") return this.parseIs(selector);
    if (op?.t === "word" && op.text === "NOT") {
      const word = this.next();
      if (word?.t === "word" && word.text === "EXISTS") return { type: "notExists", selector };
    }
    throw FilterPatternError.invalidPattern();
  }

  private parseRelational(selector: JsonSelector, op: RelationalOperator): JsonCondition {
    const token = this.next();
    if (token?.t === "word" && isDecimalNumber(token.text)) {
      return { type: "relational", selector, op, value: Number(token.text), text: token.text };
    }
    throw this.unexpectedOperand(token);
  }

  private parseIs(selector: JsonSelector): JsonCondition {
    const token = this.next();
    if (token?.t === "word") {
      if (token.text === "NULL") return { type: "isNull", selector };
      if (token.text === "TRUE" || token.text === "FALSE") return { type: "isBoolean", selector, value: token.text === "TRUE" };
    }
    throw this.unexpectedOperand(token);
  }

  /** A value-like token in the wrong place is a "term" error; anything else is a grammar error. */
  private unexpectedOperand(token: JsonToken | undefined): FilterPatternError {
    if (token && (token.t === "word" || token.t === "string" || token.t === "regex" || token.t === "selector")) {
      return FilterPatternError.invalidCharacters(tokenText(token));
    }
    return FilterPatternError.invalidPattern();
  }

  private parseValue(): JsonValue {
    const token = this.next();
    switch (token?.t) {
      case "string":
        return token.value === "*" ? { type: "any" } : { type: "string", value: token.value };
      case "regex":
        compileRegex(token.source);
        return { type: "regex", source: token.source };
      case "word":
        if (token.text === "*") return { type: "any" };
        if (RESERVED_VALUES.has(token.text)) throw FilterPatternError.invalidPattern();
        if (isDecimalNumber(token.text)) return { type: "number", value: Number(token.text), text: token.text };
        return { type: "string", value: token.text };
      default:
        throw FilterPatternError.invalidPattern();
    }
  }
}
