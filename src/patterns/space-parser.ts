/**
 * Parser for space-delimited patterns `[ … ]` (reference §6.1).
 *
 * Entries are separated by commas; each is a name, `...` (at most once), nothing (an unnamed
 * slot such as the last one of `[a, b,]`) or conditions on one field joined by `&&` / `||`
 * (`&&` binding tighter, an assumption). A condition naming another field in the same slot, and
 * an unknown operator, give `Invalid metric filter pattern`; a repeated name or a second `...`
 * gives `Duplicate field '<name>'`.
 *
 * Open question 5 of the reference: AWS rejected `[w1=SPACE, w2, w3]` but accepted
 * `[kind = "SPACE", …]` and `[w1=ERROR, w2]`. The cause is unknown; we reproduce the observation
 * by rejecting the bare value `SPACE` only. Quoting avoids it (the builder always quotes).
 */
import { FieldExpression, FieldValue, RelationalOperator, SpaceDelimitedAst, SpaceEntry } from "./ast";
import { FilterPatternError } from "./errors";
import { isBareWordChar } from "./json-lexer";
import { isPatternSpace, readQuoted, readRegex } from "./lexer-utils";
import { isDecimalNumber } from "./number-text";
import { compileRegex } from "./regex";

type SpaceToken =
  | { readonly t: "," | "&&" | "||" | "=" | "!=" | "<" | "<=" | ">" | ">=" }
  | { readonly t: "string"; readonly value: string; readonly text: string }
  | { readonly t: "regex"; readonly source: string; readonly text: string }
  | { readonly t: "word"; readonly text: string };

const OPERATORS = ["&&", "||", "!=", "<=", ">=", ",", "=", "<", ">"] as const;
const RELATIONAL: ReadonlySet<string> = new Set(["<", "<=", ">", ">="]);
/** Bare values AWS was seen to reject (see Open question 5 above). */
const REJECTED_BARE_VALUES: ReadonlySet<string> = new Set(["SPACE"]);
const ELLIPSIS = "...";

/** A field name: letters, digits, `_` and `-`, not only digits (that would clash with `$N`). */
export function isValidFieldName(name: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(name) && !/^\d+$/.test(name);
}

/** Parses a trimmed pattern that starts with `[`. */
export function parseSpacePattern(text: string): SpaceDelimitedAst {
  if (!text.endsWith("]") || text.length < 2) throw FilterPatternError.invalidPattern();
  const tokens = lexSpaceBody(text.slice(1, -1));
  if (tokens.length === 0) return { kind: "space", entries: [] };
  const entries: SpaceEntry[] = [];
  const seen = new Set<string>();
  for (const slot of splitOnCommas(tokens)) {
    const entry = parseEntry(slot);
    const key = entry.type === "field" ? entry.name : entry.type === "ellipsis" ? ELLIPSIS : undefined;
    if (key !== undefined) {
      if (seen.has(key)) throw FilterPatternError.duplicateField(key);
      seen.add(key);
    }
    entries.push(entry);
  }
  return { kind: "space", entries };
}

function lexSpaceBody(body: string): SpaceToken[] {
  const tokens: SpaceToken[] = [];
  let i = 0;
  while (i < body.length) {
    const code = body.charCodeAt(i);
    if (isPatternSpace(code)) {
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => body.startsWith(o, i));
    if (op) {
      tokens.push({ t: op });
      i += op.length;
    } else if (body[i] === '"') {
      const quoted = readQuoted(body, i);
      tokens.push({ t: "string", value: quoted.value, text: body.slice(i, quoted.end) });
      i = quoted.end;
    } else if (body[i] === "%") {
      const regex = readRegex(body, i);
      tokens.push({ t: "regex", source: regex.value, text: body.slice(i, regex.end) });
      i = regex.end;
    } else if (isBareWordChar(code)) {
      const start = i;
      while (i < body.length && isBareWordChar(body.charCodeAt(i))) i++;
      tokens.push({ t: "word", text: body.slice(start, i) });
    } else {
      throw FilterPatternError.invalidCharacters(body[i] === "!" ? body.slice(i, i + 2) : body[i]);
    }
  }
  return tokens;
}

function splitOnCommas(tokens: readonly SpaceToken[]): SpaceToken[][] {
  const slots: SpaceToken[][] = [[]];
  for (const token of tokens) {
    if (token.t === ",") slots.push([]);
    else slots[slots.length - 1].push(token);
  }
  return slots;
}

function parseEntry(tokens: readonly SpaceToken[]): SpaceEntry {
  if (tokens.length === 0) return { type: "unnamed" };
  const first = tokens[0];
  if (first.t !== "word") throw FilterPatternError.invalidPattern();
  if (tokens.length === 1) {
    if (first.text === ELLIPSIS) return { type: "ellipsis" };
    if (!isValidFieldName(first.text)) throw FilterPatternError.invalidPattern();
    return { type: "field", name: first.text };
  }
  const parser = new FieldConditionParser(tokens, first.text);
  return { type: "field", name: first.text, condition: parser.parse() };
}

/** Parses `name op value (&& | ||) name op value …` where every name is the slot's field. */
class FieldConditionParser {
  private pos = 0;

  public constructor(private readonly tokens: readonly SpaceToken[], private readonly name: string) {
    if (!isValidFieldName(name)) throw FilterPatternError.invalidPattern();
  }

  public parse(): FieldExpression {
    const expression = this.parseOr();
    if (this.pos !== this.tokens.length) throw FilterPatternError.invalidPattern();
    return expression;
  }

  private parseOr(): FieldExpression {
    const operands = [this.parseAnd()];
    while (this.tokens[this.pos]?.t === "||") {
      this.pos++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0] : { type: "or", operands };
  }

  private parseAnd(): FieldExpression {
    const operands = [this.parseCondition()];
    while (this.tokens[this.pos]?.t === "&&") {
      this.pos++;
      operands.push(this.parseCondition());
    }
    return operands.length === 1 ? operands[0] : { type: "and", operands };
  }

  private parseCondition(): FieldExpression {
    const name = this.tokens[this.pos++];
    if (name?.t !== "word" || name.text !== this.name) throw FilterPatternError.invalidPattern();
    const op = this.tokens[this.pos++];
    const operand = this.tokens[this.pos++];
    if (op?.t === "=" || op?.t === "!=") return { type: "equality", op: op.t, value: parseFieldValue(operand) };
    if (op && RELATIONAL.has(op.t)) {
      if (operand?.t === "word" && isDecimalNumber(operand.text)) {
        return { type: "relational", op: op.t as RelationalOperator, value: Number(operand.text), text: operand.text };
      }
      if (operand && "text" in operand) throw FilterPatternError.invalidCharacters(operand.text);
    }
    throw FilterPatternError.invalidPattern();
  }
}

function parseFieldValue(token: SpaceToken | undefined): FieldValue {
  switch (token?.t) {
    case "string":
      return { type: "string", value: token.value };
    case "regex":
      compileRegex(token.source);
      return { type: "regex", source: token.source };
    case "word":
      if (REJECTED_BARE_VALUES.has(token.text)) throw FilterPatternError.invalidPattern();
      if (isDecimalNumber(token.text)) return { type: "number", value: Number(token.text), text: token.text };
      return { type: "string", value: token.text };
    default:
      throw FilterPatternError.invalidPattern();
  }
}
