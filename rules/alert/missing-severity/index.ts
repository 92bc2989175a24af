import { defineRule } from '@obslint/core';
import { keyPointer, nameRef } from '../util.js';

export interface MissingSeverityOptions extends Record<string, unknown> {
  /** The label that carries the severity. */
  label: string;
  /** Accepted values. */
  allowed: string[];
}

export const missingSeverity = defineRule<MissingSeverityOptions>({
  meta: {
    id: 'alert/missing-severity',
    domain: 'alert',
    description: 'Alert without a `severity` label, or with a value outside `allowed`: routing cannot tell a page from a ticket.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      missing: 'Alert "{{name}}" has no `{{label}}` label: Alertmanager cannot route it as a page or a ticket. Add `{{label}}: {{allowed}}`.',
      notAllowed: 'Alert "{{name}}" has `{{label}}: {{value}}`, not one of {{allowed}}.',
    },
    schema: {
      properties: {
        label: { type: 'string', minLength: 1, description: 'Severity label name.' },
        allowed: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Accepted values.' },
      },
    },
    defaultOptions: { label: 'severity', allowed: ['critical', 'warning', 'info'] },
    tags: ['routing'],
  },
  create(context) {
    const { label, allowed } = context.options;
    const list = allowed.join(' | ');
    return {
      alertingRule(rule) {
        const value = rule.labels[label];
        if (value === undefined || value === '') {
          context.report({ messageId: 'missing', data: { name: rule.name, label, allowed: list }, at: nameRef(rule), entity: rule.entity });
          return;
        }
        if (value.includes('{{') || allowed.includes(value)) return;
        context.report({ messageId: 'notAllowed', data: { name: rule.name, label, value, allowed: list }, at: rule.group.file.doc.ref(keyPointer(rule, 'labels', label)), entity: rule.entity });
      },
    };
  },
});
