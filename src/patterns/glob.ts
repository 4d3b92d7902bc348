/**
 * Wildcard string comparison used by JSON and space-delimited `=` / `!=` values.
 *
 * `*` matches any run of characters (also empty); every other character, `?` included, is literal
 * (reference §5.2: `"a?b"` matches only `a?b`). Open question 6 of the reference: we assume a `*`
 * in the middle of a value (`"a*b"`) is a wildcard too, like leading and trailing ones.
 */

/** A compiled predicate on one string. */
export type StringPredicate = (value: string) => boolean;

/** Compiles `pattern` into a predicate; patterns without `*` become a plain equality test. */
export function compileGlob(pattern: string): StringPredicate {
  if (!pattern.includes("*")) return (value) => value === pattern;
  const parts = pattern.split("*");
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((part) => part.length > 0);
  const minLength = head.length + tail.length;
  return (value) => {
    if (value.length < minLength || !value.startsWith(head) || !value.endsWith(tail)) return false;
    // Leftmost placement of each middle part is optimal for `*`-only globs.
    let at = head.length;
    const limit = value.length - tail.length;
    for (const part of middle) {
      const found = value.indexOf(part, at);
      if (found < 0 || found + part.length > limit) return false;
      at = found + part.length;
    }
    return true;
  };
}
