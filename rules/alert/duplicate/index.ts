import { defineRule, factLocation, factRef, ownStrings, type AlertingRule, type FactLocation, type FileModel } from '@obslint/core';
import { nameRef } from '../util.js';

/** What each file contributes: its alerting rules' identities and where their names are. */
interface AlertFact {
  /** language + namespace + name + sorted static labels. */
  key: string;
  name: string;
  expr: string;
  entity: string;
  docIndex: number;
  at: FactLocation;
}

/** Identity of an alert for Alertmanager: its name plus its static labels. */
function identity(rule: AlertingRule): string {
  const labels = Object.entries(rule.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([rule.name, labels]);
}

function normalize(expr: string): string {
  return expr.replace(/\s+/g, '');
}

function collectAlerts(model: FileModel): AlertFact[] {
  const out: AlertFact[] = [];
  for (const f of model.ruleFiles) {
    if (f.language !== 'promql' && f.language !== 'logql') continue;
    for (const g of f.groups) {
      for (const r of g.rules) {
        if (r.type !== 'alerting') continue;
        // Loki and Prometheus rules go to different rulers; a namespace separates tenants.
        out.push({ key: `${f.language}\u0000${g.namespace ?? ''}\u0000${identity(r)}`, name: r.name, expr: normalize(r.expr), entity: r.entity, docIndex: f.doc.docIndex, at: factLocation(nameRef(r)) });
      }
    }
  }
  // Names and expressions are cut from the rule file's text: copies, so the facts do not keep it in memory.
  return ownStrings(out);
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
      collect: collectAlerts,
      reduce(facts) {
        const all = facts.flatMap((f) => f.data as AlertFact[]);
        all.sort((a, b) => (a.at.relPath < b.at.relPath ? -1 : a.at.relPath > b.at.relPath ? 1 : a.docIndex - b.docIndex || a.at.range.startOffset - b.at.range.startOffset));
        const seen = new Map<string, AlertFact[]>();
        for (const r of all) {
          const earlier = seen.get(r.key) ?? [];
          // In one file, the same name with a different expression is a deliberate split (one alert per
          // threshold or per metric); a copy elsewhere, or the same expression again, pages twice.
          const first = earlier.find((e) => e.at.path !== r.at.path || e.expr === r.expr);
          earlier.push(r);
          seen.set(r.key, earlier);
          if (first) {
            context.report({ messageId: 'duplicate', data: { name: r.name, first: `${first.at.relPath}:${first.at.range.line}` }, at: factRef(r.at), entity: r.entity });
          }
        }
      },
    };
  },
});
