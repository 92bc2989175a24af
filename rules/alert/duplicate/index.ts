import { defineRule, type AlertingRule } from '@obslint/core';
import { nameRef } from '../util.js';

/** Identity of an alert for Alertmanager: its name plus its static labels. */
function identity(rule: AlertingRule): string {
  const labels = Object.entries(rule.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([rule.name, labels]);
}

function normalize(expr: string): string {
  return expr.replace(/\s+/g, '');
}

function where(rule: AlertingRule): string {
  const r = nameRef(rule).range();
  return `${rule.group.file.doc.file.relPath}${r ? `:${r.line}` : ''}`;
}

export const duplicate = defineRule({
  meta: {
    id: 'alert/duplicate',
    domain: 'alert',
    description: 'Two alerting rules anywhere in the repository with the same name and the same static labels: duplicate pages.',
    severity: 'error',
    preset: 'recommended',
    messages: {
      duplicate: 'Alert "{{name}}" is defined again with the same labels (first at {{first}}): both fire for the same problem and page twice. Remove one, or give them different labels.',
    },
    schema: { properties: {} },
    defaultOptions: {},
    tags: ['noise'],
  },
  create(context) {
    return {
      repo(index) {
        const seen = new Map<string, AlertingRule[]>();
        const files = [...index.ruleFiles].sort((a, b) => (a.doc.file.relPath < b.doc.file.relPath ? -1 : a.doc.file.relPath > b.doc.file.relPath ? 1 : a.doc.docIndex - b.doc.docIndex));
        for (const f of files) {
          if (f.language !== 'promql' && f.language !== 'logql') continue;
          for (const g of f.groups) {
            for (const r of g.rules) {
              if (r.type !== 'alerting') continue;
              // Loki and Prometheus rules go to different rulers; a namespace separates tenants.
              const key = `${f.language}\u0000${g.namespace ?? ''}\u0000${identity(r)}`;
              const earlier = seen.get(key) ?? [];
              // In one file, the same name with a different expression is a deliberate split (one alert per
              // threshold or per metric); a copy elsewhere, or the same expression again, pages twice.
              const first = earlier.find((e) => e.group.file.doc.file !== r.group.file.doc.file || normalize(e.expr) === normalize(r.expr));
              earlier.push(r);
              seen.set(key, earlier);
              if (first) context.report({ messageId: 'duplicate', data: { name: r.name, first: where(first) }, at: nameRef(r), entity: r.entity });
            }
          }
        }
      },
    };
  },
});
