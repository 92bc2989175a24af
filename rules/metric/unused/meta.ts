// The rule's metadata, apart from its document side: the ESLint plugin loads it without the metric index.
import type { RuleMeta } from '@obslint/core/code';
import { NAMESPACES_SCHEMA } from '../shared.js';

export interface UnusedOptions extends Record<string, unknown> {
  /** Metrics read outside this repository (another team's dashboards, SLO tooling): names, or prefixes ending in `*`. */
  usedElsewhere: string[];
  namespaces: string[];
}

export const meta: RuleMeta<UnusedOptions> = {
  id: 'metric/unused',
  domain: 'metric',
  description: 'A metric defined in code that no dashboard, alert or recording rule in the repository uses.',
  severity: 'info',
  preset: 'recommended',
  messages: {
    unused: 'Metric "{{name}}" is defined here, but no dashboard, alert or recording rule in this repository queries it (they do query other "{{namespace}}_" metrics): telemetry nobody reads still costs money. Query it, remove it, or list it in usedElsewhere.',
  },
  schema: {
    properties: {
      usedElsewhere: { type: 'array', items: { type: 'string' }, description: 'Metrics used outside the repository: names, or prefixes ending in *.' },
      namespaces: NAMESPACES_SCHEMA,
    },
  },
  defaultOptions: { usedElsewhere: [], namespaces: [] },
  tags: ['cross-file', 'cost'],
};
