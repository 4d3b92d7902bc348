import { z } from "zod";
import { AWS_ACCOUNT_ID_PATTERN, AWS_REGION_PATTERN, S3_BUCKET_NAME_PATTERN } from "../aws/limits";

/** Value types several config sections share: one definition, one error message each. */

/** Names that become parts of Terraform addresses, stack names and AWS resource names. */
export const slug = (what: string) =>
  z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, {
      message: `${what} must be 1-40 characters of lowercase letters, digits and '-', starting with a letter`,
    })
    .refine((s) => !s.endsWith("-") && !s.includes("--"), {
      message: `${what} must not end with '-' or contain '--'`,
    });

export const accountId = z.string().regex(AWS_ACCOUNT_ID_PATTERN, { message: "must be a 12-digit AWS account id (quote it in YAML)" });
export const region = z.string().regex(AWS_REGION_PATTERN, { message: "must be an AWS region such as us-east-1" });
export const bucketName = z.string().regex(S3_BUCKET_NAME_PATTERN, { message: "must be an S3 bucket name: 3-63 of a-z 0-9 . -" });
export const snsTopicArn = z
  .string()
  .regex(/^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, { message: "must be an SNS topic ARN" });
