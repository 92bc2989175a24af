import type * as ESTree from 'estree';
import { cardinalityBreakdown, checkUsedMetricCardinality, defineRule, highCardinalityLabel, unboundedValueKind, type LabelBreakdown, type MetricFamily, type RuleMeta } from '@obslint/core';
import { count, definitionName, labelRef, metricEslintRule, useName, namesOption } from '../shared.js';

export interface HighCardinalityLabelOptions extends Record<string, unknown> {
  /** Label names accepted although they are in the high-cardinality list. */
  allow: string[];
  /**
   * Snapshots show the values: a listed label whose values are a small enum (at most this many, none id-like,
   * e.g. node_exporter's `ip="v4"|"v6"`) is not reported. 0 reports every listed label.
   */
  smallEnumMax: number;
}

const meta: RuleMeta<HighCardinalityLabelOptions> = {
  id: 'metric/high-cardinality-label',
  domain: 'metric',
  description: 'Label or attribute names that hold unbounded values (user/request/session ids, emails, IPs, raw URLs) — one series per value.',
  severity: 'error',
  preset: 'recommended',
  messages: {
    snapshot: 'Label "{{label}}" of "{{name}}" is unbounded ({{values}} distinct values here): every value is a new time series. Drop it, or keep the value in logs/traces/exemplars.',
    code: 'Label "{{label}}" of "{{name}}" is unbounded: every value is a new time series. Drop it, or keep the value in logs/traces/exemplars (use a route template instead of a raw path).',
    online: 'Metric "{{name}}" used here carries unbounded label "{{label}}" with {{values}} distinct values on the server: every value is a new time series. Drop the label at the source, or keep the value in logs/traces/exemplars.',
  },
  schema: {
    properties: {
      allow: namesOption('Label names accepted although they are in the high-cardinality list.'),
      smallEnumMax: { type: 'integer', minimum: 0, description: 'In snapshots, a listed label with at most this many values, none id-like, is a small enum and not reported (0: report all).' },
    },
  },
  defaultOptions: { allow: [], smallEnumMax: 10 },
  tags: ['cardinality'],
};

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
  eslint: metricEslintRule(meta, ({ sites, settings, options, report, text }) => {
    const list = settings.highCardinalityLabels.filter((l) => !options.allow.includes(l));
    const check = (label: string | undefined, node: ESTree.Node, name: string) => {
      if (label === undefined || options.allow.includes(label) || !highCardinalityLabel(label, list)) return;
      report(node, 'code', { label, name });
    };
    for (const def of sites.definitions) {
      for (const l of def.labelNames?.names ?? []) check(l.name, l.node, definitionName(def, text));
    }
    for (const use of sites.uses) {
      // prom-client labels were judged at their definition's labelNames.
      if (use.definition?.labelNames) continue;
      const name = useName(use, text);
      for (const v of use.values) if (v.key) check(v.name, v.key, name);
    }
  }),
});
