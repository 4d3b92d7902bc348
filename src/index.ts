/**
 * Public library API. Import by path from this file; provider classes are never re-exported from the
 * @cdktf/provider-aws root (loading it costs seconds), only our constructs that use them by deep path.
 */
export * from "./patterns";
export { ConfigError, type ConfigProblem, formatProblems } from "./config/errors";
export { loadConfigFile, parseConfigText, validateConfig } from "./config/load";
export { configSchema, type Config } from "./config/schema";
export { configJsonSchema } from "./config/json-schema";
export { buildModel } from "./model/build-model";
export type * from "./model/types";
export * as naming from "./model/naming";
export { RULES, runChecks, assertModelValid, type Rule } from "./checks";
export { WORKLOAD_KINDS, catalogueFor, presetFor } from "./signals";
export type { SignalPreset, WorkloadKindCatalogue, Severity } from "./signals/types";
export { buildApp } from "./app";
export { synthesize, DEFAULT_CONFIG_FILE } from "./synth";
export { WorkloadLogs, type WorkloadLogsProps } from "./constructs/workload-logs";
export { SignalAlarm, type SignalAlarmProps } from "./constructs/signal-alarm";
export { AlertTopic, type AlertTopicProps } from "./constructs/alert-topic";
export { MonitoringKey, type MonitoringKeyProps } from "./constructs/monitoring-key";
export { MonitoringStack, type MonitoringStackProps } from "./stacks/monitoring-stack";
export { AiMonitoringStack, type AiMonitoringStackProps, type AiMonitoringEnvironment, type AiMonitoringWorkload } from "./stacks/ai-monitoring-stack";
export { skipTokenCreationStacks } from "./terraform/token-creation-stacks";
export { StateBucketStack, type StateBucketStackProps } from "./stacks/state-bucket-stack";
export { ArchiveStack } from "./stacks/archive-stack";
export { HardenedBucket } from "./constructs/hardened-bucket";
export { FirehoseDelivery } from "./constructs/firehose-delivery";
export { LogDestination } from "./constructs/log-destination";
export { LogSubscription } from "./constructs/log-subscription";
export { AccountSubscriptionPolicy } from "./constructs/account-subscription-policy";
export { ObservabilitySink, ObservabilityLink } from "./constructs/oam";
export { ServiceRole } from "./constructs/service-role";
export { WorkloadMonitoring } from "./constructs/workload-monitoring";
export { HealthAlarm } from "./constructs/health-alarm";
export { EnvironmentDashboard } from "./constructs/environment-dashboard";
export { DataProtection } from "./constructs/data-protection";
export { BedrockInvocationLogging } from "./constructs/bedrock-invocation-logging";
export { WorkloadInsights } from "./constructs/workload-insights";
export * as review from "./review";
export * as backtesting from "./backtest";
export { backtest, type BacktestOptions, type BacktestReport } from "./backtest";
