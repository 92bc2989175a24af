import {
  metricIndexOf,
  closestName,
  collectMetricFacts,
  completeLabels,
  defineRule,
  definitionsOf,
  factRef,
  isExternalLabel,
  isOwnedMetric,
  readsCode,
  type FactFile,
  type FileFactLocation,
} from '@obslint/core';
import { NAMESPACES_SCHEMA, type UnknownMetricOptions } from '../unknown-metric/index.js';

const MAX_LABELS_SHOWN = 8;

function labelList(labels: Set<string>): string {
  const sorted = [...labels].sort();
  if (sorted.length === 0) return 'no labels of its own';
  const shown = sorted.slice(0, MAX_LABELS_SHOWN).map((l) => `"${l}"`).join(', ');
  return `${sorted.length === 1 ? 'label' : 'labels'} ${shown}${sorted.length > MAX_LABELS_SHOWN ? `, … (${sorted.length} in all)` : ''}`;
}

export const unknownLabel = readsCode(
  defineRule<UnknownMetricOptions>({
    meta: {
      id: 'query/unknown-label',
      domain: 'query',
      description: "A query filters or groups by a label that the repository's definition of the metric does not have.",
      severity: 'warning',
      preset: 'recommended',
      messages: {
        unknown: '"{{metric}}" has no label "{{label}}" ({{where}}): its definition has {{labels}}, so this {{how}} matches nothing useful.',
        unknownSuggest: '"{{metric}}" has no label "{{label}}" ({{where}}): its definition has {{labels}}. Did you mean "{{suggestion}}"?',
      },
      schema: { properties: { namespaces: NAMESPACES_SCHEMA } },
      defaultOptions: { namespaces: [] },
      tags: ['cross-file'],
    },
    create(context) {
      const { settings } = context;
      const own = { namespaces: context.options.namespaces, settings };
      return {
        collect: collectMetricFacts,
        reduce(facts) {
          const index = metricIndexOf(facts, own.namespaces);
          if (index.owned.size === 0) return;
          /** The labels of metrics the repository owns and fully knows; undefined when any of them is not such a metric. */
          const labelsOf = (metrics: readonly string[]): Set<string> | undefined => {
            const out = new Set<string>();
            for (const m of metrics) {
              if (!isOwnedMetric(index, m, own)) return undefined;
              const labels = completeLabels(definitionsOf(index, m));
              if (!labels) return undefined;
              labels.forEach((l) => out.add(l));
            }
            return out;
          };
          // Labels the repository's queries use on metrics it does not own (exporters, `up`): scraping and
          // relabelling add such labels to every target (`namespace`, `pod`, `cluster`), the service's too.
          const targetLabels = new Set<string>();
          for (const u of index.uses) if (u.metric !== undefined && !isOwnedMetric(index, u.metric, own)) u.labels.forEach((l) => targetLabels.add(l.name));
          for (const g of index.groupings) if (g.metrics.some((m) => !isOwnedMetric(index, m, own))) targetLabels.add(g.label);
          // Where a use or grouping is, read only when it is reported (locations are decoded on demand).
          const check = (label: string, metrics: readonly string[], how: string, fact: { where: string; entity: string; file: FactFile }, at: { at: FileFactLocation }) => {
            if (isExternalLabel(label, settings) || targetLabels.has(label)) return;
            const labels = labelsOf(metrics);
            if (!labels || labels.has(label)) return;
            const suggestion = closestName(label, labels);
            context.report({
              messageId: suggestion ? 'unknownSuggest' : 'unknown',
              data: { metric: metrics.join('", "'), label, where: fact.where, labels: labelList(labels), how, ...(suggestion ? { suggestion } : {}) },
              at: factRef(at.at, fact.file),
              entity: fact.entity,
            });
          };
          for (const use of index.uses) {
            if (use.metric === undefined) continue;
            for (const l of use.labels) check(l.name, [use.metric], use.source === 'variable' ? 'query' : 'matcher', use, l);
          }
          for (const g of index.groupings) check(g.label, g.metrics, 'grouping', g, g);
        },
      };
    },
  }),
);
