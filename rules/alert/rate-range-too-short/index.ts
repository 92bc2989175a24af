import { defineRule, findSelectors, formatDuration, parseDuration, type AlertingRule, type RecordingRule } from '@obslint/core';
import { validPromqlOf } from '../util.js';

export interface RateRangeTooShortOptions extends Record<string, unknown> {
  /** The range must be at least this many scrape intervals (settings.scrapeInterval). */
  factor: number;
  /** Functions checked. */
  functions: string[];
}

export const rateRangeTooShort = defineRule<RateRangeTooShortOptions>({
  meta: {
    id: 'alert/rate-range-too-short',
    domain: 'alert',
    description: '`rate`/`irate`/`increase` over a range shorter than `factor` × the scrape interval: too few samples, so the result is empty or jumps.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      short: 'Rule "{{name}}": `{{fn}}(…[{{range}}])` covers fewer than {{factor}} scrapes at the {{scrape}} scrape interval: it returns nothing after one missed scrape. Use a range of at least {{min}}.',
    },
    schema: {
      properties: {
        factor: { type: 'number', minimum: 1, description: 'Minimum range in scrape intervals.' },
        functions: { type: 'array', items: { type: 'string' }, description: 'Functions checked.' },
      },
    },
    defaultOptions: { factor: 2, functions: ['rate', 'irate', 'increase'] },
    tags: ['correctness'],
  },
  create(context) {
    const scrapeMs = parseDuration(String(context.settings.scrapeInterval)) ?? 30_000;
    const minMs = scrapeMs * context.options.factor;
    const fns = new Set(context.options.functions);
    const scrape = formatDuration(scrapeMs);
    const min = formatDuration(minMs);
    const check = (rule: AlertingRule | RecordingRule) => {
      const ast = validPromqlOf(rule);
      if (!ast) return;
      for (const s of findSelectors(ast)) {
        const fn = s.functions[0];
        if (!s.range || s.range.ms === undefined || !fn || !fns.has(fn)) continue;
        // Recording-rule outputs (level:metric:ops) are written once per group interval, not per scrape.
        if (s.metric?.includes(':')) continue;
        // The range must belong to the selector (not a subquery around a function).
        if (s.node.parent?.name !== 'MatrixSelector') continue;
        if (s.range.ms >= minMs) continue;
        context.report({
          messageId: 'short',
          data: { name: rule.name, fn, range: s.range.text, factor: context.options.factor, scrape, min },
          at: rule.exprRef(s.range.from, s.range.to),
          entity: rule.entity,
        });
      }
    };
    return { alertingRule: check, recordingRule: check };
  },
});
