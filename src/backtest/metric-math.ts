/**
 * The part of CloudWatch metric math that alarms of this product use ("Using metric math",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html): numbers,
 * query ids, `+ - * / ^`, unary minus, parentheses, `FILL(ts, number)` and
 * `ANOMALY_DETECTION_BAND(ts[, width])` (recognised, never computed: the model is AWS's).
 *
 * Semantics, per timestamp, from "Basic arithmetic functions": "Missing values in a time series are
 * treated as 0. If the value of a data point causes a function to attempt to divide by zero, the data
 * point is dropped." A timestamp where every series operand is missing has no datapoint; an operation
 * with a scalar keeps a missing datapoint missing. `FILL(m, v)` "fills the missing values of a time
 * series" with v, so `100 * FILL(errors, 0) / requests` has a value wherever requests does (and none
 * where requests is missing or 0).
 */

export type MathExpression =
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "id"; readonly id: string }
  | { readonly type: "negate"; readonly operand: MathExpression }
  | { readonly type: "binary"; readonly operator: "+" | "-" | "*" | "/" | "^"; readonly left: MathExpression; readonly right: MathExpression }
  | { readonly type: "fill"; readonly series: MathExpression; readonly value: number }
  | { readonly type: "band"; readonly series: MathExpression; readonly width: number };

export class MetricMathError extends Error {}

/** Parses an expression; throws MetricMathError for syntax or functions the backtest does not simulate. */
export function parseMetricMath(text: string): MathExpression {
  const tokens = text.match(/\s+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/^(),]|./g) ?? [];
  const list = tokens.filter((t) => !/^\s+$/.test(t));
  let pos = 0;
  const fail = (what: string): never => {
    throw new MetricMathError(`${what} in metric math ${JSON.stringify(text)}${pos < list.length ? ` at '${list[pos]}'` : ""}`);
  };
  const expect = (t: string) => {
    if (list[pos] !== t) fail(`expected '${t}'`);
    pos++;
  };
  const numberArgument = (): number => {
    const negative = list[pos] === "-";
    if (negative) pos++;
    const t = list[pos];
    if (t === undefined || !/^\d/.test(t)) return fail("expected a number");
    pos++;
    return negative ? -Number(t) : Number(t);
  };

  const additive = (): MathExpression => {
    let left = multiplicative();
    while (list[pos] === "+" || list[pos] === "-") {
      const operator = list[pos++] as "+" | "-";
      left = { type: "binary", operator, left, right: multiplicative() };
    }
    return left;
  };
  const multiplicative = (): MathExpression => {
    let left = unary();
    while (list[pos] === "*" || list[pos] === "/") {
      const operator = list[pos++] as "*" | "/";
      left = { type: "binary", operator, left, right: unary() };
    }
    return left;
  };
  const unary = (): MathExpression => {
    if (list[pos] === "-") {
      pos++;
      return { type: "negate", operand: unary() };
    }
    return power();
  };
  const power = (): MathExpression => {
    const base = primary();
    if (list[pos] === "^") {
      pos++;
      return { type: "binary", operator: "^", left: base, right: unary() };
    }
    return base;
  };
  const primary = (): MathExpression => {
    const t = list[pos];
    if (t === undefined) return fail("unexpected end");
    if (t === "(") {
      pos++;
      const inner = additive();
      expect(")");
      return inner;
    }
    if (/^\d/.test(t)) {
      pos++;
      return { type: "number", value: Number(t) };
    }
    if (/^[A-Za-z_]/.test(t)) {
      pos++;
      if (list[pos] !== "(") return { type: "id", id: t };
      pos++;
      const name = t.toUpperCase();
      if (name === "FILL") {
        const series = additive();
        expect(",");
        if (/^(REPEAT|LINEAR)$/i.test(list[pos] ?? "")) fail(`FILL(..., ${list[pos]}) is not simulated`);
        const value = numberArgument();
        expect(")");
        return { type: "fill", series, value };
      }
      if (name === "ANOMALY_DETECTION_BAND") {
        const series = additive();
        let width = 2;
        if (list[pos] === ",") {
          pos++;
          width = numberArgument();
        }
        expect(")");
        return { type: "band", series, width };
      }
      return fail(`the function ${name} is not simulated`);
    }
    return fail("unexpected token");
  };

  const expression = additive();
  if (pos < list.length) fail("unexpected text");
  return expression;
}

/** The query ids an expression reads. */
export function idsOf(e: MathExpression): string[] {
  switch (e.type) {
    case "number":
      return [];
    case "id":
      return [e.id];
    case "negate":
      return idsOf(e.operand);
    case "binary":
      return [...idsOf(e.left), ...idsOf(e.right)];
    case "fill":
    case "band":
      return idsOf(e.series);
  }
}

/** Whether the expression (or a part of it) is an anomaly band. */
export function hasBand(e: MathExpression): boolean {
  if (e.type === "band") return true;
  if (e.type === "negate") return hasBand(e.operand);
  if (e.type === "binary") return hasBand(e.left) || hasBand(e.right);
  if (e.type === "fill") return hasBand(e.series);
  return false;
}

/**
 * Evaluates the expression over aligned series (NaN = missing datapoint); `series(id)` gives each
 * id's values. Returns the result series, NaN where it has no datapoint.
 */
export function evaluateMetricMath(e: MathExpression, length: number, series: (id: string) => Float64Array): Float64Array {
  const out = new Float64Array(length);
  const value = compile(e, series);
  for (let i = 0; i < length; i++) out[i] = value(i).value;
  return out;
}

/** A value at one timestamp: NaN when missing; `scalar` when no time series feeds it. */
interface Point {
  readonly value: number;
  readonly scalar: boolean;
}

function compile(e: MathExpression, series: (id: string) => Float64Array): (i: number) => Point {
  switch (e.type) {
    case "number": {
      const point = { value: e.value, scalar: true };
      return () => point;
    }
    case "id": {
      const values = series(e.id);
      return (i) => ({ value: values[i], scalar: false });
    }
    case "negate": {
      const operand = compile(e.operand, series);
      return (i) => {
        const p = operand(i);
        return { value: -p.value, scalar: p.scalar };
      };
    }
    case "fill": {
      const inner = compile(e.series, series);
      return (i) => {
        const p = inner(i);
        return { value: Number.isNaN(p.value) ? e.value : p.value, scalar: false };
      };
    }
    case "band":
      throw new MetricMathError("ANOMALY_DETECTION_BAND is not simulated");
    case "binary": {
      const left = compile(e.left, series);
      const right = compile(e.right, series);
      return (i) => {
        const a = left(i);
        const b = right(i);
        const scalar = a.scalar && b.scalar;
        const aMissing = Number.isNaN(a.value);
        const bMissing = Number.isNaN(b.value);
        // A missing series datapoint next to a scalar stays missing; between two series it counts as 0.
        if ((aMissing && bMissing) || (aMissing && b.scalar) || (bMissing && a.scalar)) return { value: NaN, scalar };
        const x = aMissing ? 0 : a.value;
        const y = bMissing ? 0 : b.value;
        return { value: arithmetic(e.operator, x, y), scalar };
      };
    }
  }
}

function arithmetic(operator: "+" | "-" | "*" | "/" | "^", x: number, y: number): number {
  switch (operator) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? NaN : x / y; // "attempt to divide by zero: the data point is dropped"
    case "^":
      return Math.pow(x, y);
  }
}
