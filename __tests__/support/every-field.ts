import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { EXAMPLE_CONFIG } from "./synth";

// Config as plain data (a document to mutate, not a validated Config).
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The example config plus what it leaves out, so that every field of the schema that can hold free
 * text has a valid value somewhere: existing topics (a third environment), a second warning target,
 * environment tags, an environment's own archive filter, a log group's own name and key, extra
 * subscriptions, alarm dimensions of a preset, SageMaker variants, a group move, volume hints, the archive's
 * default filter and OAM environments. template-injection.test.ts checks that it covers every field.
 */
export function everyFieldDocument(): Doc {
  const doc = parse(readFileSync(EXAMPLE_CONFIG, "utf8")) as Doc;
  doc.environments.push({
    name: "dr",
    accountId: "333333333333",
    region: "us-east-1",
    stateBucket: "acme-ai-tfstate-dr",
    tags: { team: "dr" },
    notifications: {
      critical: { existingTopicArn: "arn:aws:sns:us-east-1:333333333333:oncall" },
      warning: { existingTopicArn: "arn:aws:sns:us-east-1:333333333333:ml-platform" },
    },
    archive: { filterPattern: '{ $.level = "ERROR" }' },
  });
  doc.environments[1].notifications.warning.httpsEndpoints = ["https://hooks.example.com/warning"];
  doc.archive.sources.accounts.push("333333333333");
  doc.archive.subscription = { filterPattern: '-"DEBUG"' };
  doc.archive.oam.environments = ["staging"];
  const workload = (name: string) => doc.workloads.find((w: Doc) => w.name === name) as Doc;
  Object.assign(workload("feature-pipeline").logGroup, {
    name: "/acme/features",
    kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  });
  workload("feature-pipeline").subscriptions = [
    { name: "team-stream", destinationArn: "arn:aws:kinesis:us-east-1:222222222222:stream/team", roleArn: "arn:aws:iam::222222222222:role/cwl-to-kinesis", filterPattern: '"ERROR"' },
  ];
  workload("chat-inference").signals["request-latency"] = { dimensions: { Model: "meta-llama/Llama-3.1-8B-Instruct" } };
  workload("reranker").sagemaker.variantNames = ["AllTraffic"];
  workload("rag-retriever").movedFrom = "default";
  workload("chat-inference").expectedUsage = { logGbPerDay: 2, dimensionValues: { Model: 3 } };
  return doc;
}
