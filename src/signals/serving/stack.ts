import type { LogFormat, SignalVariant } from "../types";

/**
 * A serving stack (vLLM, TGI, SGLang, ...) as data for the `llm-inference` kind: its log format, the
 * terms of its crash lines and the filters of its own line shapes, per signal. The kind assembles
 * every stack's filters into one signal each (src/signals/llm-inference.ts), so a new stack is a new
 * module here, not a new code path.
 */

/** The `llm-inference` signals whose filters depend on a stack's line shapes. */
export type StackSignal = "requests" | "server-errors" | "throttled" | "cuda-oom" | "output-tokens-per-second" | "queued-requests" | "slow-requests";

/** A filter of one of the stack's line shapes; the kind adds the stack's format id. */
export type StackFilter = Omit<SignalVariant, "format">;

export interface ServingStack {
  readonly format: LogFormat;
  /**
   * Substrings of lines that say the engine (a shard, replica, runner) crashed or failed to start.
   * Every stack's terms go into ONE filter, so a line naming two of them still counts once.
   */
  readonly crashTerms: readonly string[];
  /** Real lines of the stack that the crash terms must count (the shared filter's samples). */
  readonly crashSamples: readonly string[];
  /** Filters of the stack's line shapes, by signal; at most one without a `shape` per signal. */
  readonly filters: Readonly<Partial<Record<StackSignal, readonly StackFilter[]>>>;
}
