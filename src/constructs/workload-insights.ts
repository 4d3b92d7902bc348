import { Construct } from "constructs";
import { CloudwatchLogAnomalyDetector } from "@cdktf/provider-aws/lib/cloudwatch-log-anomaly-detector";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import type { WorkloadModel } from "../model/types";
import { pinAddress } from "./addresses";

export interface WorkloadInsightsProps {
  readonly workload: WorkloadModel;
  /** The workload's log group name (a reference, so the log group exists first). */
  readonly logGroupName: string;
  /** The workload's log group ARN, for the anomaly detector. */
  readonly logGroupArn: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Saved Logs Insights queries of the workload's kind (`aws_cloudwatch_query_definition.<w>_<query>`,
 * in a console folder per workload) and its optional log anomaly detector
 * (`aws_cloudwatch_log_anomaly_detector.<w>`). Neither holds data and neither can be imported by a
 * name known at synth time, so they live outside the workload's construct: a stack-group move
 * recreates them (the detector then learns its baseline again).
 */
export class WorkloadInsights extends Construct {
  readonly queries: CloudwatchQueryDefinition[];
  readonly anomalyDetector?: CloudwatchLogAnomalyDetector;

  constructor(scope: Construct, id: string, props: WorkloadInsightsProps) {
    super(scope, id);
    const w = props.workload;
    this.queries = (w.queries ?? []).map((q) =>
      pinAddress(
        new CloudwatchQueryDefinition(this, `query-${q.id}`, { name: q.name, queryString: q.query, logGroupNames: [props.logGroupName] }),
        `${w.id}_${q.addressId}`,
      ),
    );
    const d = w.logAnomalyDetector;
    if (d) {
      this.anomalyDetector = pinAddress(
        new CloudwatchLogAnomalyDetector(this, "anomaly-detector", {
          detectorName: d.detectorName,
          logGroupArnList: [props.logGroupArn],
          evaluationFrequency: d.evaluationFrequency,
          anomalyVisibilityTime: d.anomalyVisibilityDays,
          enabled: true,
          tags: { ...props.tags },
        }),
        w.id,
      );
    }
  }
}
