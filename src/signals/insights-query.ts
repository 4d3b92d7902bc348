/**
 * Offline checks of CloudWatch Logs Insights queries: what can be known without running one.
 * Source: "CloudWatch Logs Insights language query syntax" (docs.aws.amazon.com/AmazonCloudWatch/
 * latest/logs/CWL_QuerySyntax.html) and its pages per command and function.
 *
 * Checked: quoting and parentheses balance; stages separated by `|`, none empty; every stage starts
 * with a known command (`SOURCE` only first); function names are known; every field a stage reads
 * exists at that point (system fields, the log format's fields, aliases made by `fields ... as`,
 * `parse ... as` and named regex groups); after `stats`, only its aliases and `by` fields exist;
 * `limit` takes a positive integer up to 10,000.
 * Not checked: types, the meaning of expressions, the regex dialect.
 */

export const SYSTEM_FIELDS = ["@timestamp", "@message", "@logStream", "@log", "@ingestionTime", "@ptr"] as const;

export const INSIGHTS_COMMANDS = [
  "fields", "display", "filter", "filterIndex", "stats", "sort", "limit", "parse", "dedup",
  "pattern", "diff", "unmask", "unnest", "anomaly",
] as const;

/** Functions usable in `fields`, `filter`, `stats` and `sort` expressions. */
export const INSIGHTS_FUNCTIONS = [
  // aggregation (stats)
  "avg", "count", "count_distinct", "max", "min", "pct", "stddev", "sum", "earliest", "latest", "sortsFirst", "sortsLast",
  // general, string, numeric, datetime, IP
  "ispresent", "coalesce", "isempty", "isblank", "concat", "ltrim", "rtrim", "trim", "strlen", "toupper", "tolower",
  "substr", "replace", "strcontains", "abs", "ceil", "floor", "greatest", "least", "log", "sqrt", "bin",
  "datefloor", "dateceil", "fromMillis", "toMillis", "isValidIp", "isValidIpV4", "isValidIpV6", "isIpInSubnet",
  "isIpv4InSubnet", "isIpv6InSubnet", "jsonParse", "unnest",
] as const;

const KEYWORDS = new Set(["and", "or", "not", "like", "in", "as", "by", "asc", "desc", "true", "false", "null"]);
const MAX_LIMIT = 10_000;

type Token =
  | { t: "ident"; v: string }
  | { t: "string"; v: string }
  | { t: "regex"; v: string }
  | { t: "number"; v: string }
  | { t: "op"; v: string }
  | { t: "pipe" };

/** Problems of `query`, or none; `fields` are the fields the log format carries. */
export function validateInsightsQuery(query: string, fields: readonly string[]): string[] {
  let tokens: Token[];
  try {
    tokens = tokenize(query);
  } catch (e) {
    return [(e as Error).message];
  }
  const stages = splitStages(tokens);
  const problems: string[] = [];
  let available = new Set<string>([...SYSTEM_FIELDS, ...fields]);
  stages.forEach((stage, i) => {
    const where = `stage ${i + 1}`;
    if (stage.length === 0) {
      problems.push(`${where} is empty (a '|' with nothing after it, or two '|' in a row)`);
      return;
    }
    const [head, ...rest] = stage;
    if (head.t !== "ident") {
      problems.push(`${where} must start with a command; found ${describe(head)}`);
      return;
    }
    if (head.v === "SOURCE") {
      if (i !== 0) problems.push(`${where}: SOURCE is only allowed as the first stage`);
      return;
    }
    if (!(INSIGHTS_COMMANDS as readonly string[]).includes(head.v)) {
      problems.push(`${where}: unknown command '${head.v}'; valid: ${INSIGHTS_COMMANDS.join(", ")}`);
      return;
    }
    const result = checkStage(head.v, rest, available);
    problems.push(...result.problems.map((p) => `${where} (${head.v}): ${p}`));
    available = result.available;
  });
  return problems;
}

function checkStage(command: string, args: Token[], available: Set<string>): { problems: string[]; available: Set<string> } {
  const problems: string[] = [];
  const next = new Set(available);
  const reads = (tokens: Token[]) => problems.push(...unknownReferences(tokens, available));
  switch (command) {
    case "limit": {
      const n = args.length === 1 && args[0].t === "number" ? Number(args[0].v) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) problems.push(`limit takes one whole number from 1 to ${MAX_LIMIT}`);
      break;
    }
    case "stats": {
      const byAt = args.findIndex((t) => t.t === "ident" && t.v === "by");
      const aggregates = byAt < 0 ? args : args.slice(0, byAt);
      const groups = byAt < 0 ? [] : args.slice(byAt + 1);
      if (aggregates.length === 0) problems.push("stats needs at least one aggregate function");
      reads(aggregates);
      reads(groups);
      // stats replaces the records: afterwards only its aliases and grouping fields exist.
      const after = new Set<string>([...aliases(aggregates), ...aliases(groups)]);
      for (const item of splitTopLevel(groups, ",")) {
        if (item.length === 1 && item[0].t === "ident") after.add(item[0].v);
      }
      return { problems, available: after };
    }
    case "parse": {
      const asAt = args.findIndex((t) => t.t === "ident" && t.v === "as");
      reads(asAt < 0 ? args : args.slice(0, asAt));
      const pattern = args.find((t) => t.t === "string" || t.t === "regex");
      if (!pattern) problems.push("parse needs a glob string or a regex after the field");
      if (asAt >= 0) {
        for (const t of args.slice(asAt + 1)) if (t.t === "ident") next.add(t.v);
      } else if (pattern?.t === "regex") {
        for (const m of pattern.v.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)) next.add(m[1]);
      } else {
        problems.push("parse with a glob string needs 'as' and the names of its fields");
      }
      break;
    }
    case "fields":
    case "display":
    case "filter":
    case "filterIndex":
    case "sort":
    case "dedup":
    case "unnest":
      if (args.length === 0) problems.push(`${command} needs at least one argument`);
      reads(args);
      for (const a of aliases(args)) next.add(a);
      break;
    default:
      // pattern, diff, unmask, anomaly: arguments are optional fields.
      reads(args);
  }
  return { problems, available: next };
}

