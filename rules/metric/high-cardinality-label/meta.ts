// The rule's metadata, apart from its document side: the ESLint plugin loads it without the online checks.
import type { RuleMeta } from '@obslint/core/code';
import { namesOption } from '../shared.js';

export interface HighCardinalityLabelOptions extends Record<string, unknown> {
  /** Label names accepted although they are in the high-cardinality list. */
  allow: string[];
  /**
   * Snapshots show the values: a listed label whose values are a small enum (at most this many, none id-like,
   * e.g. node_exporter's `ip="v4"|"v6"`) is not reported. 0 reports every listed label.
   */
  smallEnumMax: number;
}

export const meta: RuleMeta<HighCardinalityLabelOptions> = {
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
