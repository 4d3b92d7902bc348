import { runChecks } from "../../src/checks";
import { ConfigError } from "../../src/config/errors";
import { resourceAddresses, resourcesOfType } from "../support/synth";
import { PROD, STAGING, archiveConfig, modelOf, resource, synth, withArchive } from "./fixtures";

const codes = (config: Parameters<typeof modelOf>[0]) => runChecks(modelOf(config)).map((p) => `${p.code} ${p.path}: ${p.message}`);

describe("delivery to the archive", () => {
  const stacks = synth(archiveConfig());

  it("subscribes same-account log groups straight to Firehose, with the archive's ingest role", () => {
    expect(resource(stacks["monitoring-prod"], "aws_cloudwatch_log_subscription_filter", "chat_api_archive")).toMatchObject({
      name: "acme-log-archive",
      log_group_name: "${aws_cloudwatch_log_group.chat_api.name}",
      destination_arn: `arn:aws:firehose:us-east-1:${PROD}:deliverystream/acme-log-archive`,
      role_arn: `arn:aws:iam::${PROD}:role/acme-log-archive-ingest`,
      filter_pattern: "",
    });
  });

  it("subscribes other accounts' log groups to the archive's destination in their region, with no role", () => {
    const filter = resource(stacks["monitoring-staging"], "aws_cloudwatch_log_subscription_filter", "chat_api_archive");
    expect(filter.destination_arn).toBe(`arn:aws:logs:us-east-1:${PROD}:destination:acme-log-archive`);
    expect(filter.role_arn).toBeUndefined();
  });

  it("takes the filter pattern from the workload, else the environment, else the archive", () => {
    const config = withArchive((c) => {
      c.archive!.subscription = { filterPattern: "ERROR" };
      c.environments[1].archive = { filterPattern: "?ERROR ?WARN" };
      c.workloads[1].archive = { filterPattern: '{ $.level = "ERROR" }' };
    });
    const out = synth(config);
    expect(resource(out["monitoring-prod"], "aws_cloudwatch_log_subscription_filter", "chat_api_archive").filter_pattern).toBe("ERROR");
    expect(resource(out["monitoring-staging"], "aws_cloudwatch_log_subscription_filter", "chat_api_archive").filter_pattern).toBe("?ERROR ?WARN");
    expect(resource(out["monitoring-prod-search"], "aws_cloudwatch_log_subscription_filter", "rag_archive").filter_pattern).toBe('{ $.level = "ERROR" }');
  });

  describe("with an account-level subscription filter policy", () => {
    const config = withArchive((c) => {
      c.environments[0].archive = { mode: "account-policy", filterPattern: "ERROR" };
      c.workloads.push(
        { name: "batch", kind: "generic", environments: ["prod"], archive: { mode: "log-group-filters" } },
        { name: "secrets", kind: "generic", environments: ["prod"], archive: { enabled: false } },
      );
    });
    const out = synth(config);
    const prod = out["monitoring-prod"];

    it("delivers the whole account except the pipeline's own log group and the workloads that opted out", () => {
      const policy = resource(prod, "aws_cloudwatch_log_account_policy", "log_archive");
      expect(policy).toMatchObject({ policy_name: "acme-log-archive", policy_type: "SUBSCRIPTION_FILTER_POLICY", scope: "ALL" });
      expect(JSON.parse(policy.policy_document as string)).toEqual({
        DestinationArn: `arn:aws:firehose:us-east-1:${PROD}:deliverystream/acme-log-archive`,
        RoleArn: `arn:aws:iam::${PROD}:role/acme-log-archive-ingest`,
        FilterPattern: "ERROR",
        Distribution: "Random",
      });
      expect(policy.selection_criteria).toBe('LogGroupName NOT IN ["/aws/kinesisfirehose/acme-log-archive","/acme/prod/batch","/acme/prod/secrets"]');
    });

    it("gives per-log-group filters only to workloads that asked for one", () => {
      expect(Object.keys(resourcesOfType(prod, "aws_cloudwatch_log_subscription_filter"))).toEqual(["batch_archive"]);
      expect(resourcesOfType(out["monitoring-prod-search"], "aws_cloudwatch_log_subscription_filter")).toEqual({});
      // Staging keeps its own mode.
      expect(Object.keys(resourcesOfType(out["monitoring-staging"], "aws_cloudwatch_log_subscription_filter"))).toEqual(["chat_api_archive"]);
      expect(resourcesOfType(out["monitoring-staging"], "aws_cloudwatch_log_account_policy")).toEqual({});
    });

    it("counts the policy against the 2 subscription filters of every log group it covers (AIL040)", () => {
      const crowded = withArchive((c) => {
        c.environments[0].archive = { mode: "account-policy" };
        c.workloads[0].environments = ["prod"];
        c.workloads[0].subscriptions = [
          { name: "team-stream", destinationArn: `arn:aws:kinesis:us-east-1:${PROD}:stream/team`, roleArn: `arn:aws:iam::${PROD}:role/cwl` },
          { name: "scanner", destinationArn: `arn:aws:lambda:us-east-1:${PROD}:function:scan` },
        ];
      });
      expect(codes(crowded)).toEqual([
        "AIL040 workloads[0].subscriptions: environment 'prod', workload 'chat-api': log group '/acme/prod/chat-api' would have 3 subscription filters ('acme-team-stream', 'acme-scanner', the account-level policy 'acme-log-archive'); CloudWatch Logs allows at most 2. Drop a subscription, or opt this workload out of the archive (archive.enabled: false)",
      ]);
      crowded.workloads[0].archive = { enabled: false };
      expect(codes(crowded)).toEqual([]);
    });
  });

  it("adds a workload's own subscriptions next to the archive's", () => {
    const out = synth(withArchive((c) => (c.workloads[0].subscriptions = [{ name: "team-stream", destinationArn: `arn:aws:kinesis:us-east-1:${PROD}:stream/team`, roleArn: `arn:aws:iam::${PROD}:role/cwl`, filterPattern: "ERROR" }])));
    expect(resource(out["monitoring-prod"], "aws_cloudwatch_log_subscription_filter", "chat_api_subscription_team_stream")).toMatchObject({
      name: "acme-team-stream",
      destination_arn: `arn:aws:kinesis:us-east-1:${PROD}:stream/team`,
      role_arn: `arn:aws:iam::${PROD}:role/cwl`,
      filter_pattern: "ERROR",
    });
  });

  it("reports a source region without a destination once per environment, and how to fix it (AIL041)", () => {
    const farAway = withArchive((c) => {
      c.environments[1].region = "eu-west-1";
      c.workloads.push({ name: "batch", kind: "generic", environments: ["staging"] });
    });
    expect(codes(farAway)).toEqual([
      `AIL041 workloads[0].archive: environment 'staging', workload 'chat-api': its archive subscription (and 1 more workload of this environment): log groups in eu-west-1 cannot subscribe to arn:aws:logs:us-east-1:${PROD}:destination:acme-log-archive in us-east-1: a CloudWatch Logs destination accepts log groups of its own region only. Add eu-west-1 to archive.regions (the archive then gets a destination there)`,
    ]);
    farAway.archive!.regions = ["us-east-1", "eu-west-1"];
    expect(codes(farAway)).toEqual([]);
    expect(modelOf(farAway).environments[1].workloads[0].subscriptions[0].destinationArn).toBe(`arn:aws:logs:eu-west-1:${PROD}:destination:acme-log-archive`);
    // Same account, another region: straight into Firehose, which CloudWatch Logs allows.
    const sameAccount = withArchive((c) => (c.environments[1] = { ...c.environments[1], accountId: PROD, region: "eu-west-1" }));
    expect(codes(sameAccount)).toEqual([]);
  });

  it("reports an account the destination does not allow, for filters and for the account policy (AIL042)", () => {
    const notAllowed = withArchive((c) => {
      c.archive!.sources = { accounts: ["333333333333"] };
      c.environments[1].archive = { mode: "account-policy" };
    });
    expect(codes(notAllowed)).toEqual([
      `AIL042 environments[1].archive: environment 'staging': its account-level subscription policy: account ${STAGING} is not allowed to deliver to the archive's destination in account ${PROD} (archive.sources allows 333333333333); add it to archive.sources.accounts, or turn delivery off for this environment (archive.enabled: false)`,
    ]);
    notAllowed.environments[1].archive = { enabled: false };
    expect(codes(notAllowed)).toEqual([]);
    expect(synth(notAllowed)["monitoring-staging"].resource).not.toHaveProperty("aws_cloudwatch_log_account_policy");
  });
});

