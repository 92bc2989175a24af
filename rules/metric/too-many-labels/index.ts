import { cardinalityBreakdown, defineRule, STRUCTURAL_LABELS, type MetricFamily, type RuleMeta } from '@obslint/core/code';
import { definitionName, familyNameRef, metricEslintRule, useName } from '../shared.js';

export interface TooManyLabelsOptions extends Record<string, unknown> {
  max: number;
}

const meta: RuleMeta<TooManyLabelsOptions> = {
  id: 'metric/too-many-labels',
  domain: 'metric',
  description: 'Metrics with more than `max` label names: series multiply with every label.',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    tooMany: 'Metric "{{name}}" has {{count}} labels (max {{max}}): {{labels}}. Every label multiplies the series; drop the ones nobody groups by.',
  },
  schema: {
    properties: {
      max: { type: 'integer', minimum: 1, description: 'Most label names a metric may have (`le`/`quantile` not counted).' },
    },
  },
  defaultOptions: { max: 8 },
  tags: ['cardinality'],
};

export const tooManyLabels = defineRule<TooManyLabelsOptions>({
  meta,
  create(context) {
    return {
      metricFamily(f: MetricFamily) {
        // Info metrics are one series carrying descriptive labels, joined at query time: wide by design.
        if (f.type === 'info' || f.name.endsWith('_info')) return;
        const names = cardinalityBreakdown(f).labels.map((l) => l.name).filter((n) => !STRUCTURAL_LABELS.has(n) && n !== f.name);
        if (names.length <= context.options.max) return;
        context.report({ messageId: 'tooMany', data: { name: f.name, count: names.length, max: context.options.max, labels: names.join(', ') }, at: familyNameRef(f), entity: f.entity });
      },
    };
  },
  eslint: metricEslintRule(meta, ({ sites, options, report, text }) => {
    for (const def of sites.definitions) {
      const names = def.labelNames?.names.map((l) => l.name) ?? [];
      if (def.labelNames && names.length > options.max) report(def.labelNames.node, 'tooMany', { name: definitionName(def, text), count: names.length, max: options.max, labels: names.join(', ') });
    }
    for (const use of sites.uses) {
      if (!use.attributes || use.definition?.labelNames) continue;
      const names = use.values.map((v) => v.name ?? '?');
      if (names.length <= options.max) continue;
      const name = useName(use, text);
      report(use.attributes, 'tooMany', { name, count: names.length, max: options.max, labels: names.join(', ') });
    }
  }),
});
