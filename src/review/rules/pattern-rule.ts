import { comparePatternSamples } from "../pattern-samples";
import { str } from "../values";
import { changesOf, finding, type RiskFinding, type RiskRule } from "./risk";

/** RV008: a changed filter pattern counts different lines; the catalogue's samples show how. */
export const filterPatternChanged: RiskRule = {
  code: "RV008",
  title: "Metric filter pattern changed",
  check: (ctx) =>
    changesOf(ctx, ["aws_cloudwatch_log_metric_filter"])
      .filter(({ change }) => change.action === "update" || change.action === "replace")
      .flatMap(({ stack, change }): RiskFinding[] => {
        const samples = comparePatternSamples(change, stack);
        if (!samples) return [];
        const name = str(change.before?.name) ?? change.address;
        const { before, after } = samples;
        let summary: string;
        let severity: RiskFinding["severity"] = "medium";
        if (after.error) {
          severity = "high";
          summary = `\`${name}\`: the new pattern is not valid (${after.error}); AWS rejects it and the apply fails.`;
        } else if (samples.preset) {
          const lostMatches = after.matched < before.matched;
          if (lostMatches || after.falsePositives > before.falsePositives) severity = "high";
          summary =
            `\`${name}\` (preset \`${samples.preset.kind}/${samples.preset.id}\`): ` +
            `matches ${after.matched} of ${samples.shouldMatch} sample lines that must match (before: ${before.matched})` +
            `, and ${after.falsePositives} of ${samples.shouldNotMatch} that must not (before: ${before.falsePositives}).` +
            (after.matched === 0 && samples.shouldMatch > 0 ? " It now matches none of them: the metric stays silent and its alarm never fires." : "");
        } else {
          summary = `\`${name}\` counts different log lines; ${samples.noSamplesReason}, so test it with \`ai-logs test-metric-filter\`.`;
        }
        const withSamples = { ...finding(change, name, severity, "Metric filter pattern changed", summary, [`before: \`${before.pattern}\``, `after: \`${after.pattern}\``]), samples };
        return [withSamples];
      }),
};
