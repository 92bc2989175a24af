// The rule's metadata, apart from its document side: the ESLint plugin loads it without the online checks.
import type { RuleMeta } from '@obslint/core/code';

export interface SeriesBudgetOptions extends Record<string, unknown> {
  maxSeries: number;
  maxValues: number;
}

export const meta: RuleMeta<SeriesBudgetOptions> = {
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
};
