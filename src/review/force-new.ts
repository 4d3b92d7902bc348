/**
 * Attributes the hashicorp/aws provider (5.100) cannot update in place: changing one replaces the
 * resource (delete + create). A plan says so itself (replace_paths); a synth diff has only this table.
 * The log group, stream, metric filter and alarm entries are checked against real plans in
 * __tests__/review; the rest follow the provider's schema (ForceNew).
 */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  aws_cloudwatch_log_group: ["name", "name_prefix", "log_group_class"],
  aws_cloudwatch_log_stream: ["name", "log_group_name"],
  aws_cloudwatch_log_metric_filter: ["name", "log_group_name"],
  aws_cloudwatch_log_subscription_filter: ["name", "log_group_name"],
  aws_cloudwatch_log_data_protection_policy: ["log_group_name"],
  aws_cloudwatch_log_destination: ["name"],
  aws_cloudwatch_metric_alarm: ["alarm_name"],
  aws_cloudwatch_composite_alarm: ["alarm_name"],
  aws_sns_topic: ["name", "name_prefix", "fifo_topic"],
  aws_sns_topic_policy: ["arn"],
  aws_sns_topic_subscription: ["topic_arn", "protocol", "endpoint"],
  aws_kms_key: ["customer_master_key_spec", "key_usage", "multi_region", "custom_key_store_id"],
  aws_kms_alias: ["name", "name_prefix"],
  aws_s3_bucket: ["bucket", "bucket_prefix", "object_lock_enabled"],
  aws_s3_bucket_policy: ["bucket"],
  aws_s3_bucket_versioning: ["bucket", "expected_bucket_owner"],
  aws_s3_bucket_server_side_encryption_configuration: ["bucket", "expected_bucket_owner"],
  aws_s3_bucket_public_access_block: ["bucket"],
  aws_s3_bucket_lifecycle_configuration: ["bucket", "expected_bucket_owner"],
  aws_kinesis_firehose_delivery_stream: ["name", "destination"],
  aws_iam_role: ["name", "name_prefix"],
};

export function forcesReplacement(type: string, attribute: string): boolean {
  return FORCE_NEW[type]?.includes(attribute) ?? false;
}
