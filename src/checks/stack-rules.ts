import { TerraformResource, type TerraformStack } from "cdktf";
import type { ConfigProblem } from "../config/errors";
import { detachedRoot } from "../constructs/scratch";
import { ARCHIVE_STACK_NAME } from "../model/archive";
import { stateBucketStackName } from "../model/naming";
import { monitoringStackLayouts } from "../model/stack-layout";
import type { MonitoringModel } from "../model/types";
import { addStacks } from "../stacks/build-stacks";
import type { Rule } from "./finding";

/** A rule about the stacks themselves. buildApp runs it on the stacks it built; `check` builds them in a scratch root. */
export interface StackRule extends Rule {
  checkStacks(model: MonitoringModel, stacks: readonly TerraformStack[]): ConfigProblem[];
}

/** Terraform resources a stack holds (what its state and every plan of it carry). */
export function resourceCount(stack: TerraformStack): number {
  return stack.node.findAll().filter((c) => c instanceof TerraformResource).length;
}

function budgetProblems(model: MonitoringModel, stacks: readonly TerraformStack[]): ConfigProblem[] {
  const layouts = new Map(monitoringStackLayouts(model).map((l) => [l.name, l]));
  return stacks
    .map((stack) => ({ stack, count: resourceCount(stack) }))
    .filter(({ count }) => count > model.maxResourcesPerStack)
    .map(({ stack, count }) => {
      const layout = layouts.get(stack.node.id);
      const where = layout ? `environment '${layout.environment.name}': stack ${stack.node.id} (group '${layout.group}', ${layout.workloads.length} workloads)` : `stack ${stack.node.id}`;
      return {
        file: model.source,
        path: "stacks.maxResources",
        code: "AIL043",
        message: `${where} holds ${count} Terraform resources; the budget is ${model.maxResourcesPerStack} (stacks.maxResources). Give some of its workloads another group (workloads[].group) so every state and plan stays small`,
      };
    });
}

export const stackBudgetRule: StackRule = {
  code: "AIL043",
  title: "Every stack holds at most stacks.maxResources Terraform resources",
  checkStacks: budgetProblems,
  check: (model) => budgetProblems(model, addStacks(detachedRoot(), model)),
};

/** Model-only stack rules (the budget, above, is composed in index.ts). */
export const stackRules: readonly Rule[] = [
  {
    code: "AIL044",
    title: "Stack names are unique (environment and group names joined can collide)",
    check: (model) => {
      const owners = new Map<string, string>();
      for (const bucket of model.stateBuckets) owners.set(stateBucketStackName(bucket.bucket), `the bootstrap stack of state bucket '${bucket.bucket}'`);
      if (model.archive) owners.set(ARCHIVE_STACK_NAME, "the archive stack");
      const out: ConfigProblem[] = [];
      for (const layout of monitoringStackLayouts(model)) {
        const mine = `group '${layout.group}' of environment '${layout.environment.name}'`;
        const other = owners.get(layout.name);
        if (other === undefined) owners.set(layout.name, mine);
        else {
          const workload = layout.workloads[0] ?? layout.movedOut[0];
          out.push({
            file: model.source,
            path: workload ? `${workload.path}.group` : `environments[${model.environments.indexOf(layout.environment)}].name`,
            code: "AIL044",
            message: `environment '${layout.environment.name}': the stack of ${mine} would be named ${layout.name}, like ${other}; rename the group or the environment`,
          });
        }
      }
      return out;
    },
  },
];
