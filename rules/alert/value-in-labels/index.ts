import { defineRule, parseTemplate } from '@obslint/core';
import { templateRef } from '../util.js';

export const valueInLabels = defineRule({
  meta: {
    id: 'alert/value-in-labels',
    domain: 'alert',
    description: '`$value`, `.Value` or `humanize*` in alert labels: every evaluation creates a new alert identity.',
    severity: 'error',
    preset: 'recommended',
    messages: {
      value:
        'Alert "{{name}}": label "{{key}}" uses `{{what}}`: labels are the alert\'s identity, so every new value makes a new alert (it resolves and fires again each evaluation). Move it to an annotation.',
    },
    schema: { properties: {} },
    defaultOptions: {},
    tags: ['noise'],
  },
  create(context) {
    return {
      alertingRule(rule) {
        for (const [key, text] of Object.entries(rule.labels)) {
          if (!text.includes('{{')) continue;
          const ref = parseTemplate(text).valueRefs[0];
          if (!ref) continue;
          context.report({ messageId: 'value', data: { name: rule.name, key, what: ref.text }, at: templateRef(rule, 'labels', key, ref.from, ref.to), entity: rule.entity });
        }
      },
    };
  },
});
