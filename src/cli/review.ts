/**
 * `ai-logs review`: what a pull request does to logs, metrics and alarms, risks first.
 *
 * Exit codes a CI gate can use: 0 no risk, 1 risks found (0 with --no-fail-on-risk), 2 usage or
 * input error (a message naming the argument, never a stack trace).
 */
import { Command, Option } from "commander";
import {
  loadPlanFile,
  loadSynthOutput,
  renderJson,
  renderMarkdown,
  reviewChanges,
  ReviewInputError,
  type PlanInput,
  type SynthOutput,
} from "../review";
import { CliExit, CliIo, usageError } from "./io";

/** Exit code when the review finds a risk (and --no-fail-on-risk is not given). */
export const EXIT_RISK = 1;

interface Options {
  readonly base?: string;
  readonly head?: string;
  readonly plan: string[];
  readonly format: "markdown" | "json";
  readonly failOnRisk?: boolean;
}

const HELP_AFTER = `
Inputs: two synthesized outputs (a cdktf.out directory each, e.g. the pull request's base and head),
and/or Terraform plans in JSON (terraform show -json <planfile>). A stack with a plan is reviewed
from the plan (real actions, replacements included); the others from the synth diff. --plan may be
repeated; its stack is recognised from --head, or named: --plan monitoring-prod=plan.json.

Risks (codes are stable): RV001 log group destroyed or replaced (a renamed, removed or moved
workload is one RV001 story), RV002 retention shortened, RV003 KMS key of log groups changed or no
longer granting retained ones, RV004 state or archive bucket touched, RV005 alarm removed or
recreated, RV006 alarms notify fewer people or no one, RV007 alarm threshold or evaluation changed,
RV008 filter pattern changed (with the catalogue's sample lines before and after), RV009 archive
subscription removed, RV010 log group forgotten and imported by no stack, RV011 alarms re-routed to
other recipients, RV012 destroy protection turned off, RV013 notification topic deleted.
The report also estimates the monthly cost before and after (docs/review-cost.md).

Exit codes: 0 no risk, 1 risk found (unless --no-fail-on-risk), 2 usage or input error.

Examples:
  ai-logs review --base base/cdktf.out --head cdktf.out > review.md
  terraform -chdir=cdktf.out/stacks/monitoring-prod show -json tfplan > plan.json
  ai-logs review --head cdktf.out --plan plan.json --format json --no-fail-on-risk
`;

export function register(program: Command, io: CliIo): void {
  program
    .command("review")
    .description("Review a change to the synthesized stacks (and/or their Terraform plans): risks to logs, metrics and alarms first.")
    .option("--base <dir>", "synthesized output before the change (cdktf.out)")
    .option("--head <dir>", "synthesized output after the change (cdktf.out)")
    .option(
      "--plan <file>",
      "terraform show -json output of a stack plan, or STACK=FILE (repeatable)",
      (v: string, all: string[]) => [...all, v],
      []
    )
    .addOption(new Option("--format <format>", "report format").choices(["markdown", "json"]).default("markdown"))
    .option("--fail-on-risk", "exit 1 when a risk is found (the default)")
    .option("--no-fail-on-risk", "exit 0 even when risks are found (report only)")
    .addHelpText("after", HELP_AFTER)
    .action((options: Options) => run(options, io));
}

function run(options: Options, io: CliIo): void {
  if (!options.base && !options.head && options.plan.length === 0) {
    throw usageError("review needs --base and --head (synthesized outputs), or at least one --plan; see ai-logs review --help");
  }
  let review;
  try {
    // Inputs first, so a wrong path is named before a missing counterpart.
    const base: SynthOutput | undefined = options.base ? loadSynthOutput(options.base, "--base", io.cwd) : undefined;
    const head: SynthOutput | undefined = options.head ? loadSynthOutput(options.head, "--head", io.cwd) : undefined;
    if (Boolean(options.base) !== Boolean(options.head) && options.plan.length === 0) {
      throw usageError(`${options.base ? "--head" : "--base"} is missing: a synth diff needs both --base and --head`);
    }
    const plans: PlanInput[] = options.plan.map((spec) => loadPlanFile(spec, "--plan", io.cwd));
    review = reviewChanges({ base, head, plans });
  } catch (error) {
    if (error instanceof ReviewInputError) throw usageError(error.message);
    throw error;
  }
  io.stdout(options.format === "json" ? renderJson(review) : renderMarkdown(review));
  if (review.risks.length > 0 && options.failOnRisk !== false) {
    throw new CliExit(
      EXIT_RISK,
      `ai-logs review: ${review.risks.length} risk${
        review.risks.length === 1 ? "" : "s"
      } found (exit ${EXIT_RISK}; --no-fail-on-risk reports without failing)\n`
    );
  }
}
