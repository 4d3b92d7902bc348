import { referencesOf, type SynthesizedStack } from "./synthesized-stack";

/**
 * Which resource types moto cannot create, found by trying: the stack is applied whole, as a user
 * applies it, and each resource that fails is judged by moto's own words, never by a list kept here.
 * A failure counts as an emulator gap only when both hold:
 * - Terraform's error is an HTTP 500 for an AWS operation (`operation error <Service>: <Operation>,
 *   ... StatusCode: 500`): moto answers 500 when it raises, never for a request AWS would reject (4xx);
 * - moto's log says why, for that operation: `NotImplementedError: The <operation_in_snake_case> action
 *   has not been implemented`, or, for a service moto has no backend for at all, `Unable to find
 *   appropriate backend for <service>.<region>.amazonaws.com`.
 * Anything else (a 4xx, a 500 moto does not explain, a resource without an address) is a real failure.
 */

export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  readonly address?: string;
}

export interface EmulatorGap {
  readonly address: string;
  readonly type: string;
  /** e.g. `CloudWatch: PutCompositeAlarm`. */
  readonly operation: string;
  /** The line of moto's log that explains it. */
  readonly evidence: string;
}

/** Diagnostics from `terraform <command> -json` output. */
export function diagnosticsOf(jsonLines: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of jsonLines.split("\n")) {
    if (!line.startsWith("{")) continue;
    const message = JSON.parse(line) as { type?: string; diagnostic?: Diagnostic };
    if (message.type === "diagnostic" && message.diagnostic) {
      const d = message.diagnostic;
      out.push({ severity: d.severity, summary: d.summary ?? "", detail: d.detail ?? "", address: d.address });
    }
  }
  return out;
}

/** Addresses an apply planned to change and did not finish (neither completed nor errored: never started). */
export function unfinishedChanges(jsonLines: string): Set<string> {
  const planned = new Set<string>();
  for (const line of jsonLines.split("\n")) {
    if (!line.startsWith("{")) continue;
    const m = JSON.parse(line) as { type?: string; change?: { resource?: { addr?: string }; action?: string }; hook?: { resource?: { addr?: string } } };
    if (m.type === "planned_change" && m.change?.resource?.addr && m.change.action !== "noop") planned.add(m.change.resource.addr);
    if ((m.type === "apply_complete" || m.type === "apply_errored") && m.hook?.resource?.addr) planned.delete(m.hook.resource.addr);
  }
  return planned;
}

export function snakeCase(operation: string): string {
  return operation.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** Splits an apply's errors into emulator gaps (with moto's evidence) and real failures. */
export function classifyApplyErrors(diagnostics: readonly Diagnostic[], motoLog: string): { gaps: EmulatorGap[]; failures: Diagnostic[] } {
  const gaps: EmulatorGap[] = [];
  const failures: Diagnostic[] = [];
  for (const d of diagnostics.filter((x) => x.severity === "error")) {
    const text = `${d.summary}\n${d.detail}`;
    const op = /operation error ([^:,]+): (\w+),[^]*StatusCode: 500\b/.exec(text);
    const evidence = op && d.address ? motoEvidence(motoLog, op[1], op[2]) : undefined;
    if (op && d.address && evidence) gaps.push({ address: d.address, type: d.address.split(".")[0], operation: `${op[1]}: ${op[2]}`, evidence });
    else failures.push(d);
  }
  return { gaps, failures };
}

function motoEvidence(log: string, service: string, operation: string): string | undefined {
  const notImplemented = `NotImplementedError: The ${snakeCase(operation)} action has not been implemented`;
  if (log.includes(notImplemented)) return notImplemented;
  const endpointPrefix = service.toLowerCase().replace(/\s+/g, "");
  return new RegExp(`Unable to find appropriate backend for ${endpointPrefix}\\.[a-z0-9-]+\\.amazonaws\\.com`).exec(log)?.[0];
}

export interface Exclusions {
  /** Address -> why it is not applied. */
  readonly excluded: ReadonlyMap<string, string>;
  /** Every other address of the stack: the `-target`s. */
  readonly included: readonly string[];
}

/**
 * Every resource of a type moto cannot create, and every resource that refers to one (directly or
 * through others): Terraform cannot create those either. The rest is applied with `-target`.
 */
export function exclusionsFor(stack: SynthesizedStack, gaps: readonly EmulatorGap[]): Exclusions {
  const excluded = new Map<string, string>();
  const gapTypes = new Map(gaps.map((g) => [g.type, `moto: ${g.operation} (${g.evidence})`]));
  for (const address of stack.addresses) {
    const reason = gapTypes.get(address.split(".")[0]);
    if (reason) excluded.set(address, reason);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const address of stack.addresses) {
      if (excluded.has(address)) continue;
      const blocked = [...referencesOf(stack, address)].find((r) => excluded.has(r));
      if (blocked) {
        excluded.set(address, `refers to ${blocked}, which is excluded`);
        grew = true;
      }
    }
  }
  return { excluded, included: stack.addresses.filter((a) => !excluded.has(a)) };
}
