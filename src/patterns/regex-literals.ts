/**
 * Required literals of a regex: strings of which every match must contain at least one. The
 * matcher checks them with `String.prototype.includes` first, so lines that cannot match (most
 * lines, for a typical alerting regex) never reach the automaton. Native RegExp engines apply the
 * same idea; it changes speed only, never the result.
 */
import { RegexNode } from "./regex-syntax";

/** More alternatives than this and a prefilter costs more than it saves. */
const MAX_ALTERNATIVES = 8;

/** Literals one of which every match contains, or undefined when no useful set exists. */
export function requiredLiterals(node: RegexNode): string[] | undefined {
  const found = literalsOf(node);
  return found && found.every((s) => s.length > 0) ? found : undefined;
}

function literalChar(node: RegexNode): string | undefined {
  if (node.t !== "set" || node.set.negated || node.set.ranges.length !== 2) return undefined;
  const [lo, hi] = node.set.ranges;
  return lo === hi ? String.fromCharCode(lo) : undefined;
}

function literalsOf(node: RegexNode): string[] | undefined {
  switch (node.t) {
    case "set": {
      const c = literalChar(node);
      return c === undefined ? undefined : [c];
    }
    case "repeat":
      return node.min >= 1 ? literalsOf(node.node) : undefined;
    case "alt": {
      const all: string[] = [];
      for (const item of node.items) {
        const found = literalsOf(item);
        if (!found) return undefined;
        all.push(...found);
      }
      return all.length <= MAX_ALTERNATIVES ? all : undefined;
    }
    case "cat":
      return bestInConcatenation(node.items);
    default:
      return undefined;
  }
}

/** The longest run of literal characters in a concatenation, or the best single item's literals. */
function bestInConcatenation(items: readonly RegexNode[]): string[] | undefined {
  let best: string[] | undefined;
  const score = (set: string[]): number => Math.min(...set.map((s) => s.length));
  const consider = (candidate: string[] | undefined): void => {
    if (candidate && (!best || score(candidate) > score(best))) best = candidate;
  };
  let run = "";
  for (const item of items) {
    const c = literalChar(item);
    if (c !== undefined) {
      run += c;
      continue;
    }
    consider(run ? [run] : undefined);
    run = "";
    consider(item.t === "bol" || item.t === "eol" ? undefined : literalsOf(item));
  }
  consider(run ? [run] : undefined);
  return best;
}
