import {
  buildMetricIndex,
  collectMetricFacts,
  defineRule,
  factRef,
  metricNamespace,
  readsCode,
  useSelects,
  type MetricFileFacts,
} from '@obslint/core';
import { NAMESPACES_SCHEMA } from '../../query/unknown-metric/index.js';

export interface UnusedOptions extends Record<string, unknown> {
  /** Metrics read outside this repository (another team's dashboards, SLO tooling): names, or prefixes ending in `*`. */
  usedElsewhere: string[];
  namespaces: string[];
}

function listed(name: string, list: readonly string[]): boolean {
  return list.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

export const unused = readsCode(
  defineRule<UnusedOptions>({
    meta: {
      id: 'metric/unused',
      domain: 'metric',
      description: 'A metric defined in code that no dashboard, alert or recording rule in the repository uses.',
      severity: 'info',
      preset: 'recommended',
      messages: {
        unused: 'Metric "{{name}}" is defined here, but no dashboard, alert or recording rule in this repository queries it (they do query other "{{namespace}}_" metrics): telemetry nobody reads still costs money. Query it, remove it, or list it in usedElsewhere.',
      },
      schema: {
        properties: {
          usedElsewhere: { type: 'array', items: { type: 'string' }, description: 'Metrics used outside the repository: names, or prefixes ending in *.' },
          namespaces: NAMESPACES_SCHEMA,
        },
      },
      defaultOptions: { usedElsewhere: [], namespaces: [] },
      tags: ['cross-file', 'cost'],
    },
    create(context) {
      const { usedElsewhere, namespaces } = context.options;
      return {
        collect: collectMetricFacts,
        reduce(facts) {
          const index = buildMetricIndex(facts.map((f) => f.data as MetricFileFacts), namespaces);
          // Only where the repository keeps dashboards or rules for the namespace: a library or a service
          // whose dashboards live elsewhere would be reported whole.
          const usedNames = new Set(index.uses.flatMap((u) => (u.metric !== undefined ? [u.metric] : [])));
          const queried = new Set([...usedNames].map((m) => metricNamespace(m, namespaces)));
          const patternUses = index.uses.filter((u) => u.metric === undefined);
          for (const def of index.definitions) {
            if ((def.source !== 'prom-client' && def.source !== 'opentelemetry') || def.pattern !== undefined) continue;
            const namespace = metricNamespace(def.name, namespaces);
            if (!namespace || !queried.has(namespace) || listed(def.name, usedElsewhere)) continue;
            if (def.series.some((s) => usedNames.has(s)) || patternUses.some((u) => useSelects(u, def.series))) continue;
            context.report({ messageId: 'unused', data: { name: def.name, namespace }, at: factRef(def.at, def.file), entity: def.entity });
          }
        },
      };
    },
  }),
);
