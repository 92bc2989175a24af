import type * as ESTree from 'estree';
import { cardinalityBreakdown, defineRule, highCardinalityLabel, type MetricFamily, type RuleMeta } from '@obslint/core';
import { count, definitionName, labelRef, metricEslintRule, useName, namesOption } from '../shared.js';

export interface HighCardinalityLabelOptions extends Record<string, unknown> {
  /** Label names accepted although they are in the high-cardinality list. */
  allow: string[];
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
  },
  schema: {
    properties: {
      allow: namesOption('Label names accepted although they are in the high-cardinality list.'),
    },
  },
  defaultOptions: { allow: [] },
  tags: ['cardinality'],
};

export const highCardinalityLabelRule = defineRule<HighCardinalityLabelOptions>({
  meta,
  create(context) {
    const list = context.settings.highCardinalityLabels.filter((l) => !context.options.allow.includes(l));
    return {
      metricFamily(f: MetricFamily) {
        for (const l of cardinalityBreakdown(f).labels) {
          if (context.options.allow.includes(l.name) || !highCardinalityLabel(l.name, list)) continue;
          context.report({ messageId: 'snapshot', data: { name: f.name, label: l.name, values: count(l.distinctValues) }, at: labelRef(f, l.firstLabel), entity: `${f.entity}/label:${l.name}` });
        }
      },
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
