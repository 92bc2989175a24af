import { defineRule, factRef, fileFactLocation, ownStrings, type AlertingRule, type FactFile, type FileFactLocation, type FileModel } from '@obslint/core';
import { nameRef } from '../util.js';

/** What each file contributes: its alerting rules' identities and where their names are. */
interface AlertFacts {
  file: FactFile;
  alerts: AlertFact[];
}

interface AlertFact {
  /** language + namespace + name + sorted static labels. */
  key: string;
  name: string;
  expr: string;
  entity: string;
  docIndex: number;
  /** Where the name is, relative to the file (`line`/`column` order alerts within it). */
  at: FileFactLocation;
  line: number;
  column: number;
}

/** Identity of an alert for Alertmanager: its name plus its static labels. */
function identity(rule: AlertingRule): string {
  const labels = Object.entries(rule.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([rule.name, labels]);
}

function normalize(expr: string): string {
  return expr.replace(/\s+/g, '');
}

function collectAlerts(model: FileModel): AlertFacts {
  const alerts: AlertFact[] = [];
  for (const f of model.ruleFiles) {
    if (f.language !== 'promql' && f.language !== 'logql') continue;
    for (const g of f.groups) {
      for (const r of g.rules) {
        if (r.type !== 'alerting') continue;
        // Loki and Prometheus rules go to different rulers; a namespace separates tenants.
        const at = fileFactLocation(nameRef(r));
        const [line, column] = at.range.split(':').map(Number);
        alerts.push({ key: `${f.language}\u0000${g.namespace ?? ''}\u0000${identity(r)}`, name: r.name, expr: normalize(r.expr), entity: r.entity, docIndex: f.doc.docIndex, at, line, column });
      }
    }
  }
  return { file: { path: model.file.path, relPath: model.file.relPath }, alerts };
}
// Names and expressions are cut from the rule file's text: a large run keeps copies, so that the facts it
// holds to the end do not keep every rule file in memory.
collectAlerts.offload = (facts: unknown) => ownStrings(facts);

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
        const all = facts.flatMap((f) => (f.data as AlertFacts).alerts.map((alert) => ({ alert, file: (f.data as AlertFacts).file })));
        const byPath = (a: { file: FactFile }, b: { file: FactFile }) => (a.file.relPath < b.file.relPath ? -1 : a.file.relPath > b.file.relPath ? 1 : 0);
        all.sort((a, b) => byPath(a, b) || a.alert.docIndex - b.alert.docIndex || a.alert.line - b.alert.line || a.alert.column - b.alert.column);
        const seen = new Map<string, Array<(typeof all)[number]>>();
        for (const r of all) {
          const earlier = seen.get(r.alert.key) ?? [];
          // In one file, the same name with a different expression is a deliberate split (one alert per
          // threshold or per metric); a copy elsewhere, or the same expression again, pages twice.
          const first = earlier.find((e) => e.file.path !== r.file.path || e.alert.expr === r.alert.expr);
          earlier.push(r);
          seen.set(r.alert.key, earlier);
          if (first) {
            context.report({ messageId: 'duplicate', data: { name: r.alert.name, first: `${first.file.relPath}:${first.alert.line}` }, at: factRef(r.alert.at, r.file), entity: r.alert.entity });
          }
        }
      },
    };
  },
});
