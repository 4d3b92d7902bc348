import type { ConfigProblem } from "../config/errors";
import { filterFieldsRead, firstUnlogged, queryFieldsRead } from "../signals/fields-read";
import { type Rule, signalProblem, workloadProblem, workloadSites } from "./finding";

/**
 * A metric filter or query that reads a field the workload never logs matches nothing: its alarm can
 * never fire. The model leaves such presets out (src/model/monitoring.ts, activeFilters/activeQueries);
 * this rule refuses what config asks for anyway (a custom signal, a tuned preset) and guards the catalogue.
 */
export const fieldRules: readonly Rule[] = [
  {
    code: "AIL051",
    title: "Signals and queries read only fields the workload's formats and settings log",
    check: (model) => {
      const out: ConfigProblem[] = [];
      for (const site of workloadSites(model)) {
        const { workload } = site;
        const unlogged = workload.unloggedFields;
        // Nothing is unlogged for most workloads: no pattern or query to read (and no tuning goes unfed).
        if (unlogged.length === 0) continue;
        const why = (path: string, because: string) => `reads ${path}, which is never logged because ${because}, so it can never match`;
        for (const signal of workload.signals) {
          const { pattern, metric } = signal.filter;
          const hit = firstUnlogged(filterFieldsRead(pattern, metric.value, metric.dimensions), unlogged);
          if (hit) out.push(signalProblem(model, "AIL051", { ...site, signal }, `${why(hit.path, hit.field.because)}; remove the signal or log the field`));
        }
        for (const query of workload.queries) {
          const hit = firstUnlogged(queryFieldsRead(query.query), unlogged);
          if (hit) out.push(workloadProblem(model, "AIL051", site, `query '${query.id}' ${why(hit.path, hit.field.because)}`));
        }
        for (const tuning of workload.unfedTunings) {
          out.push({ file: model.source, path: tuning.path, code: "AIL051", message: `environment '${site.env.name}', workload '${workload.name}', signal '${tuning.id}': ${why(tuning.field, tuning.because)}; the signal is not created, remove its settings` });
        }
      }
      return out;
    },
  },
];
