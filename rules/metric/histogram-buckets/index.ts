import { cardinalityBreakdown, defineRule, type MetricFamily, type RuleMeta } from '@obslint/core/code';
import { definitionName, familyNameRef, metricEslintRule } from '../shared.js';

export interface HistogramBucketsOptions extends Record<string, unknown> {
  max: number;
}

const meta: RuleMeta<HistogramBucketsOptions> = {
  id: 'metric/histogram-buckets',
  domain: 'metric',
  description: 'Histograms with more than `max` buckets: every bucket is a series for every label combination.',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    tooMany: 'Histogram "{{name}}" has {{count}} buckets (max {{max}}): each bucket is one more series per label combination. Keep the boundaries around your SLO thresholds.',
  },
  schema: {
    properties: {
      max: { type: 'integer', minimum: 1, description: 'Most finite bucket boundaries a histogram may have (`+Inf` not counted).' },
    },
  },
  defaultOptions: { max: 15 },
  tags: ['cardinality'],
};

export const histogramBuckets = defineRule<HistogramBucketsOptions>({
  meta,
  create(context) {
    return {
      metricFamily(f: MetricFamily) {
        if (f.type !== 'histogram' && f.type !== 'gaugehistogram') return;
        const n = cardinalityBreakdown(f).buckets;
        if (n > context.options.max) context.report({ messageId: 'tooMany', data: { name: f.name, count: n, max: context.options.max }, at: familyNameRef(f), entity: f.entity });
      },
    };
  },
  eslint: metricEslintRule(meta, ({ sites, options, report, text }) => {
    for (const def of sites.definitions) {
      const n = def.buckets?.count;
      if (def.buckets && n !== undefined && n > options.max) report(def.buckets.node, 'tooMany', { name: definitionName(def, text), count: n, max: options.max });
    }
  }),
});
