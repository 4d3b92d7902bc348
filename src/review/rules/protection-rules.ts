import type { ResourceChange } from "../change-set";
import { str } from "../values";
import { coverKey, finding, type RiskRule } from "./risk";

/** Resources whose `prevent_destroy` / `skip_destroy` keep data: log groups, keys, buckets, the catalog. */
const PROTECTED: Readonly<Record<string, string>> = {
  aws_cloudwatch_log_group: "log group",
  aws_kms_key: "KMS key",
  aws_s3_bucket: "S3 bucket",
  aws_glue_catalog_database: "Glue database",
  aws_glue_catalog_table: "Glue table",
};

/**
 * RV012: destroy protection turned off (`allowDestroy: true`), told once for the whole change. Nothing
 * is deleted yet, but from then on a rename, a removal or a replacing change deletes the data instead
 * of failing or keeping it. `prevent_destroy` is a lifecycle setting: only the synthesized
 * configuration shows it, never a plan.
 */
export const destroyProtectionRemoved: RiskRule = {
  code: "RV012",
  title: "Destroy protection turned off",
  check: (ctx) => {
    const lost = ctx.stacks.flatMap((stack) =>
      stack.resources
        .filter((r) => PROTECTED[r.type] && r.before && r.after && r.action !== "replace")
        .map((r) => ({
          r,
          what: [
            ...(r.wasPreventDestroy && !r.preventDestroy ? ["`prevent_destroy`"] : []),
            ...(r.before?.skip_destroy === true && r.after?.skip_destroy !== true ? ["`skip_destroy`"] : []),
          ],
        }))
        .filter((x) => x.what.length > 0),
    );
    if (lost.length === 0) return [];
    const counts = new Map<string, number>();
    for (const x of lost) counts.set(PROTECTED[x.r.type], (counts.get(PROTECTED[x.r.type]) ?? 0) + 1);
    const stacks = [...new Set(lost.map((x) => x.r.stack))];
    const label = (r: ResourceChange) => str(r.before?.name) ?? str(r.before?.bucket) ?? r.address;
    const first = lost[0].r;
    return [
      {
        ...finding(
          first,
          label(first),
          "high",
          "Destroy protection turned off",
          `${[...counts].map(([what, n]) => `${n} ${what}${n === 1 ? "" : "s"}`).join(", ")} in ${stacks.map((s) => `\`${s}\``).join(", ")} lose their destroy protection. ` +
            "Nothing is deleted by this change, but afterwards a rename, a removal or a replacing change deletes log events and keys instead of failing (`prevent_destroy`) or leaving them in AWS (`skip_destroy`).",
          [
            ...lost.slice(0, 12).map((x) => `\`${x.r.stack}\`: \`${label(x.r)}\` loses ${x.what.join(" and ")}`),
            ...(lost.length > 12 ? [`and ${lost.length - 12} more`] : []),
            "This is what `allowDestroy: true` does (on an environment, or the archive). Keep it false unless the data may go, and set it back after the intended destroy.",
          ],
        ),
        covers: lost.map((x) => coverKey(x.r)).filter((k) => k !== coverKey(first)),
      },
    ];
  },
};
