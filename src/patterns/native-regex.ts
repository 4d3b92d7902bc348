import type { CharSet, RegexNode } from "./regex-syntax";

/**
 * A fast path for regexes that cannot backtrack badly: when a regex has no unbounded quantifier, few
 * ways to match from any start position and a short longest match, V8's backtracking RegExp does
 * bounded work per position
 * (linear overall) and runs several times faster than our automaton. Every other regex stays on the
 * automaton (regex.ts), which is linear for any input.
 *
 * The RegExp is emitted from the syntax tree, not copied from the pattern text, so it has exactly our
 * semantics: character sets become explicit `\uXXXX` classes (our `\s` is Java's, narrower than
 * JavaScript's), `.` is already a set, `^`/`$` anchor the whole input (no `m` flag), and no `u` flag
 * keeps matching on UTF-16 code units, as the automaton does.
 */

/**
 * Most characters backtracking may examine from one start position (match paths x longest match).
 * At 64, a hostile 256 KB event (the CloudWatch maximum) costs at most ~16M steps.
 */
export const MAX_NATIVE_WORK = 64;

/** An equivalent native RegExp when backtracking is provably bounded; otherwise undefined. */
export function boundedNativeRegex(tree: RegexNode): RegExp | undefined {
  const paths = matchPaths(tree);
  if (paths * Math.max(1, maxMatchLength(tree)) > MAX_NATIVE_WORK) return undefined;
  return new RegExp(emit(tree));
}

/** The most characters one match of `node` can consume (Infinity for an unbounded quantifier). */
export function maxMatchLength(node: RegexNode): number {
  switch (node.t) {
    case "empty":
    case "bol":
    case "eol":
      return 0;
    case "set":
      return 1;
    case "cat":
      return node.items.reduce((n, item) => n + maxMatchLength(item), 0);
    case "alt":
      return Math.max(...node.items.map(maxMatchLength));
    case "repeat":
      return node.max < 0 ? Infinity : node.max * maxMatchLength(node.node);
  }
}

/**
 * An upper bound on the distinct ways `node` can match starting at one position (Infinity for an
 * unbounded quantifier). Backtracking explores at most this many paths, each of bounded length.
 */
export function matchPaths(node: RegexNode): number {
  switch (node.t) {
    case "empty":
    case "set":
    case "bol":
    case "eol":
      return 1;
    case "cat":
      return node.items.reduce((n, item) => n * matchPaths(item), 1);
    case "alt":
      return node.items.reduce((n, item) => n + matchPaths(item), 0);
    case "repeat": {
      if (node.max < 0) return Infinity;
      const inner = matchPaths(node.node);
      let total = 0;
      for (let k = node.min; k <= node.max && total <= MAX_NATIVE_WORK; k++) total += inner ** k;
      return total;
    }
  }
}

function emit(node: RegexNode): string {
  switch (node.t) {
    case "empty":
      return "(?:)";
    case "set":
      return emitSet(node.set);
    case "bol":
      return "^";
    case "eol":
      return "$";
    case "cat":
      return node.items.map(emit).join("");
    case "alt":
      return `(?:${node.items.map(emit).join("|")})`;
    case "repeat":
      return `(?:${emit(node.node)}){${node.min},${node.max < 0 ? "" : node.max}}`;
  }
}

function emitSet(set: CharSet): string {
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, "0")}`;
  let body = "";
  for (let i = 0; i < set.ranges.length; i += 2) {
    const [lo, hi] = [set.ranges[i], set.ranges[i + 1]];
    body += lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`;
  }
  // `[]` matches nothing and `[^]` everything in JavaScript, as an empty set and its negation should.
  return `[${set.negated ? "^" : ""}${body}]`;
}
