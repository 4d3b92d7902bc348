/**
 * Compiler and matcher for the `%…%` regex dialect that cannot backtrack.
 *
 * The regex is compiled to a Thompson NFA, and the NFA is simulated through a lazily built DFA:
 * each DFA state is the set of NFA threads alive at one position, created the first time it is
 * reached and cached with its transitions. Every input character costs one table lookup once the
 * states it needs exist, and the work per character is bounded by the NFA size even when they do
 * not, so `%a*a*a*a*b%` over 100,000 `a`s takes linear time instead of exponential.
 *
 * Lines that lack every literal a match needs (see regex-literals.ts) are rejected with
 * `includes` before the automaton runs. Regexes with no unbounded quantifier and few match paths run
 * on V8's RegExp instead (native-regex.ts): bounded backtracking, same semantics, faster.
 *
 * Semantics (reference §4): unanchored search; `^` and `$` anchor to the start and end of the
 * whole input (no multiline mode); case-sensitive. Input is read as UTF-16 code units, so a
 * character outside the Basic Multilingual Plane counts as two for `.` and `{m,n}`.
 */
import { FilterPatternError } from "./errors";
import { boundedNativeRegex } from "./native-regex";
import { requiredLiterals } from "./regex-literals";
import { CharSet, charSetHas, isAllowedRegexChar, parseRegexSyntax, RegexNode } from "./regex-syntax";

/** A compiled regex; `test` never throws and runs in time linear in the input. */
export interface CompiledRegex {
  /** The regex text between the `%` delimiters. */
  readonly source: string;
  /** True when the regex matches somewhere in `input`. */
  test(input: string): boolean;
}

/** Largest NFA we build; a 1024-character pattern stays far below it unless it nests big bounds. */
export const MAX_NFA_INSTRUCTIONS = 50_000;
/** DFA states cached per regex before the cache is flushed (bounds memory on hostile input). */
const MAX_DFA_STATES = 4_096;

const OP_SET = 0;
const OP_SPLIT = 1;
const OP_JMP = 2;
const OP_BOL = 3;
const OP_EOL = 4;
const OP_MATCH = 5;

/** Flat instruction arrays: `op[i]` with operands `x[i]` and `y[i]`. */
interface Program {
  readonly op: number[];
  readonly x: number[];
  readonly y: number[];
  readonly sets: CharSet[];
}

/**
 * Validates and compiles `%source%`. Throws FilterPatternError with AWS's messages: a disallowed
 * character gives `Invalid character(s) in term '%<text up to it>'`, bad syntax gives
 * `Failed to compile regular expression.` (also for the empty regex `%%`, our assumption).
 */
export function compileRegex(source: string, options: CompileRegexOptions = {}): CompiledRegex {
  checkRegexCharacters(source);
  if (source.length === 0) throw FilterPatternError.regexCompile();
  const tree = parseRegexSyntax(source);
  const automaton = new LazyDfa(compileProgram(tree));
  const native = options.allowNative === false ? undefined : boundedNativeRegex(tree);
  const dfa = native ?? automaton;
  const literals = requiredLiterals(tree);
  if (!literals) return { source, test: (input) => dfa.test(input) };
  if (literals.length === 1) {
    const literal = literals[0];
    return { source, test: (input) => input.includes(literal) && dfa.test(input) };
  }
  return { source, test: (input) => literals.some((l) => input.includes(l)) && dfa.test(input) };
}

export interface CompileRegexOptions {
  /** Use V8's RegExp when backtracking is provably bounded (native-regex.ts). @default true */
  readonly allowNative?: boolean;
}

