import { Construct } from "constructs";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import type { EnvironmentModel } from "../model/types";
import { pinAddress } from "./addresses";
import { dashboardBody } from "./dashboard-body";

export interface EnvironmentDashboardProps {
  /** Every workload of the environment, whichever stack group holds it. */
  readonly environment: EnvironmentModel;
  /** @default "ai_workloads" */
  readonly address?: string;
}

/** `aws_cloudwatch_dashboard.ai_workloads`: the environment's generated dashboard (see dashboard-body.ts). */
export class EnvironmentDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    this.dashboard = pinAddress(
      new CloudwatchDashboard(this, "dashboard", {
        dashboardName: props.environment.dashboardName,
        dashboardBody: JSON.stringify(dashboardBody(props.environment)),
      }),
      props.address ?? "ai_workloads",
    );
  }
}
