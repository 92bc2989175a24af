import { defineRule, panelLabel, parseGrafanaQuery, type Dashboard } from '@obslint/core';

const LANGUAGE_NAME = { promql: 'PromQL', logql: 'LogQL' } as const;

/** Panels that do not run their targets (leftover targets in them are harmless). */
const NON_QUERY_PANELS = new Set(['text', 'dashlist', 'alertlist', 'annolist', 'news', 'welcome', 'gettingstarted', 'row']);

/** PromQL/LogQL that does not parse once Grafana variables are substituted. */
export const invalidQuery = defineRule({
  meta: {
    id: 'dashboard/invalid-query',
    domain: 'dashboard',
    description: 'A PromQL (Prometheus) or LogQL (Loki) query that does not parse after Grafana variables are substituted.',
    severity: 'error',
    preset: 'recommended',
    messages: {
      invalid: '{{language}} query {{refId}} of panel "{{panel}}" does not parse: {{detail}}.',
      empty: 'Query {{refId}} of panel "{{panel}}" is empty: remove it or hide it.',
    },
    schema: { properties: {} },
    defaultOptions: {},
    tags: ['correctness'],
  },
  create(context) {
    return {
      dashboard(d: Dashboard) {
        for (const p of d.panels) {
          p.targets.forEach((t, i) => {
            if (!t.queryLanguage || t.expr === undefined) return;
            const base = { refId: t.refId ?? String(i), panel: panelLabel(p) };
            if (t.expr.trim() === '') {
              // Grafana skips empty queries; only a data panel whose every query is empty shows nothing.
              const panelRunsNothing = p.targets.every((o) => o.hide || (o.expr ?? '').trim() === '');
              if (!t.hide && t.exprPointer && panelRunsNothing && !NON_QUERY_PANELS.has(p.type ?? '')) {
                context.report({ messageId: 'empty', data: base, at: d.doc.ref(t.exprPointer), entity: t.entity });
              }
              return;
            }
            const q = parseGrafanaQuery(t.expr, t.queryLanguage);
            const e = q.errors[0];
            if (!e) return;
            context.report({
              messageId: 'invalid',
              data: { ...base, language: LANGUAGE_NAME[t.queryLanguage], detail: e.message },
              at: t.exprRef(e.from, e.to),
              entity: t.entity,
            });
          });
        }
      },
    };
  },
});
