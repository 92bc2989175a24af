import { defineRule } from '@obslint/core';
import { PAGING_OPTIONS_SCHEMA, keyPointer, nameRef } from '../util.js';

export interface MissingRunbookOptions extends Record<string, unknown> {
  /** Severity values that page someone. */
  paging: string[];
  /** The severity label. */
  label: string;
  /** Annotations that hold a runbook link (one is enough). */
  annotations: string[];
}

export const missingRunbook = defineRule<MissingRunbookOptions>({
  meta: {
    id: 'alert/missing-runbook',
    domain: 'alert',
    description: 'Paging alert (severity in `paging`) without a `runbook_url` annotation.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      missing: 'Alert "{{name}}" pages ({{label}}: {{severity}}) but has no `{{annotation}}` annotation: whoever is woken up has no instructions. Link a runbook.',
    },
    schema: {
      properties: {
        ...PAGING_OPTIONS_SCHEMA,
        annotations: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Annotations that hold a runbook link.' },
      },
    },
    defaultOptions: { paging: ['critical'], label: 'severity', annotations: ['runbook_url', 'runbook'] },
    tags: ['on-call'],
  },
  create(context) {
    const { paging, label, annotations } = context.options;
    return {
      alertingRule(rule) {
        const severity = rule.labels[label];
        if (severity === undefined || !paging.includes(severity)) return;
        if (annotations.some((a) => (rule.annotations[a] ?? '').trim() !== '')) return;
        const at = rule.group.file.doc.ref(keyPointer(rule, 'labels', label));
        context.report({ messageId: 'missing', data: { name: rule.name, label, severity, annotation: annotations[0] }, at: at.range() ? at : nameRef(rule), entity: rule.entity });
      },
    };
  },
});
