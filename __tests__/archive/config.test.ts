import type { Config } from "../../src/config/schema";
import { problemsOf } from "../support/configs";
import { archiveConfig, withArchive } from "./fixtures";

describe("archive, group and subscription config", () => {
  it("accepts the archive fixture", () => {
    expect(problemsOf(archiveConfig())).toEqual([]);
  });

  // Each row: what is wrong, the mutation, and the exact line the user sees.
  const cases: [string, (c: Config) => void, string][] = [
    [
      "archive without a location",
      (c) => (c.archive = { bucketName: "acme-log-archive" }),
      "platform.yaml: archive: needs environment, or all of accountId, region and stateBucket",
    ],
    [
      "archive with environment and an account",
      (c) => (c.archive = { environment: "prod", accountId: "333333333333", bucketName: "acme-log-archive" }),
      "platform.yaml: archive: give either environment or accountId/region/stateBucket, not both",
    ],
    [
      "archive in an unknown environment",
      (c) => (c.archive!.environment = "production"),
      "platform.yaml: archive.environment: unknown environment 'production'; valid: prod, staging",
    ],
    [
      "an unparseable filter pattern",
      (c) => (c.archive!.subscription = { filterPattern: "{ $.level = " }),
      "platform.yaml: archive.subscription.filterPattern: invalid filter pattern: ",
    ],
    [
      "an unknown subscription mode",
      (c) => (c.environments[1].archive = { mode: "everything" as never }),
      'platform.yaml: environments[1].archive.mode: found "everything"; valid: log-group-filters, account-policy',
    ],
    [
      "a per-workload account policy",
      (c) => (c.workloads[0].archive = { mode: "account-policy" as never }),
      'platform.yaml: workloads[0].archive.mode: found "account-policy"; valid: log-group-filters',
    ],
    [
      "sources with neither accounts nor organization",
      (c) => (c.archive!.sources = {}),
      "platform.yaml: archive.sources: needs accounts, organizationId or both",
    ],
    [
      "a malformed organization id",
      (c) => (c.archive!.sources = { organizationId: "acme" }),
      'platform.yaml: archive.sources.organizationId: must be an AWS Organizations id such as o-a1b2c3d4e5 (found "acme")',
    ],
    [
      "a transition to STANDARD_IA before 30 days",
      (c) => (c.archive!.lifecycle = { transitions: [{ days: 7, storageClass: "STANDARD_IA" }] }),
      "platform.yaml: archive.lifecycle.transitions[0]: S3 transitions objects to STANDARD_IA or ONEZONE_IA only after 30 days or more",
    ],
    [
      "transitions out of order",
      (c) => (c.archive!.lifecycle = { transitions: [{ days: 90, storageClass: "GLACIER_IR" }, { days: 30, storageClass: "STANDARD_IA" }] }),
      "platform.yaml: archive.lifecycle.transitions[1].days: transitions must be in increasing order of days (30 after 90)",
    ],
    [
      "expiry before the last transition",
      (c) => (c.archive!.lifecycle = { transitions: [{ days: 90, storageClass: "GLACIER_IR" }], expirationDays: 60 }),
      "platform.yaml: archive.lifecycle.expirationDays: expirationDays 60 must come after the last transition (day 90)",
    ],
    [
      "a Firehose buffer too small for dynamic partitioning",
      (c) => (c.archive!.buffering = { sizeMiB: 5 }),
      "platform.yaml: archive.buffering.sizeMiB: dynamic partitioning (by source account) needs a buffer of 64 MiB or more (found number 5)",
    ],
    [
      "environment archive settings without an archive",
      (c) => {
        delete c.archive;
        c.environments[0].archive = { enabled: false };
      },
      "platform.yaml: environments[0].archive: there is no top-level archive section to deliver to",
    ],
    [
      "a group name with capitals",
      (c) => (c.workloads[0].group = "Search"),
      'platform.yaml: workloads[0].group: group name must be 1-40 characters of lowercase letters, digits and \'-\', starting with a letter (found "Search")',
    ],
    [
      "movedFrom naming the workload's own group",
      (c) => (c.workloads[1].movedFrom = "search"),
      "platform.yaml: workloads[1].movedFrom: movedFrom 'search' is the workload's own group; name the group it is moving out of",
    ],
    [
      "an extra subscription to something that is not a destination",
      (c) => (c.workloads[0].subscriptions = [{ name: "bucket", destinationArn: "arn:aws:s3:::acme-logs" }]),
      'platform.yaml: workloads[0].subscriptions[0].destinationArn: must be the ARN of a CloudWatch Logs destination, Kinesis stream, Firehose stream or Lambda function (found "arn:aws:s3:::acme-logs")',
    ],
    [
      "an OAM sink ARN of another service",
      (c) => (c.archive!.oam = { sinkArn: "arn:aws:logs:us-east-1:222222222222:destination:x" }),
      'platform.yaml: archive.oam.sinkArn: must be an OAM sink ARN (the archive stack\'s oam_sink_arn output) (found "arn:aws:logs:us-east-1:222222222222:destination:x")',
    ],
    [
      "a maxResources below 10",
      (c) => (c.stacks = { maxResources: 3 }),
      "platform.yaml: stacks.maxResources: a stack budget below 10 resources cannot hold an environment's shared resources (found number 3)",
    ],
  ];

  it.each(cases)("rejects %s", (_what, mutate, expected) => {
    const problems = problemsOf(withArchive(mutate));
    if (expected.endsWith(": ")) expect(problems.some((p) => p.startsWith(expected))).toBe(true);
    else expect(problems).toContain(expected);
  });

  it("names the parser's reason for a bad filter pattern", () => {
    const [problem] = problemsOf(withArchive((c) => (c.workloads[0].archive = { filterPattern: "ERR*" })));
    expect(problem).toMatch(/^platform\.yaml: workloads\[0\]\.archive\.filterPattern: invalid filter pattern: .+/);
  });

  it("accepts an archive in its own account, with an organization and regions", () => {
    expect(
      problemsOf(
        withArchive(
          (c) =>
            (c.archive = {
              accountId: "333333333333",
              region: "eu-west-1",
              stateBucket: "acme-archive-tfstate",
              bucketName: "acme-log-archive",
              regions: ["eu-west-1", "us-east-1"],
              sources: { organizationId: "o-a1b2c3d4e5" },
              alarmTopics: { critical: "arn:aws:sns:eu-west-1:333333333333:archive-oncall" },
            }),
        ),
      ),
    ).toEqual([]);
  });
});
