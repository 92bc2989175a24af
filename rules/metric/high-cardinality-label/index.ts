import { cardinalityBreakdown, checkUsedMetricCardinality, defineRule, highCardinalityLabel, unboundedValueKind, type LabelBreakdown, type MetricFamily } from '@obslint/core';
import { count, labelRef } from '../shared.js';
import { highCardinalityLabelEslint } from './eslint.js';
import { meta, type HighCardinalityLabelOptions } from './meta.js';

export type { HighCardinalityLabelOptions } from './meta.js';

/** The label's values in the snapshot are few and none looks like an id: evidence that it is bounded. */
function smallEnum(f: MetricFamily, l: LabelBreakdown, max: number): boolean {
  if (l.distinctValues > max) return false;
  const seen = new Set<string>();
  for (const s of f.samples) {
    for (const label of s.labels) {
      if (label.name !== l.name || seen.has(label.value)) continue;
      seen.add(label.value);
      if (unboundedValueKind(label.value)) return false;
    }
  }
  return true;
}

export const highCardinalityLabelRule = defineRule<HighCardinalityLabelOptions>({
  meta,
  create(context) {
    const list = context.settings.highCardinalityLabels.filter((l) => !context.options.allow.includes(l));
    return {
      metricFamily(f: MetricFamily) {
        for (const l of cardinalityBreakdown(f).labels) {
          if (context.options.allow.includes(l.name) || !highCardinalityLabel(l.name, list)) continue;
          if (smallEnum(f, l, context.options.smallEnumMax)) continue;
          context.report({ messageId: 'snapshot', data: { name: f.name, label: l.name, values: count(l.distinctValues) }, at: labelRef(f, l.firstLabel), entity: `${f.entity}/label:${l.name}` });
        }
      },
      // With --prometheus-url: listed labels with more values on the server than a small enum, where the metric is used.
      online: (ctx) =>
        checkUsedMetricCardinality(ctx, (c) =>
          c.labels
            .filter((l) => l.values > context.options.smallEnumMax && !context.options.allow.includes(l.name) && highCardinalityLabel(l.name, list))
            .map((l) => ({ messageId: 'online', data: { name: c.metric, label: l.name, values: count(l.values) }, entitySuffix: `/label:${l.name}` })),
        ),
    };
  },
  eslint: highCardinalityLabelEslint,
});
