import { metricIndexOf, closestName, collectMetricFacts, defineRule, definitionsOf, factRef, isOwnedMetric, metricNamespace, readsCode } from '@obslint/core';
import { NAMESPACES_SCHEMA } from '../../metric/shared.js';

export interface UnknownMetricOptions extends Record<string, unknown> {
  /** Namespaces longer than a name's first word (`acme_shop` when `acme_` is shared by many teams). */
  namespaces: string[];
}

/** Defined with the metric rules (metric/unused takes the same option); exported here for query/unknown-label. */
export { NAMESPACES_SCHEMA };

export const unknownMetric = readsCode(
  defineRule<UnknownMetricOptions>({
    meta: {
      id: 'query/unknown-metric',
      domain: 'query',
      description: 'A dashboard or alert queries a metric in a namespace the repository defines, but nothing in the repository defines that metric: a typo or a renamed metric.',
      severity: 'warning',
      preset: 'recommended',
      messages: {
        unknown: 'No metric "{{metric}}" is defined in this repository ({{where}}), though it defines other "{{namespace}}_" metrics: this query returns nothing. A typo, or a metric renamed in code?',
        unknownSuggest: 'No metric "{{metric}}" is defined in this repository ({{where}}), though it defines other "{{namespace}}_" metrics: this query returns nothing. Did you mean "{{suggestion}}"?',
      },
      schema: { properties: { namespaces: NAMESPACES_SCHEMA } },
      defaultOptions: { namespaces: [] },
      tags: ['cross-file'],
    },
    create(context) {
      const namespaces = context.options.namespaces;
      return {
        collect: collectMetricFacts,
        reduce(facts) {
          const index = metricIndexOf(facts, namespaces);
          if (index.owned.size === 0) return;
          const own = { namespaces, settings: context.settings };
          const candidates = new Map<string, string[]>();
          for (const name of index.bySeries.keys()) {
            const ns = metricNamespace(name, namespaces);
            if (ns) candidates.set(ns, [...(candidates.get(ns) ?? []), name]);
          }
          for (const use of index.uses) {
            const metric = use.metric;
            if (metric === undefined || definitionsOf(index, metric).length > 0) continue;
            if (!isOwnedMetric(index, metric, own)) continue;
            const namespace = metricNamespace(metric, namespaces)!;
            const suggestion = closestName(metric, candidates.get(namespace) ?? []);
            context.report({
              messageId: suggestion ? 'unknownSuggest' : 'unknown',
              data: { metric, where: use.where, namespace, ...(suggestion ? { suggestion } : {}) },
              at: factRef(use.at, use.file),
              entity: use.entity,
            });
          }
        },
      };
    },
  }),
);
