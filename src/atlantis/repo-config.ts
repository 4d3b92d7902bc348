import { executionGroup, hasRemoteState, type StackInfo } from "./stacks";
import type { Step, Workflow } from "./workflows";

/**
 * Renders a repo-level atlantis.yaml. Keys and their meaning:
 * https://www.runatlantis.io/docs/repo-level-atlantis-yaml#reference (top level, Project, Autoplan),
 * `execution_order_group` / `abort_on_execution_order_fail`: same page, "Order of planning/applying";
 * `autodiscover`: same page, "Autodiscovery Config".
 */

export interface RepoConfig {
  /** Comment lines at the top, without `# `. */
  readonly header: readonly string[];
  /** Plan and apply the projects of one execution group in parallel. */
  readonly parallel: boolean;
  /** Never let Atlantis look for projects of its own (pull-request mode may list none). */
  readonly disableAutodiscover: boolean;
  /** Stacks to list as projects, and all stacks (for the execution groups of their dependencies). */
  readonly projects: readonly StackInfo[];
  readonly allStacks: readonly StackInfo[];
  /** Autoplan when one of these files changes (dockerignore patterns, relative to the repository root). */
  readonly whenModified: readonly string[];
  readonly workflowName: string;
  readonly workflow: Workflow;
}

/** YAML single-quoted scalar (no escapes but `''`), or a literal block for several lines. */
function scalar(text: string, indent: string): string {
  if (!text.includes("\n")) return `'${text.replace(/'/g, "''")}'`;
  return `|\n${text.split("\n").map((line) => (line ? `${indent}${line}` : "")).join("\n")}`;
}

function renderStep(step: Step): string[] {
  if ("run" in step) {
    const { command, output } = step.run;
    return ["        - run:", `            command: ${scalar(command, "              ")}`, ...(output ? [`            output: ${output}`] : [])];
  }
  const env = step.env;
  return ["        - env:", `            name: ${env.name}`, "value" in env ? `            value: ${scalar(env.value, "")}` : `            command: ${scalar(env.command, "")}`];
}

export function renderRepoConfig(config: RepoConfig): string {
  const q = (s: string) => JSON.stringify(s);
  const out = [
    ...config.header.map((line) => (line ? `# ${line}` : "#")),
    "version: 3",
    "automerge: false",
    ...(config.disableAutodiscover ? ["autodiscover:", "  mode: disabled"] : []),
    `parallel_plan: ${config.parallel}`,
    `parallel_apply: ${config.parallel}`,
    // A failed plan or apply of the archive stops the monitoring stacks that subscribe to it.
    "abort_on_execution_order_fail: true",
  ];
  out.push(config.projects.length === 0 ? "projects: []" : "projects:");
  for (const s of config.projects) {
    out.push(
      `  - name: ${s.name}`,
      "    dir: .",
      `    workflow: ${config.workflowName}`,
      `    execution_order_group: ${executionGroup(s, config.allStacks)}`,
      "    autoplan:",
      "      enabled: true",
      `      when_modified: [${config.whenModified.map(q).join(", ")}]`,
    );
  }
  out.push(
    "workflows:",
    `  ${config.workflowName}:`,
    "    plan:",
    "      steps:",
    ...config.workflow.plan.flatMap(renderStep),
    "    apply:",
    "      steps:",
    ...config.workflow.apply.flatMap(renderStep),
  );
  return `${out.join("\n")}\n`;
}

/** The header lines naming the stacks Atlantis never plans (local state), if any. */
export function localStateNote(stacks: readonly StackInfo[]): string[] {
  const local = stacks.filter((s) => !hasRemoteState(s));
  if (local.length === 0) return [];
  return [
    "Not planned by Atlantis: stacks whose state is local (the one-time bootstrap of the state",
    `bucket, applied by hand until bootstrap.stateInS3 is set): ${local.map((s) => s.name).join(", ")}.`,
  ];
}
