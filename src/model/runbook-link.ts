import { MAX_ALARM_DESCRIPTION_LENGTH } from "../aws/monitoring-limits";

/**
 * Every preset alarm's description ends with a link to its runbook entry: `<base>/<kind>.md#<id>`.
 * The pages are generated from the signal catalogue (`npm run docs`, docs/runbooks/), one heading
 * per tunable id and one for the workload's `health` alarm, so the anchor is the id itself.
 */

/** Where runbooks live when config names no `defaults.runbookBaseUrl`: the repository-relative path. */
export const DEFAULT_RUNBOOK_BASE = "docs/runbooks";

/** The id of the health alarm's runbook entry on every kind's page. */
export const HEALTH_RUNBOOK_ID = "health";

/** `<base>/<kind>.md`, the runbook page of a workload kind. */
export function runbookPage(baseUrl: string | undefined, kind: string): string {
  return `${(baseUrl ?? DEFAULT_RUNBOOK_BASE).replace(/\/+$/, "")}/${kind}.md`;
}

/**
 * `text`, then ` Runbook: <url>` when there is one, within CloudWatch's 1024-character limit: a text
 * too long for both is shortened (ending in `…`) so the link always survives whole.
 */
export function alarmDescription(text: string, runbookUrl?: string): string {
  const link = runbookUrl === undefined ? "" : ` Runbook: ${runbookUrl}`;
  const room = MAX_ALARM_DESCRIPTION_LENGTH - link.length;
  const body = text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`;
  return `${body}${link}`.slice(0, MAX_ALARM_DESCRIPTION_LENGTH);
}
