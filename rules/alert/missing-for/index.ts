import { defineRule, formatDuration, parseDuration, type AlertingRule, durationOption } from '@obslint/core';
import { isAbsentOnly, promqlOf } from '../util.js';

export interface MissingForOptions extends Record<string, unknown> {
  /** Shortest acceptable `for` (a Prometheus duration). */
  min: string;
}

export const missingFor = defineRule<MissingForOptions>({
  meta: {
    id: 'alert/missing-for',
    domain: 'alert',
    description: 'Alerting rule without `for`, or with a `for` shorter than `min`: it pages on a single bad evaluation and flaps.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      missing: 'Alert "{{name}}" has no `for`: it fires on a single evaluation (one bad scrape pages someone). Add `for: {{min}}` or longer.',
      tooShort: 'Alert "{{name}}" has `for: {{for}}`, shorter than {{min}}: it fires on a blip and flaps. Use `for: {{min}}` or longer.',
    },
    schema: {
      properties: {
        min: durationOption('Shortest acceptable `for`.'),
      },
    },
    defaultOptions: { min: '1m' },
    tags: ['noise'],
  },
  create(context) {
    const minMs = parseDuration(context.options.min) ?? 60_000;
    const min = formatDuration(minMs);
    return {
      alertingRule(rule: AlertingRule) {
        const forMs = rule.for === undefined ? 0 : parseDuration(rule.for);
        if (forMs === undefined) return; // an invalid duration is alert/invalid-expr's finding
        if (forMs >= minMs) return;
        const keep = parseDuration(rule.keepFiringFor);
        if (keep !== undefined && keep >= minMs) return;
        const ast = promqlOf(rule);
        if (ast && isAbsentOnly(ast)) return; // deadman alerts: alert/absent-without-for
        const doc = rule.group.file.doc;
        if (rule.for === undefined) {
          context.report({ messageId: 'missing', data: { name: rule.name, min }, at: doc.ref(`${rule.pointer}/alert`), entity: rule.entity });
        } else {
          context.report({ messageId: 'tooShort', data: { name: rule.name, for: rule.for, min }, at: doc.ref(`${rule.pointer}/for`), entity: rule.entity });
        }
      },
    };
  },
});
