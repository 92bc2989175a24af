import { defineRule, type MetricFamily, type RuleMeta } from '@obslint/core/code';
import { definitionName, definitionNode, familyNameRef, metricEslintRule, optionsHidden } from '../shared.js';

const meta: RuleMeta<Record<string, never>> = {
  id: 'metric/missing-help',
  domain: 'metric',
  description: 'Metrics without help text (`# HELP`, prom-client `help`, OpenTelemetry `description`).',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    missing: 'Metric "{{name}}" has no {{field}}: say what it measures and in which unit, for whoever reads it on a dashboard at 3 a.m.',
    empty: 'Metric "{{name}}" has an empty {{field}}: say what it measures and in which unit.',
  },
  defaultOptions: {},
  tags: ['metadata'],
};

export const missingHelp = defineRule<Record<string, never>>({
  meta,
  create(context) {
    return {
      metricFamily(f: MetricFamily) {
        if (f.help !== undefined && f.help.trim() !== '') return;
        context.report({ messageId: f.help === undefined ? 'missing' : 'empty', data: { name: f.name, field: 'HELP text' }, at: familyNameRef(f), entity: f.entity });
      },
    };
  },
  eslint: metricEslintRule(meta, ({ sites, report, text }) => {
    for (const def of sites.definitions) {
      // Options we cannot see (`new Counter(opts)`) may well carry the help text.
      if (optionsHidden(def)) continue;
      const field = def.library === 'prom-client' ? '`help`' : '`description`';
      const name = definitionName(def, text);
      if (!def.help) report(definitionNode(def), 'missing', { name, field });
      else if (def.help.value !== undefined && def.help.value.trim() === '') report(def.help.node, 'empty', { name, field });
    }
  }),
});
