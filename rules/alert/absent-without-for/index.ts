import { defineRule, formatDuration, parseDuration } from '@obslint/core';
import { isAbsentOnly, nameRef, validPromqlOf } from '../util.js';

export interface AbsentWithoutForOptions extends Record<string, unknown> {
  /** `for` must be at least this many scrape intervals (settings.scrapeInterval). */
  factor: number;
}

export const absentWithoutFor = defineRule<AbsentWithoutForOptions>({
  meta: {
    id: 'alert/absent-without-for',
    domain: 'alert',
    description: '`absent()`/`absent_over_time()` alert without a `for` of at least `factor` scrape intervals: it pages on every restart.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      missing: 'Alert "{{name}}" checks absent() without `for`: a target restart or one missed scrape pages someone. Add `for: {{min}}` or longer ({{factor}}× the {{scrape}} scrape interval).',
      tooShort: 'Alert "{{name}}" checks absent() with `for: {{for}}`, shorter than {{min}} ({{factor}}× the {{scrape}} scrape interval): a restart pages someone.',
    },
    schema: { properties: { factor: { type: 'number', minimum: 1, description: 'Minimum `for` in scrape intervals.' } } },
    defaultOptions: { factor: 2 },
    tags: ['noise'],
  },
  create(context) {
    const scrapeMs = parseDuration(String(context.settings.scrapeInterval)) ?? 30_000;
    const minMs = scrapeMs * context.options.factor;
    const data = { min: formatDuration(minMs), factor: context.options.factor, scrape: formatDuration(scrapeMs) };
    return {
      alertingRule(rule) {
        const forMs = rule.for === undefined ? 0 : parseDuration(rule.for);
        if (forMs === undefined || forMs >= minMs) return;
        const ast = validPromqlOf(rule);
        if (!ast || !isAbsentOnly(ast)) return;
        if (rule.for === undefined) context.report({ messageId: 'missing', data: { name: rule.name, ...data }, at: nameRef(rule), entity: rule.entity });
        else context.report({ messageId: 'tooShort', data: { name: rule.name, for: rule.for, ...data }, at: rule.group.file.doc.ref(`${rule.pointer}/for`), entity: rule.entity });
      },
    };
  },
});
