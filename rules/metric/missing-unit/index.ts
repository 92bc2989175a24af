import { defineRule, measurementWord, nameHasUnit, type MetricDefinitionSite, type MetricFamily, type RuleMeta } from '@obslint/core/code';
import { definitionName, definitionNode, familyNameRef, metricEslintRule, optionsHidden, namesOption } from '../shared.js';

export interface MissingUnitOptions extends Record<string, unknown> {
  /** Names that are always accepted. */
  allow: string[];
}

const meta: RuleMeta<MissingUnitOptions> = {
  id: 'metric/missing-unit',
  domain: 'metric',
  description: 'Metrics that measure time or size without saying the unit (OpenTelemetry `unit`, Prometheus base-unit suffix).',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    prometheus: 'Metric "{{name}}" measures {{word}} but its name has no unit: end it with the base unit (e.g. `{{name}}_{{suggest}}`).',
    otel: 'Instrument "{{name}}" has no `unit`: set it (UCUM, e.g. `{{suggest}}`) so exporters and dashboards know what the values mean.',
  },
  schema: {
    properties: {
      allow: namesOption('Names that are always accepted.'),
    },
  },
  defaultOptions: { allow: [] },
  tags: ['metadata', 'naming'],
};

const SIZE_WORDS = new Set(['size']);

/** The base unit a measurement word suggests. */
function baseUnit(word: string): string {
  return SIZE_WORDS.has(word) ? 'bytes' : 'seconds';
}

/** A Prometheus name measuring time/size with no unit word, or undefined. Counts (`_total`) are things, not measurements. */
function prometheusMissingUnit(name: string): string | undefined {
  if (name.endsWith('_total') || name.endsWith('_count') || nameHasUnit(name)) return undefined;
  return measurementWord(name);
}

/** OpenTelemetry counters of things need no unit; histograms, gauges and measurements of time/size do. */
function otelNeedsUnit(def: MetricDefinitionSite, name: string | undefined): { word?: string } | undefined {
  const word = name !== undefined ? measurementWord(name) : undefined;
  const counterLike = def.kind === 'counter' || def.kind === 'updowncounter' || def.kind === 'observable-counter' || def.kind === 'observable-updowncounter';
  if (counterLike && word === undefined) return undefined;
  return { word };
}

export const missingUnit = defineRule<MissingUnitOptions>({
  meta,
  create(context) {
    return {
      metricFamily(f: MetricFamily) {
        if (f.unit || context.options.allow.includes(f.name)) return;
        const word = prometheusMissingUnit(f.name);
        if (!word) return;
        context.report({ messageId: 'prometheus', data: { name: f.name, word, suggest: baseUnit(word) }, at: familyNameRef(f), entity: f.entity });
      },
    };
  },
  eslint: metricEslintRule(meta, ({ sites, options, report, text }) => {
    for (const def of sites.definitions) {
      const value = def.name?.value;
      if (value !== undefined && options.allow.includes(value)) continue;
      if (def.dialect === 'otel') {
        if (optionsHidden(def)) continue;
        const need = otelNeedsUnit(def, value);
        const unit = def.unit?.value;
        if (!need || (def.unit && unit !== '')) continue;
        const suggest = need.word ? (SIZE_WORDS.has(need.word) ? 'By' : 's') : def.kind.includes('counter') ? '{request}' : '1';
        report(def.unit && unit === '' ? def.unit.node : definitionNode(def), 'otel', { name: definitionName(def, text), suggest });
      } else if (value !== undefined) {
        const word = prometheusMissingUnit(value);
        if (word) report(definitionNode(def), 'prometheus', { name: value, word, suggest: baseUnit(word) });
      }
    }
  }),
});
