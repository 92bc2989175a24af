import type * as ESTree from 'estree';
import { defineRule, STRUCTURAL_LABELS, unboundedValueKind, unboundedValueReason, type MetricFamily, type RuleMeta, type SampleLabel, type MetricSample, type UnboundedValueKind } from '@obslint/core/code';
import { count, labelRef, metricEslintRule, useName, namesOption } from '../shared.js';

export interface UnboundedLabelValueOptions extends Record<string, unknown> {
  /** Distinct unbounded-looking values a label needs in a snapshot before it is reported (one id is not a pattern). */
  minValues: number;
  /** Label names never reported. */
  allow: string[];
}

const meta: RuleMeta<UnboundedLabelValueOptions> = {
  id: 'metric/unbounded-label-value',
  domain: 'metric',
  description: 'Label values that look unbounded (ids, emails, IPs, timestamps, raw URLs) or come from unbounded sources in code (`req.url`, user ids, `Date.now()`).',
  severity: 'error',
  preset: 'recommended',
  messages: {
    snapshot: 'Label "{{label}}" of "{{name}}" has {{values}} distinct values that look like {{kinds}} (e.g. "{{example}}"): an unbounded label creates a series per value.',
    code: 'Label "{{label}}" of "{{name}}" takes {{reason}}: an unbounded value creates a series per value. Use a bounded value (route template, status class, enum).',
  },
  schema: {
    properties: {
      minValues: { type: 'integer', minimum: 1, description: 'Distinct unbounded-looking values a label needs in a snapshot before it is reported.' },
      allow: namesOption('Label names never reported.'),
    },
  },
  defaultOptions: { minValues: 2, allow: [] },
  tags: ['cardinality'],
};

const PLURAL: Record<UnboundedValueKind, string> = {
  uuid: 'UUIDs',
  email: 'email addresses',
  'ip address': 'IP addresses',
  timestamp: 'timestamps',
  'numeric id': 'numeric ids',
  'hex id': 'hex ids',
  'prefixed id': 'ids',
  'url with an id': 'URLs with ids or query strings',
};

interface LabelStats {
  kinds: Map<UnboundedValueKind, number>;
  unbounded: Set<string>;
  first?: { sample: MetricSample; label: SampleLabel };
  checked: Set<string>;
}

export const unboundedLabelValue = defineRule<UnboundedLabelValueOptions>({
  meta,
  create(context) {
    return {
      metricFamily(f: MetricFamily) {
        if (f.type === 'info' || f.name.endsWith('_info')) return; // info metrics describe one thing: their values are bounded by design
        const stats = new Map<string, LabelStats>();
        for (const sample of f.samples) {
          for (const label of sample.labels) {
            if (STRUCTURAL_LABELS.has(label.name) || label.name === f.name || context.options.allow.includes(label.name)) continue;
            let s = stats.get(label.name);
            if (!s) stats.set(label.name, (s = { kinds: new Map(), unbounded: new Set(), checked: new Set() }));
            if (s.checked.has(label.value)) continue;
            s.checked.add(label.value);
            const kind = unboundedValueKind(label.value);
            if (!kind) continue;
            s.unbounded.add(label.value);
            s.kinds.set(kind, (s.kinds.get(kind) ?? 0) + 1);
            s.first ??= { sample, label };
          }
        }
        for (const [name, s] of stats) {
          if (!s.first || s.unbounded.size < context.options.minValues) continue;
          const kind = [...s.kinds].sort((a, b) => b[1] - a[1])[0][0];
          context.report({
            messageId: 'snapshot',
            data: { name: f.name, label: name, values: count(s.unbounded.size), kinds: PLURAL[kind], example: s.first.label.value },
            at: labelRef(f, s.first.label),
            entity: `${f.entity}/label:${name}`,
          });
        }
      },
    };
  },
  eslint: metricEslintRule(meta, ({ sites, options, report, text }) => {
    for (const use of sites.uses) {
      const name = useName(use, text);
      use.values.forEach((v, i) => {
        const label = v.name ?? `#${i + 1}`;
        if (options.allow.includes(label)) return;
        const reason = unboundedValueReason(v.node, sites.constants);
        if (reason) report(v.node, 'code', { label, name, reason });
      });
    }
  }),
});
