/**
 * Evaluation of unstructured term patterns (reference §3).
 *
 * Each term is a case-sensitive substring test on the raw message (no tokenisation, no word
 * boundaries, whitespace not normalised). With R required, X excluded and O optional terms: if
 * R or X is non-empty the event matches when every R occurs and no X occurs, and the `?` terms are
 * ignored; otherwise it matches when some O occurs.
 */
import { Term, TermsAst, TextTerm } from "./ast";
import { compileRegex } from "./regex";

export type MessagePredicate = (message: string) => boolean;

function termPredicate(term: Term): MessagePredicate {
  if (term.type === "regex") {
    const regex = compileRegex(term.source);
    return (message) => regex.test(message);
  }
  const text = term.text;
  return (message) => message.includes(text);
}

export function compileTerms(ast: TermsAst): MessagePredicate {
  if (ast.terms.every((t) => t.type === "text")) return compileTextTerms(ast.terms as readonly TextTerm[]);
  const required = ast.terms.filter((t) => t.mode === "required").map(termPredicate);
  const excluded = ast.terms.filter((t) => t.mode === "excluded").map(termPredicate);
  const optional = ast.terms.filter((t) => t.mode === "optional").map(termPredicate);
  if (required.length === 0 && excluded.length === 0) {
    return (message) => optional.some((p) => p(message));
  }
  if (excluded.length === 0 && required.length === 1) return required[0];
  return (message) => required.every((p) => p(message)) && !excluded.some((p) => p(message));
}

/** The common case, without per-term closures: plain `includes` loops. */
function compileTextTerms(terms: readonly TextTerm[]): MessagePredicate {
  const texts = (mode: TextTerm["mode"]): string[] => terms.filter((t) => t.mode === mode).map((t) => t.text);
  const required = texts("required");
  const excluded = texts("excluded");
  const optional = texts("optional");
  if (required.length === 0 && excluded.length === 0) {
    return (message) => {
      for (let i = 0; i < optional.length; i++) if (message.includes(optional[i])) return true;
      return false;
    };
  }
  return (message) => {
    for (let i = 0; i < required.length; i++) if (!message.includes(required[i])) return false;
    for (let i = 0; i < excluded.length; i++) if (message.includes(excluded[i])) return false;
    return true;
  };
}
