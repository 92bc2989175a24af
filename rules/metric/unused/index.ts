import {
  metricIndexOf,
  collectMetricFacts,
  defineRule,
  factRef,
  metricNamespace,
  readsCode,
  useSelects,
} from '@obslint/core';
import { meta, type UnusedOptions } from './meta.js';

export type { UnusedOptions } from './meta.js';

function listed(name: string, list: readonly string[]): boolean {
  return list.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

export const unused = readsCode(
  defineRule<UnusedOptions>({
    meta,
    create(context) {
      const { usedElsewhere, namespaces } = context.options;
      return {
        collect: collectMetricFacts,
        reduce(facts) {
          const index = metricIndexOf(facts, namespaces);
          // Only where the repository keeps dashboards or rules for the namespace: a library or a service
          // whose dashboards live elsewhere would be reported whole.
          const usedNames = new Set<string>();
          const patternUses: Array<{ pattern?: string }> = [];
          for (const u of index.uses) {
            if (u.metric !== undefined) usedNames.add(u.metric);
            else patternUses.push({ pattern: u.pattern });
          }
          const queried = new Set([...usedNames].map((m) => metricNamespace(m, namespaces)));
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
