import { defineRule } from '@obslint/core';
import { nameRef } from '../util.js';

export interface MissingSummaryOptions extends Record<string, unknown> {
  /** Annotations that count as a human-readable summary (one is enough). */
  annotations: string[];
}

export const missingSummary = defineRule<MissingSummaryOptions>({
  meta: {
    id: 'alert/missing-summary',
    domain: 'alert',
    description: 'Alert with neither a `summary` nor a `description` annotation: the page says nothing about what is wrong.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      missing: 'Alert "{{name}}" has no {{list}} annotation: whoever is paged sees only the alert name. Add `summary:` (one line, with the affected labels).',
    },
    schema: { properties: { annotations: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Annotations that count as a summary.' } } },
    defaultOptions: { annotations: ['summary', 'description', 'message'] },
    tags: ['on-call'],
  },
  create(context) {
    const names = context.options.annotations;
    const list = names.map((n) => `\`${n}\``).join(' / ');
    return {
      alertingRule(rule) {
        if (names.some((n) => (rule.annotations[n] ?? '').trim() !== '')) return;
        context.report({ messageId: 'missing', data: { name: rule.name, list }, at: nameRef(rule), entity: rule.entity });
      },
    };
  },
});
