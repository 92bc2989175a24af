import { cardinalityBreakdown, checkUsedMetricCardinality, defineRule, type MetricFamily } from '@obslint/core';
import { count, familyNameRef, labelRef } from '../shared.js';
import { meta, type SeriesBudgetOptions } from './meta.js';

export type { SeriesBudgetOptions } from './meta.js';

export const seriesBudget = defineRule<SeriesBudgetOptions>({
  meta,
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