describe("stack groups", () => {
  const stacks = synth(archiveConfig());

  it("keeps the default group's stack name and addresses, and gives every other group its own stack", () => {
    expect(resourceAddresses(stacks["monitoring-prod"])).toContain("aws_cloudwatch_log_group.chat_api");
    expect(resourceAddresses(stacks["monitoring-prod"])).not.toContain("aws_cloudwatch_log_group.rag");
    const search = resourceAddresses(stacks["monitoring-prod-search"]);
    expect(search).toEqual(
      expect.arrayContaining([
        "aws_cloudwatch_log_group.rag",
        "aws_cloudwatch_log_metric_filter.rag_errors",
        "aws_cloudwatch_log_subscription_filter.rag_archive",
        "aws_cloudwatch_metric_alarm.rag_errors",
        "aws_kms_alias.monitoring_key",
        "aws_kms_key.monitoring_key",
      ]),
    );
    // Only rag and its key: what the environment shares stays in the default group's stack.
    expect(search.filter((a) => !a.endsWith(".monitoring_key") && !/\.rag(_|$)/.test(a))).toEqual([]);
    expect((stacks["monitoring-prod-search"].terraform as { backend: { s3: { key: string } } }).backend.s3.key).toBe("acme/monitoring-prod-search.tfstate");
  });

  it("encrypts a group's log groups with the group's key and notifies the environment's topics by ARN", () => {
    const search = stacks["monitoring-prod-search"];
    expect(resource(search, "aws_kms_alias", "monitoring_key").name).toBe("alias/acme-prod-search-monitoring");
    expect(resource(stacks["monitoring-prod"], "aws_kms_alias", "monitoring_key").name).toBe("alias/acme-prod-monitoring");
    const keyPolicy = JSON.parse(resource(search, "aws_kms_key", "monitoring_key").policy as string) as { Statement: { Sid: string; Condition?: unknown }[] };
    expect(keyPolicy.Statement.find((s) => s.Sid === "CloudWatchLogsEncryptsTheseLogGroups")!.Condition).toEqual({
      ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${PROD}:log-group:/acme/prod/rag` },
    });
    expect(resource(search, "aws_cloudwatch_metric_alarm", "rag_errors").alarm_actions).toEqual([`arn:aws:sns:us-east-1:${PROD}:acme-prod-alerts-critical`]);
    expect(resource(stacks["monitoring-prod"], "aws_sns_topic", "alerts_critical").name).toBe("acme-prod-alerts-critical");
    expect(search.output).not.toHaveProperty("alerts_critical_topic_arn");
  });

  it("counts exactly what a stack holds and fails the synth over the budget (AIL043)", () => {
    const config = withArchive((c) => c.workloads.push(...["a", "b", "c", "d", "e"].map((name) => ({ name: `extra-${name}`, kind: "generic", environments: ["prod"] }))));
    const held = resourceAddresses(synth(config)["monitoring-prod"]).length;
    const largestOther = Math.max(...Object.entries(synth(config)).filter(([name]) => name !== "monitoring-prod").map(([, stack]) => resourceAddresses(stack).length));
    expect(held).toBeGreaterThan(largestOther);
    config.stacks = { maxResources: held };
    expect(runChecks(modelOf(config))).toEqual([]);
    config.stacks = { maxResources: held - 1 };
    expect(() => synth(config)).toThrow(ConfigError);
    expect(runChecks(modelOf(config))).toEqual([
      {
        file: "platform.yaml",
        path: "stacks.maxResources",
        code: "AIL043",
        message: `environment 'prod': stack monitoring-prod (group 'default', 6 workloads) holds ${held} Terraform resources; the budget is ${held - 1} (stacks.maxResources). Give some of its workloads another group (workloads[].group) so every state and plan stays small`,
      },
    ]);
    // Splitting the group brings every stack under the budget.
    config.workloads.slice(2).forEach((w) => (w.group = "batch"));
    expect(runChecks(modelOf(config))).toEqual([]);
  });
});