/** Identifiers read as fields (not functions, keywords or names being defined after `as`). */
function unknownReferences(tokens: Token[], available: Set<string>): string[] {
  const problems: string[] = [];
  tokens.forEach((tok, i) => {
    if (tok.t !== "ident") return;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (KEYWORDS.has(tok.v.toLowerCase())) return;
    if (next?.t === "op" && next.v === "(") {
      if (!(INSIGHTS_FUNCTIONS as readonly string[]).includes(tok.v)) problems.push(`unknown function '${tok.v}'`);
      return;
    }
    if (prev?.t === "ident" && prev.v === "as") return;
    if (!available.has(tok.v)) problems.push(`unknown field '${tok.v}'; known here: ${[...available].join(", ")}`);
  });
  return problems;
}

function aliases(tokens: Token[]): string[] {
  return tokens.flatMap((t, i) => (t.t === "ident" && tokens[i - 1]?.t === "ident" && (tokens[i - 1] as { v: string }).v === "as" ? [t.v] : []));
}

function splitStages(tokens: Token[]): Token[][] {
  const stages: Token[][] = [[]];
  for (const t of tokens) {
    if (t.t === "pipe") stages.push([]);
    else stages[stages.length - 1].push(t);
  }
  return stages;
}

function splitTopLevel(tokens: Token[], separator: string): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.t === "op" && t.v === "(") depth++;
    if (t.t === "op" && t.v === ")") depth--;
    if (depth === 0 && t.t === "op" && t.v === separator) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts;
}

function describe(t: Token): string {
  return t.t === "pipe" ? "'|'" : `${t.t} '${t.v}'`;
}

const IDENT_START = /[@A-Za-z_]/;
const IDENT_PART = /[@A-Za-z0-9_.]/;
const TWO_CHAR_OPS = ["!=", "<=", ">=", "=~"];

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  let stageStart = 0;
  const regexAllowed = () => {
    const prev = tokens[tokens.length - 1];
    // `parse <field> /regex/`: the regex follows the field.
    const afterParseField = tokens.length - stageStart === 2 && tokens[stageStart].t === "ident" && (tokens[stageStart] as { v: string }).v === "parse";
    return !prev || prev.t === "pipe" || afterParseField || (prev.t === "op" && prev.v !== ")") || (prev.t === "ident" && KEYWORDS.has(prev.v.toLowerCase()));
  };
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "|") {
      if (depth !== 0) throw new Error(`unbalanced parentheses before the '|' at offset ${i}`);
      tokens.push({ t: "pipe" });
      stageStart = tokens.length;
      i++;
    } else if (c === "'" || c === '"' || c === "`" || (c === "/" && regexAllowed())) {
      const end = closing(query, i);
      if (end < 0) throw new Error(`unterminated ${c === "/" ? "regex" : c === "`" ? "backquoted name" : "string"} starting at offset ${i}`);
      const body = query.slice(i + 1, end);
      tokens.push(c === "`" ? { t: "ident", v: body } : c === "/" ? { t: "regex", v: body } : { t: "string", v: body });
      i = end + 1;
      if (c === "/") while (i < query.length && /[a-z]/.test(query[i])) i++; // flags
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?(ms|mo|s|m|h|d|w|q|y)?/.exec(query.slice(i))!;
      tokens.push({ t: "number", v: m[0] });
      i += m[0].length;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < query.length && IDENT_PART.test(query[j])) j++;
      tokens.push({ t: "ident", v: query.slice(i, j) });
      i = j;
    } else {
      const two = query.slice(i, i + 2);
      const op = TWO_CHAR_OPS.includes(two) ? two : c;
      if (!/^(!=|<=|>=|=~|[=<>+\-*/%^(),])$/.test(op)) throw new Error(`unexpected character '${c}' at offset ${i}`);
      if (op === "(") depth++;
      if (op === ")" && --depth < 0) throw new Error(`')' without '(' at offset ${i}`);
      tokens.push({ t: "op", v: op });
      i += op.length;
    }
  }
  if (depth !== 0) throw new Error("unbalanced parentheses: a '(' is never closed");
  return tokens;
}

/** Index of the quote (or `/`) closing the one at `start`, honouring backslash escapes; -1 if none. */
function closing(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}
