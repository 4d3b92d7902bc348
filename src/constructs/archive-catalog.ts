import { Construct } from "constructs";
import { AthenaNamedQuery } from "@cdktf/provider-aws/lib/athena-named-query";
import { AthenaWorkgroup } from "@cdktf/provider-aws/lib/athena-workgroup";
import { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
import { GlueCatalogTable } from "@cdktf/provider-aws/lib/glue-catalog-table";
import type { ArchiveCompression } from "../aws/archive-limits";
import { pinAddress, protectData } from "./addresses";

export interface ArchiveCatalogProps {
  readonly database: string;
  readonly table: string;
  readonly workgroup: string;
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  /** Prefix of the archived objects, e.g. `logs/`. */
  readonly prefix: string;
  /** Prefix of Athena query results. */
  readonly resultsPrefix: string;
  readonly compression: ArchiveCompression;
  /**
   * Values of the `account` partition: known accounts are enumerated (Athena finds every partition by
   * itself); with an organization they are not known, and queries must name the account.
   */
  readonly accounts: { readonly known: readonly string[] } | { readonly injected: true };
  /** How far back `day` partitions go, in days. */
  readonly days: number;
  /** Stop a query after it scanned this many bytes. @default 10 GiB */
  readonly bytesScannedCutoffPerQuery?: number;
  readonly allowDestroy?: boolean;
  readonly address: string;
}

/** The table's columns: the CloudWatch Logs subscription envelope, one JSON object per line. */
export const ARCHIVE_COLUMNS = [
  { name: "messagetype", type: "string", comment: "DATA_MESSAGE, or CONTROL_MESSAGE for CloudWatch Logs' reachability checks" },
  { name: "owner", type: "string", comment: "Account of the log group" },
  { name: "loggroup", type: "string" },
  { name: "logstream", type: "string" },
  { name: "subscriptionfilters", type: "array<string>" },
  { name: "logevents", type: "array<struct<id:string,timestamp:bigint,message:string>>", comment: "timestamp: epoch milliseconds" },
] as const;

const SERDE = "org.openx.data.jsonserde.JsonSerDe";

/**
 * Makes the archive queryable without crawlers: a Glue database and table over the archive prefix with
 * partition projection (Athena computes the partitions from the table properties, so new accounts,
 * days and hours need no `MSCK REPAIR` and no crawler), an Athena workgroup writing KMS-encrypted
 * results into the archive bucket, and a saved example query.
 * Addresses: `aws_glue_catalog_database.<a>`, `aws_glue_catalog_table.<a>`, `aws_athena_workgroup.<a>`,
 * `aws_athena_named_query.<a>_recent_errors`.
 */
export class ArchiveCatalog extends Construct {
  readonly database: GlueCatalogDatabase;
  readonly table: GlueCatalogTable;
  readonly workgroup: AthenaWorkgroup;

  constructor(scope: Construct, id: string, props: ArchiveCatalogProps) {
    super(scope, id);
    const location = `s3://${props.bucketName}/${props.prefix}`;
    const lifecycle = protectData(props.allowDestroy ?? false);
    this.database = pinAddress(
      new GlueCatalogDatabase(this, "database", { name: props.database, description: `CloudWatch Logs archived in s3://${props.bucketName}`, lifecycle }),
      props.address,
    );
    this.table = pinAddress(
      new GlueCatalogTable(this, "table", {
        databaseName: this.database.name,
        name: props.table,
        description: "CloudWatch Logs subscription records delivered by Firehose",
        tableType: "EXTERNAL_TABLE",
        parameters: { EXTERNAL: "TRUE", classification: "json", ...compressionParameter(props.compression), ...projectionParameters(props, location) },
        partitionKeys: [
          { name: "account", type: "string", comment: "Source account (partition)" },
          { name: "day", type: "string", comment: "UTC day Firehose received the records, yyyy-MM-dd (partition)" },
          { name: "hour", type: "string", comment: "UTC hour, HH (partition)" },
        ],
        storageDescriptor: {
          location,
          inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
          outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
          serDeInfo: { serializationLibrary: SERDE, parameters: { "ignore.malformed.json": "true" } },
          columns: ARCHIVE_COLUMNS.map((c) => ({ ...c })),
        },
        lifecycle,
      }),
      props.address,
    );
    this.workgroup = pinAddress(
      new AthenaWorkgroup(this, "workgroup", {
        name: props.workgroup,
        description: "Queries over the CloudWatch Logs archive",
        forceDestroy: false,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
          resultConfiguration: {
            outputLocation: `s3://${props.bucketName}/${props.resultsPrefix}`,
            encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: props.kmsKeyArn },
          },
        },
      }),
      props.address,
    );
    pinAddress(
      new AthenaNamedQuery(this, "recent-errors", {
        name: "recent-errors",
        description: "The last day's log events containing ERROR, newest first, from every archived account",
        database: this.database.name,
        workgroup: this.workgroup.name,
        query: recentErrorsQuery(props.database, props.table, "injected" in props.accounts ? "<account id>" : undefined),
      }),
      `${props.address}_recent_errors`,
    );
  }
}

/** The saved example query (also in docs/archive.md). `account`: required when the account partition is injected. */
export function recentErrorsQuery(database: string, table: string, account?: string): string {
  return [
    "SELECT from_unixtime(e.timestamp / 1000) AS event_time, l.account, l.loggroup, l.logstream, e.message",
    `FROM "${database}"."${table}" AS l`,
    "CROSS JOIN UNNEST(l.logevents) AS t (e)",
    "WHERE l.messagetype = 'DATA_MESSAGE'",
    "  AND l.day >= date_format(current_date - INTERVAL '1' DAY, '%Y-%m-%d')",
    ...(account !== undefined ? [`  AND l.account = '${account}'`] : []),
    "  AND e.message LIKE '%ERROR%'",
    "ORDER BY event_time DESC",
    "LIMIT 100",
  ].join("\n");
}

function compressionParameter(compression: ArchiveCompression): Record<string, string> {
  if (compression === "GZIP") return { compressionType: "gzip" };
  if (compression === "HADOOP_SNAPPY") return { compressionType: "snappy" };
  return {};
}

/** Partition projection: https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html */
function projectionParameters(props: ArchiveCatalogProps, location: string): Record<string, string> {
  const account: Record<string, string> =
    "injected" in props.accounts
      ? { "projection.account.type": "injected" }
      : { "projection.account.type": "enum", "projection.account.values": props.accounts.known.join(",") };
  return {
    "projection.enabled": "true",
    ...account,
    "projection.day.type": "date",
    "projection.day.format": "yyyy-MM-dd",
    "projection.day.range": `NOW-${props.days}DAYS,NOW`,
    "projection.day.interval": "1",
    "projection.day.interval.unit": "DAYS",
    "projection.hour.type": "integer",
    "projection.hour.range": "0,23",
    "projection.hour.digits": "2",
    // Athena, not Terraform, fills these in (ProductStack escapes them as literals).
    "storage.location.template": `${location}account=\${account}/day=\${day}/hour=\${hour}/`,
  };
}
