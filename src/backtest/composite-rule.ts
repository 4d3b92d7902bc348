/**
 * Composite alarm rules (`alarm_rule`), as PutCompositeAlarm documents them
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html):
 * `ALARM(name)`, `OK(name)`, `INSUFFICIENT_DATA(name)` (name or ARN, double quotes optional),
 * `TRUE`, `FALSE`, combined with `AND`, `OR`, `NOT` and parentheses. The precedence of the operators
 * is not documented; we take the usual one (NOT binds tightest, then AND, then OR).
 *
 * Evaluation is three-valued (Kleene): a child the backtest cannot simulate (an anomaly-band alarm,
 * a service metric) is `unknown`, and the rule is decided wherever the known children decide it
 * (`ALARM(a) OR ALARM(b)` is true while `a` is in ALARM, whatever `b` does); elsewhere it stays unknown.
 */

export type AlarmStateName = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export type AlarmRule =
  | { readonly type: "state"; readonly state: AlarmStateName; readonly alarm: string }
  | { readonly type: "constant"; readonly value: boolean }
  | { readonly type: "not"; readonly operand: AlarmRule }
  | { readonly type: "and" | "or"; readonly operands: readonly AlarmRule[] };

/** Kleene truth: true, false, or undefined for unknown. */
export type Truth = boolean | undefined;

export class AlarmRuleError extends Error {}

/** Parses an alarm rule; throws AlarmRuleError naming the position of the problem. */
export function parseAlarmRule(text: string): AlarmRule {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (what: string): never => {
    const at = peek();
    throw new AlarmRuleError(`${what} at ${at ? `'${at.text}' (character ${at.offset + 1})` : "the end"} of alarm rule ${JSON.stringify(text)}`);
  };
  const word = (w: string) => peek()?.kind === "word" && peek().text.toUpperCase() === w;

  const parseOr = (): AlarmRule => {
    const operands = [parseAnd()];
    while (word("OR")) {
      pos++;
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0] : { type: "or", operands };
  };
  const parseAnd = (): AlarmRule => {
    const operands = [parseNot()];
    while (word("AND")) {
      pos++;
      operands.push(parseNot());
    }
    return operands.length === 1 ? operands[0] : { type: "and", operands };
  };
  const parseNot = (): AlarmRule => {
    if (word("NOT")) {
      pos++;
      return { type: "not", operand: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): AlarmRule => {
    const token = peek();
    if (!token) return fail("expected ALARM(...), OK(...), INSUFFICIENT_DATA(...), TRUE, FALSE or '('");
    if (token.kind === "(") {
      pos++;
      const inner = parseOr();
      if (peek()?.kind !== ")") fail("expected ')'");
      pos++;
      return inner;
    }
    const upper = token.kind === "word" ? token.text.toUpperCase() : "";
    if (upper === "TRUE" || upper === "FALSE") {
      pos++;
      return { type: "constant", value: upper === "TRUE" };
    }
    if (upper === "ALARM" || upper === "OK" || upper === "INSUFFICIENT_DATA") {
      pos++;
      if (peek()?.kind !== "(") fail(`expected '(' after ${upper}`);
      pos++;
      const name = peek();
      if (!name || (name.kind !== "word" && name.kind !== "string")) return fail("expected an alarm name");
      pos++;
      if (peek()?.kind !== ")") fail("expected ')' after the alarm name");
      pos++;
      return { type: "state", state: upper, alarm: alarmNameOf(name.text) };
    }
    return fail("expected ALARM(...), OK(...), INSUFFICIENT_DATA(...), TRUE, FALSE or '('");
  };

  const rule = parseOr();
  if (pos < tokens.length) fail("unexpected text");
  return rule;
}

/** `arn:aws:cloudwatch:us-east-1:123:alarm:name` -> `name`; a name stays as it is. */
function alarmNameOf(reference: string): string {
  const m = /^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(reference);
  return m ? m[1] : reference;
}

interface Token {
  readonly kind: "word" | "string" | "(" | ")";
  readonly text: string;
  readonly offset: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")") tokens.push({ kind: c, text: c, offset: i++ });
    else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new AlarmRuleError(`unterminated quoted alarm name at character ${i + 1} of alarm rule ${JSON.stringify(text)}`);
      tokens.push({ kind: "string", text: text.slice(i + 1, end), offset: i });
      i = end + 1;
    } else {
      const start = i;
      while (i < text.length && !/[\s()"]/.test(text[i])) i++;
      tokens.push({ kind: "word", text: text.slice(start, i), offset: start });
    }
  }
  return tokens;
}

/** The alarms a rule names, in order of appearance, each once. */
export function alarmsOf(rule: AlarmRule): string[] {
  const names = new Set<string>();
  const walk = (r: AlarmRule): void => {
    if (r.type === "state") names.add(r.alarm);
    else if (r.type === "not") walk(r.operand);
    else if (r.type === "and" || r.type === "or") r.operands.forEach(walk);
  };
  walk(rule);
  return [...names];
}

/** Evaluates the rule; `stateOf` gives each child's state, or undefined when it is unknown. */
export function evaluateAlarmRule(rule: AlarmRule, stateOf: (alarm: string) => AlarmStateName | undefined): Truth {
  switch (rule.type) {
    case "constant":
      return rule.value;
    case "state": {
      const state = stateOf(rule.alarm);
      return state === undefined ? undefined : state === rule.state;
    }
    case "not": {
      const inner = evaluateAlarmRule(rule.operand, stateOf);
      return inner === undefined ? undefined : !inner;
    }
    case "and":
    case "or": {
      const decisive = rule.type === "or"; // true decides an OR, false decides an AND
      let unknown = false;
      for (const operand of rule.operands) {
        const value = evaluateAlarmRule(operand, stateOf);
        if (value === decisive) return decisive;
        if (value === undefined) unknown = true;
      }
      return unknown ? undefined : !decisive;
    }
  }
}
