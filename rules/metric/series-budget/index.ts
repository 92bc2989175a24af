import { cardinalityBreakdown, checkUsedMetricCardinality, defineRule, type MetricFamily } from '@obslint/core';
import { count, familyNameRef, labelRef } from '../shared.js';

export interface SeriesBudgetOptions extends Record<string, unknown> {
  maxSeries: number;
  maxValues: number;
}

export const seriesBudget = defineRule<SeriesBudgetOptions>({
  meta: {
    id: 'metric/series-budget',
    domain: 'metric',
    description: 'Snapshot metric families over the series budget (`maxSeries`), or with a label over `maxValues` distinct values.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      tooManyValues:
        'Metric "{{name}}" exposes {{series}} series; label "{{label}}" has {{values}} distinct values (max {{maxValues}}). Drop or bucket that label.',
      tooManySeries: 'Metric "{{name}}" exposes {{series}} series (budget {{maxSeries}}); its worst label is "{{label}}" with {{values}} distinct values.',
      tooManySeriesNoLabel: 'Metric "{{name}}" exposes {{series}} series (budget {{maxSeries}}).',
      onlineTooManyValues:
        'Metric "{{name}}" used here has {{series}} series on the server; label "{{label}}" has {{values}} distinct values (max {{maxValues}}). Drop or bucket that label at the source.',
      onlineTooManySeries: 'Metric "{{name}}" used here has {{series}} series on the server (budget {{maxSeries}}); its worst label is "{{label}}" with {{values}} distinct values.',
    },
    schema: {
      properties: {
        maxSeries: { type: 'integer', minimum: 1, description: 'Most series one family may expose.' },
        maxValues: { type: 'integer', minimum: 1, description: 'Most distinct values one label may have.' },
      },
    },
    defaultOptions: { maxSeries: 1000, maxValues: 100 },
    tags: ['cardinality'],
  },
  create(context) {
    const { maxSeries, maxValues } = context.options;
    return {
      metricFamily(f: MetricFamily) {
        const c = cardinalityBreakdown(f);
        const worst = c.worstLabels[0];
        const base = { name: f.name, series: count(c.series), maxSeries: count(maxSeries), maxValues: count(maxValues) };
        if (worst && worst.distinctValues > maxValues) {
          context.report({ messageId: 'tooManyValues', data: { ...base, label: worst.name, values: count(worst.distinctValues) }, at: labelRef(f, worst.firstLabel), entity: f.entity });
        } else if (c.series > maxSeries) {
          if (worst) context.report({ messageId: 'tooManySeries', data: { ...base, label: worst.name, values: count(worst.distinctValues) }, at: labelRef(f, worst.firstLabel), entity: f.entity });
          else context.report({ messageId: 'tooManySeriesNoLabel', data: base, at: familyNameRef(f), entity: f.entity });
        }
      },
      // With --prometheus-url: the real numbers of the metrics dashboards and rules use, reported where they are used.
      online: (ctx) =>
        checkUsedMetricCardinality(ctx, (c) => {
          const worst = c.labels[0];
          if (!worst || (worst.values <= maxValues && c.series <= maxSeries)) return [];
          const data = { name: c.metric, series: count(c.series), maxSeries: count(maxSeries), maxValues: count(maxValues), label: worst.name, values: count(worst.values) };
          return [{ messageId: worst.values > maxValues ? 'onlineTooManyValues' : 'onlineTooManySeries', data }];
        }),
    };
  },
});
