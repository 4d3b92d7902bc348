import { gunzipSync } from "node:zlib";
import { testMetricFilter } from "../src/patterns";
import { getObject, listKeys, logs } from "./emulator-api";
import { sleep } from "./processes";
import { expectSuccess, failure, type StackContext } from "./terraform-cli";

interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
}

/** The applied resources, from the state itself (`terraform state pull` needs no provider: fast). */
async function stateResources(ctx: StackContext): Promise<StateResource[]> {
  const pull = await expectSuccess(ctx, ["state", "pull"], "terraform state pull");
  const state = JSON.parse(pull.stdout) as { resources?: { mode: string; type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] };
  return (state.resources ?? [])
    .filter((r) => r.mode === "managed")
    .flatMap((r) => r.instances.map((i) => ({ address: `${r.type}.${r.name}`, type: r.type, values: i.attributes })));
}

async function outputs(ctx: StackContext): Promise<Record<string, { value: unknown }>> {
  return JSON.parse((await expectSuccess(ctx, ["output", "-json", "-no-color"], "terraform output -json")).stdout) as Record<string, { value: unknown }>;
}

export interface Delivery {
  readonly logGroup: string;
  readonly stack: string;
  readonly key: string;
}

export interface DeliveryResult {
  readonly bucket: string;
  readonly delivered: readonly Delivery[];
  /** Subscriptions into the archive the test cannot exercise here, with the reason. */
  readonly notExercised: readonly string[];
}

/** The CloudWatch Logs subscription payload Firehose receives (moto writes it to S3 as is, gzipped). */
interface SubscriptionPayload {
  readonly messageType: string;
  readonly owner: string;
  readonly logGroup: string;
  readonly logEvents: readonly { message: string }[];
}

/**
 * Log events put into every log group subscribed to the archive's Firehose stream (read from the applied
 * state, not the config) arrive as objects in the archive bucket, under the stream's prefix, carrying the
 * events, their log group and account. moto delivers the subscription payload as it is: it runs none of
 * the stream's processors (decompression, metadata extraction, dynamic partitioning), so the object key
 * keeps the prefix's `!{...}` expressions literally and the object is the gzipped payload.
 */
export async function checkArchiveDelivery(archive: StackContext, sources: readonly StackContext[]): Promise<DeliveryResult> {
  const out = await outputs(archive);
  const bucket = out.archive_bucket_name?.value as string;
  const streamArn = out.archive_delivery_stream_arn?.value as string;
  if (!bucket || !streamArn) throw failure(archive, "the archive stack has no archive_bucket_name / archive_delivery_stream_arn output");
  const stream = (await stateResources(archive)).find((r) => r.type === "aws_kinesis_firehose_delivery_stream" && r.values.arn === streamArn);
  const prefix = String((stream?.values.extended_s3_configuration as { prefix?: string }[] | undefined)?.[0]?.prefix ?? "");
  const staticPrefix = prefix.split("!{")[0];
  const region = streamArn.split(":")[3];

  const marker = `ai-logs-deploy-test-${Date.now()}`;
  const expected = new Map<string, { stack: string; message: string }>();
  const notExercised: string[] = [];
  for (const source of sources.filter((s) => s.moto === archive.moto)) {
    for (const filter of (await stateResources(source)).filter((r) => r.type === "aws_cloudwatch_log_subscription_filter" && r.values.destination_arn === streamArn)) {
      const logGroup = String(filter.values.log_group_name);
      const message = JSON.stringify({ level: "ERROR", message: `${marker} ${logGroup}` });
      const pattern = String(filter.values.filter_pattern ?? "");
      if (pattern !== "" && testMetricFilter({ filterPattern: pattern, logEventMessages: [message] }).matches.length === 0) {
        notExercised.push(`${source.stack} ${filter.address}: its pattern ${pattern} does not match the test's event`);
        continue;
      }
      await logs(archive.moto.endpoint, region, "CreateLogStream", { logGroupName: logGroup, logStreamName: marker });
      await logs(archive.moto.endpoint, region, "PutLogEvents", { logGroupName: logGroup, logStreamName: marker, logEvents: [{ timestamp: Date.now(), message }] });
      expected.set(logGroup, { stack: source.stack, message });
    }
  }
  for (const source of sources.filter((s) => s.moto !== archive.moto)) {
    notExercised.push(`${source.stack}: account ${source.moto.accountId} reaches the archive through a CloudWatch Logs destination in account ${archive.moto.accountId}; one emulator per account cannot deliver across them`);
  }
  if (expected.size === 0) throw failure(archive, "no log group in the archive's account is subscribed to its Firehose stream");

  const delivered = new Map<string, Delivery>();
  const deadline = Date.now() + 30_000;
  while (delivered.size < expected.size && Date.now() < deadline) {
    for (const key of await listKeys(archive.moto.endpoint, region, bucket, staticPrefix)) {
      if ([...delivered.values()].some((d) => d.key === key)) continue;
      const body = await getObject(archive.moto.endpoint, region, bucket, key);
      const payload = JSON.parse((body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString("utf8")) as SubscriptionPayload;
      const want = expected.get(payload.logGroup);
      if (!want || !payload.logEvents.some((e) => e.message === want.message)) continue;
      if (payload.messageType !== "DATA_MESSAGE" || payload.owner !== archive.moto.accountId) {
        throw failure(archive, `s3://${bucket}/${key} holds ${payload.logGroup}'s events with messageType ${payload.messageType}, owner ${payload.owner}`);
      }
      delivered.set(payload.logGroup, { logGroup: payload.logGroup, stack: want.stack, key });
    }
    if (delivered.size < expected.size) await sleep(500);
  }
  const missing = [...expected.keys()].filter((g) => !delivered.has(g));
  if (missing.length > 0) throw failure(archive, `no object in s3://${bucket}/${staticPrefix} carries the events put into ${missing.join(", ")}`);
  return { bucket, delivered: [...delivered.values()], notExercised };
}
