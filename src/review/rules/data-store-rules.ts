import { destroys } from "../change-set";
import { SideIndex } from "../resource-index";
import { str } from "../values";
import { changesOf, finding, preventDestroyNote, type RiskRule } from "./risk";

/** Stacks the state-bucket bootstrap synthesizes are named `state-<bucket>` (src/model/naming.ts). */
const STATE_STACK_PREFIX = "state-";

/** RV004: the buckets that hold Terraform state or the log archive; any change deserves a careful look. */
export const bucketTouched: RiskRule = {
  code: "RV004",
  title: "State or archive bucket touched",
  check: (ctx) =>
    ctx.stacks
      .flatMap((stack) => stack.resources.filter((r) => r.type.startsWith("aws_s3_bucket")).map((change) => ({ stack, change })))
      .filter(({ change }) => change.action !== "create" && change.action !== "no-op")
      .map(({ stack, change }) => {
        const role = stack.name.startsWith(STATE_STACK_PREFIX) ? "state bucket" : "archive bucket";
        const bucket = str(change.before?.bucket) ?? change.address;
        const what = change.type === "aws_s3_bucket" ? "the bucket" : `its ${change.type.replace(/^aws_s3_bucket_/, "").replace(/_/g, " ")}`;
        const removesBucket = change.type === "aws_s3_bucket" && destroys(change);
        return finding(
          change,
          bucket,
          removesBucket ? "high" : "medium",
          `${role[0].toUpperCase()}${role.slice(1)} touched`,
          `${role} \`${bucket}\`: ${what} is ${verb(change.action)}${change.changed.length > 0 ? ` (${change.changed.map((a) => `\`${a}\``).join(", ")})` : ""}.`,
          [
            ...preventDestroyNote(change),
            ...(role === "state bucket" ? ["Every stack's Terraform state lives here: plan and apply this stack on its own, first."] : []),
          ],
        );
      }),
};

/** RV009: without its subscription filter or delivery stream, a log group stops reaching the archive. */
export const archiveFlowInterrupted: RiskRule = {
  code: "RV009",
  title: "Archive subscription removed",
  check: (ctx) =>
    changesOf(ctx, ["aws_cloudwatch_log_subscription_filter", "aws_kinesis_firehose_delivery_stream", "aws_cloudwatch_log_destination"])
      .filter(({ change }) => destroys(change))
      .map(({ stack, change }) => {
        const name = str(change.before?.name) ?? change.address;
        const index = new SideIndex(stack.resources, "before");
        const group = index.resolve(change.before?.log_group_name, ["aws_cloudwatch_log_group"]);
        const source = (group ? str(index.attributes(group)?.name) : undefined) ?? str(change.before?.log_group_name);
        return finding(
          change,
          name,
          "medium",
          "Archive subscription removed",
          `\`${name}\` is ${verb(change.action)}: ${source ? `events of \`${source}\`` : "events"} stop reaching the archive${change.action === "replace" ? " until the new one exists, leaving a gap" : ""}.`,
        );
      }),
};

function verb(action: string): string {
  return action === "delete" ? "destroyed" : action === "replace" ? "replaced" : "changed";
}
