/**
 * Naming conventions. Names are part of the product's contract: Terraform addresses, AWS resource
 * names and output names must stay stable across releases, so every convention lives here.
 */

export const DEFAULT_METRIC_NAMESPACE = "AI_Monitoring";
export const DEFAULT_RETENTION_DAYS = 30;

/**
 * `inference-api` -> `inference_api`: HCL-idiomatic, and unique because slugs contain no `_`. Joined
 * ids (`<workload>_<signal>`) can still collide (`a` + `b-c` vs `a-b` + `c`): check AIL030 reports that.
 */
export function addressId(slug: string): string {
  return slug.replace(/-/g, "_");
}

export function logGroupName(project: string, environment: string, workload: string): string {
  return `/${project}/${environment}/${workload}`;
}

export function metricNamespace(prefix: string, workload: string): string {
  return `${prefix}/${workload}`;
}

/** Metric filter and alarm names: unique per account and region, readable in the console. */
export function signalResourceName(project: string, environment: string, workload: string, signal: string): string {
  return `${project}-${environment}-${workload}-${signal}`;
}

export function topicName(project: string, environment: string, severity: string): string {
  return `${project}-${environment}-alerts-${severity}`;
}

export function monitoringStackName(environment: string): string {
  return `monitoring-${environment}`;
}

export function stateBucketStackName(bucket: string): string {
  return `state-${bucket.replace(/\./g, "-")}`;
}

/** S3 key of a stack's state inside the environment's state bucket. */
export function stateKey(project: string, stackName: string): string {
  return `${project}/${stackName}.tfstate`;
}

export function kmsAliasName(project: string, environment: string): string {
  return `alias/${project}-${environment}-monitoring`;
}

/** aws, aws-cn or aws-us-gov, from the region name. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** Stream names may hold characters HCL addresses cannot; keep letters, digits, '_' and '-'. */
export function streamAddress(stream: string): string {
  return `stream_${stream.replace(/[^A-Za-z0-9]+/g, "_")}`;
}

/** `oncall@example.com` -> `oncall_example_com`: readable, stable while the endpoint stays. */
export function endpointAddress(endpoint: string): string {
  return endpoint.replace(/^https:\/\//, "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 64);
}
