import { Construct } from "constructs";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import type { EnvironmentModel } from "../model/types";
import { pinAddress } from "./addresses";
import { dashboardPages } from "./dashboard-body";

export interface EnvironmentDashboardProps {
  /** Every workload of the environment, whichever stack group holds it. */
  readonly environment: EnvironmentModel;
  /** @default "ai_workloads" */
  readonly address?: string;
}

/**
 * `aws_cloudwatch_dashboard.ai_workloads`: the environment's generated dashboard (see dashboard-body.ts).
 * An environment too large for one dashboard (500 widgets) continues on `<name>-page-2`, ... at
 * `aws_cloudwatch_dashboard.ai_workloads_page_2`, ...; the first page keeps its name and address.
 */
export class EnvironmentDashboard extends Construct {
  readonly dashboards: CloudwatchDashboard[];

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    const address = props.address ?? "ai_workloads";
    this.dashboards = dashboardPages(props.environment).map((body, i) =>
      pinAddress(
        new CloudwatchDashboard(this, i === 0 ? "dashboard" : `dashboard-page-${i + 1}`, {
          dashboardName: i === 0 ? props.environment.dashboardName : `${props.environment.dashboardName}-page-${i + 1}`,
          dashboardBody: JSON.stringify(body),
        }),
        i === 0 ? address : `${address}_page_${i + 1}`,
      ),
    );
  }
}
