import { datasourceName, defineRule, panelLabel, type Dashboard } from '@obslint/core';

export interface DatasourceVariableOptions extends Record<string, unknown> {
  /** Datasource uids or names that may be pinned (e.g. one central datasource every environment has). */
  allow: string[];
}

/** Panels and targets pinned to a concrete datasource instead of a datasource variable. */
export const datasourceVariable = defineRule<DatasourceVariableOptions>({
  meta: {
    id: 'dashboard/datasource-variable',
    domain: 'dashboard',
    description: 'A panel or target pinned to a concrete datasource uid or name instead of a datasource variable.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      panel: 'Panel "{{panel}}" is pinned to datasource "{{name}}": use a datasource variable (${datasource}) so the dashboard works in every environment.',
      target: 'Query {{refId}} of panel "{{panel}}" is pinned to datasource "{{name}}": use a datasource variable (${datasource}) so the dashboard works in every environment.',
    },
    schema: { properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Datasource uids or names that may be pinned.' } } },
    defaultOptions: { allow: [] },
    tags: ['portability'],
  },
  create(context) {
    const allow = new Set(context.options.allow);
    return {
      dashboard(d: Dashboard) {
        for (const p of d.panels) {
          const panelName = p.resolvedDatasource.via === 'concrete' ? datasourceName(p.datasource) : undefined;
          if (panelName !== undefined && !allow.has(panelName) && p.pointers.datasource) {
            context.report({ messageId: 'panel', data: { panel: panelLabel(p), name: panelName }, at: d.doc.ref(p.pointers.datasource), entity: p.entity });
          }
          p.targets.forEach((t, i) => {
            const own = t.resolvedDatasource;
            if (own.from !== 'target' || own.via !== 'concrete' || !t.datasourcePointer) return;
            const name = datasourceName(t.datasource);
            // The same pinned datasource copied onto each target is reported once, on the panel.
            if (name === undefined || name === panelName || allow.has(name)) return;
            context.report({
              messageId: 'target',
              data: { refId: t.refId ?? String(i), panel: panelLabel(p), name },
              at: d.doc.ref(t.datasourcePointer),
              entity: t.entity,
            });
          });
        }
      },
    };
  },
});
