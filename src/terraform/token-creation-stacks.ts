/**
 * cdktf records the whole JavaScript stack at the creation of every token (each reference such as
 * `key.arn`, each lazy value), only to quote it in an error should that token fail to resolve later.
 * Capturing and formatting those stacks is 30% of a 1000-workload synth (6.9 s with, 4.9 s without:
 * docs/benchmarks.md) and changes nothing in the output, so the synth process turns it off.
 *
 * cdktf 0.21, its final release, has no switch for it (`App({ stackTraces: false })` covers construct
 * metadata only). Its token classes call `captureStackTrace` through the exports of one private module
 * at every creation, so replacing that export takes effect for every token created afterwards.
 */
const STACK_TRACE_MODULE = "cdktf/lib/tokens/private/stack-trace";

/**
 * Stops cdktf recording where tokens were created, for the rest of the process. Returns false, changing
 * nothing, if the installed cdktf is not shaped as expected (a fork such as cdktn may differ).
 */
export function skipTokenCreationStacks(): boolean {
  let stackTrace: { captureStackTrace?: unknown };
  try {
    stackTrace = require(STACK_TRACE_MODULE);
  } catch {
    return false;
  }
  if (typeof stackTrace.captureStackTrace !== "function") return false;
  stackTrace.captureStackTrace = () => [];
  return true;
}