/** Throws AWS's invalid-character error for the first character outside the allowed set. */
export function checkRegexCharacters(source: string): void {
  for (let i = 0; i < source.length; i++) {
    if (!isAllowedRegexChar(source.charCodeAt(i))) {
      throw FilterPatternError.invalidCharacters("%" + source.slice(0, i + 1));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// NFA construction
// ---------------------------------------------------------------------------------------------

function compileProgram(root: RegexNode): Program {
  const program: Program = { op: [], x: [], y: [], sets: [] };
  emit(program, root);
  push(program, OP_MATCH, 0, 0);
  return program;
}

function push(p: Program, op: number, x: number, y: number): number {
  if (p.op.length >= MAX_NFA_INSTRUCTIONS) throw FilterPatternError.regexCompile();
  p.op.push(op);
  p.x.push(x);
  p.y.push(y);
  return p.op.length - 1;
}

function emit(p: Program, node: RegexNode): void {
  switch (node.t) {
    case "empty":
      return;
    case "set":
      p.sets.push(node.set);
      push(p, OP_SET, p.sets.length - 1, 0);
      return;
    case "bol":
      push(p, OP_BOL, 0, 0);
      return;
    case "eol":
      push(p, OP_EOL, 0, 0);
      return;
    case "cat":
      for (const item of node.items) emit(p, item);
      return;
    case "alt":
      emitAlternation(p, node.items);
      return;
    case "repeat":
      emitRepeat(p, node.node, node.min, node.max);
      return;
  }
}

/** `a|b|c` as a chain of splits; every branch jumps to the common end. */
function emitAlternation(p: Program, items: readonly RegexNode[]): void {
  const jumps: number[] = [];
  for (let i = 0; i < items.length - 1; i++) {
    const split = push(p, OP_SPLIT, p.op.length + 1, -1);
    emit(p, items[i]);
    jumps.push(push(p, OP_JMP, -1, 0));
    p.y[split] = p.op.length;
  }
  emit(p, items[items.length - 1]);
  for (const j of jumps) p.x[j] = p.op.length;
}

/** `x{min,max}`: `min` copies, then either a loop (no bound) or `max - min` optional copies. */
function emitRepeat(p: Program, node: RegexNode, min: number, max: number): void {
  for (let i = 0; i < min; i++) emit(p, node);
  if (max === -1) {
    const split = push(p, OP_SPLIT, p.op.length + 1, -1);
    emit(p, node);
    push(p, OP_JMP, split, 0);
    p.y[split] = p.op.length;
    return;
  }
  const splits: number[] = [];
  for (let i = min; i < max; i++) {
    splits.push(push(p, OP_SPLIT, p.op.length + 1, -1));
    emit(p, node);
  }
  for (const s of splits) p.y[s] = p.op.length;
}

// ---------------------------------------------------------------------------------------------
// Lazy DFA over the NFA
// ---------------------------------------------------------------------------------------------

const RUNNING = 0;
const MATCHED = 1;
const DEAD = 2;
/** Transition-table columns: code units below 128 are looked up directly. */
const ASCII = 128;

/**
 * DFA states are small integers. Transitions for ASCII live in one flat Int32Array
 * (`table[state * 128 + c]`, -1 = not computed yet); other code units in a Map per state.
 */
class LazyDfa {
  private table = new Int32Array(16 * ASCII).fill(-1);
  private status = new Uint8Array(16);
  private atEnd = new Uint8Array(16);
  private pcs: number[][] = [];
  private other: (Map<number, number> | undefined)[] = [];
  private readonly index = new Map<string, number>();
  private initial: number;
  /** Generation marks for the epsilon closure, so each step visits an instruction once. */
  private readonly mark: Int32Array;
  private generation = 0;

  public constructor(private readonly program: Program) {
    this.mark = new Int32Array(program.op.length);
    this.initial = this.createInitial();
  }

  public test(input: string): boolean {
    let s = this.initial;
    let status = this.status;
    if (status[s] !== RUNNING) return status[s] === MATCHED;
    let table = this.table;
    const n = input.length;
    for (let i = 0; i < n; i++) {
      const c = input.charCodeAt(i);
      let next = c < ASCII ? table[s * ASCII + c] : this.other[s]?.get(c) ?? -1;
      if (next < 0) {
        next = this.transition(s, c);
        table = this.table; // may have grown or been flushed
        status = this.status;
      }
      s = next;
      const k = status[s];
      if (k !== RUNNING) return k === MATCHED;
    }
    return this.atEnd[s] === 1;
  }

  private createInitial(): number {
    const pcs: number[] = [];
    this.generation++;
    this.closure(0, true, pcs);
    return this.intern(pcs, true);
  }

  /** Computes, caches and returns the state reached from `from` on code unit `c`. */
  private transition(from: number, c: number): number {
    const { op, x } = this.program;
    const sets = this.program.sets;
    const pcs: number[] = [];
    this.generation++;
    for (const pc of this.pcs[from]) {
      if (op[pc] === OP_SET && charSetHas(sets[x[pc]], c)) this.closure(pc + 1, false, pcs);
    }
    // Unanchored search: a new attempt may start after every character.
    this.closure(0, false, pcs);
    if (this.pcs.length >= MAX_DFA_STATES) {
      this.flush();
      return this.intern(pcs, false); // `from` is gone; the caller continues from the new id
    }
    const id = this.intern(pcs, false);
    if (c < ASCII) this.table[from * ASCII + c] = id;
    else (this.other[from] ??= new Map()).set(c, id);
    return id;
  }

  /** Drops every cached state (bounds memory on hostile input). */
  private flush(): void {
    this.pcs = [];
    this.other = [];
    this.index.clear();
    this.table.fill(-1);
    this.initial = this.createInitial();
  }

  /** Returns the id of the state for this set of NFA instructions, creating it if new. */
  private intern(pcs: number[], initial: boolean): number {
    pcs.sort((a, b) => a - b);
    const key = (initial ? "i" : "n") + pcs.join(",");
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const id = this.pcs.length;
    this.ensureCapacity(id + 1);
    const hasMatch = pcs.some((pc) => this.program.op[pc] === OP_MATCH);
    this.status[id] = hasMatch ? MATCHED : pcs.length === 0 ? DEAD : RUNNING;
    this.atEnd[id] = hasMatch || this.matchesAtEnd(pcs, initial) ? 1 : 0;
    this.pcs.push(pcs);
    this.other.push(undefined);
    this.index.set(key, id);
    return id;
  }

  private ensureCapacity(states: number): void {
    if (states <= this.status.length) return;
    const size = this.status.length * 2;
    const table = new Int32Array(size * ASCII).fill(-1);
    table.set(this.table);
    this.table = table;
    const status = new Uint8Array(size);
    status.set(this.status);
    this.status = status;
    const atEnd = new Uint8Array(size);
    atEnd.set(this.atEnd);
    this.atEnd = atEnd;
  }

  /** Follows epsilon edges from `start`, collecting the instructions that wait for input or end. */
  private closure(start: number, atStart: boolean, out: number[]): boolean {
    const { op, x, y } = this.program;
    const mark = this.mark;
    const gen = this.generation;
    const stack = [start];
    let reachedMatch = false;
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      switch (op[pc]) {
        case OP_SET:
        case OP_EOL:
          out.push(pc);
          break;
        case OP_MATCH:
          out.push(pc);
          reachedMatch = true;
          break;
        case OP_BOL:
          if (atStart) stack.push(pc + 1);
          break;
        case OP_JMP:
          stack.push(x[pc]);
          break;
        case OP_SPLIT:
          stack.push(y[pc], x[pc]);
          break;
      }
    }
    return reachedMatch;
  }

  /** At the end of input every `$` holds; does one of the pending ones lead to MATCH? */
  private matchesAtEnd(pcs: readonly number[], atStart: boolean): boolean {
    const { op } = this.program;
    let pending = pcs.filter((pc) => op[pc] === OP_EOL);
    this.generation++;
    while (pending.length > 0) {
      const next: number[] = [];
      for (const pc of pending) {
        if (this.closure(pc + 1, atStart, next)) return true;
      }
      pending = next.filter((pc) => op[pc] === OP_EOL);
    }
    return false;
  }
}
