import { RECREATED_ON_MOVE } from "../../src/constructs/group-move";
import { resourceAddresses } from "../support/synth";
import { PROD, archiveConfig, movedConfig, resource, synth, withArchive } from "./fixtures";


type Block = Record<string, unknown>;
const blocks = (stack: Record<string, unknown>, kind: "import" | "removed") => (stack[kind] ?? []) as Block[];

describe("moving a workload between groups", () => {
  const before = synth(archiveConfig());
  const stacks = synth(movedConfig());
  /** What chat-api had in its old stack: exactly what must be forgotten there and imported in the new one. */
  const owned = (stack: Record<string, unknown>, id: string) => resourceAddresses(stack).filter((a) => a.split(".")[1].startsWith(`${id}_`) || a.endsWith(`.${id}`));
  /** Those that move (imported and forgotten); the others are recreated by design (RECREATED_ON_MOVE). */
  const moving = (addresses: string[]) => addresses.filter((a) => !RECREATED_ON_MOVE.includes(a.split(".")[0]));
  const chatAddresses = moving(owned(before["monitoring-prod"], "chat_api"));

  it("knows what the workload had before the move", () => {
    expect(chatAddresses).toEqual(
      expect.arrayContaining([
        "aws_cloudwatch_log_group.chat_api",
        "aws_cloudwatch_log_metric_filter.chat_api_errors",
        "aws_cloudwatch_log_subscription_filter.chat_api_archive",
        "aws_cloudwatch_metric_alarm.chat_api_errors",
      ]),
    );
  });

  it("declares the workload in the new group's stack, at the same addresses", () => {
    expect(moving(owned(stacks["monitoring-prod-chat"], "chat_api"))).toEqual(chatAddresses);
    expect(owned(stacks["monitoring-prod"], "chat_api")).toEqual([]);
  });

  it("imports every one of its resources there, with the ids the AWS provider expects", () => {
    const imports = Object.fromEntries(blocks(stacks["monitoring-prod-chat"], "import").map((b) => [b.to, b.id]));
    expect(Object.keys(imports).sort()).toEqual(chatAddresses);
    for (const id of Object.values(imports)) expect(id).toMatch(/^\S+$/);
    expect(imports).toMatchObject({
      "aws_cloudwatch_log_group.chat_api": "/acme/prod/chat-api",
      "aws_cloudwatch_log_metric_filter.chat_api_errors": "/acme/prod/chat-api:acme-prod-chat-api-errors",
      "aws_cloudwatch_metric_alarm.chat_api_errors": "acme-prod-chat-api-errors",
      "aws_cloudwatch_log_subscription_filter.chat_api_archive": "/acme/prod/chat-api|acme-log-archive",
    });
  });

  it("makes the old group's stack forget them instead of destroying them", () => {
    const removed = blocks(stacks["monitoring-prod"], "removed");
    expect(removed.map((b) => b.from).sort()).toEqual(chatAddresses);
    for (const b of removed) expect(b.lifecycle).toEqual({ destroy: false });
    expect(blocks(stacks["monitoring-prod"], "import")).toEqual([]);
  });

  it("keeps the old group's key able to decrypt the events written before the move", () => {
    const grant = (stack: string) =>
      (JSON.parse(resource(stacks[stack], "aws_kms_key", "monitoring_key").policy as string) as { Statement: { Sid: string; Condition?: { ArnEquals: Record<string, unknown> } }[] }).Statement.find(
        (s) => s.Sid === "CloudWatchLogsEncryptsTheseLogGroups",
      )!.Condition!.ArnEquals["kms:EncryptionContext:aws:logs:arn"];
    const chat = `arn:aws:logs:us-east-1:${PROD}:log-group:/acme/prod/chat-api`;
    expect(grant("monitoring-prod")).toBe(chat);
    expect(grant("monitoring-prod-chat")).toBe(chat);
  });

  it("moves the workload in every environment it runs in", () => {
    const stagingChat = moving(owned(before["monitoring-staging"], "chat_api"));
    expect(blocks(stacks["monitoring-staging-chat"], "import").map((b) => b.to).sort()).toEqual(stagingChat);
    expect(blocks(stacks["monitoring-staging"], "removed").map((b) => b.from).sort()).toEqual(stagingChat);
  });

  it("emits no move blocks once movedFrom is gone, and none for workloads that stay", () => {
    const settled = synth(withArchive((c) => (c.workloads[0].group = "chat")));
    for (const stack of Object.values(settled)) {
      expect(stack.import).toBeUndefined();
      expect(stack.removed).toBeUndefined();
    }
    expect(blocks(stacks["monitoring-prod-search"], "import")).toEqual([]);
  });

  it("empties a group's stack without deleting it while workloads move out of it", () => {
    const emptied = synth(
      withArchive((c) => {
        c.workloads[1].group = undefined;
        c.workloads[1].movedFrom = "search";
        // The last workload of `search` moves out: the group is retired, not misspelt (AIL049).
        c.stacks = { retiredGroups: ["search"] };
      }),
    );
    const search = emptied["monitoring-prod-search"];
    expect(owned(search, "rag")).toEqual([]);
    expect(owned(emptied["monitoring-prod"], "rag")).toEqual(owned(before["monitoring-prod-search"], "rag"));
    expect(resourceAddresses(search)).toEqual(expect.arrayContaining(["aws_kms_alias.monitoring_key", "aws_kms_key.monitoring_key"]));
    expect(blocks(search, "removed").map((b) => b.from).sort()).toEqual(moving(owned(before["monitoring-prod-search"], "rag")));
    expect(blocks(emptied["monitoring-prod"], "import").map((b) => b.to)).toContain("aws_cloudwatch_log_group.rag");
  });
});
