import { defineRule, panelLabel, type Dashboard } from '@obslint/core';

export interface MaxQueriesPerPanelOptions extends Record<string, unknown> {
  /** Most enabled targets a panel may have. */
  max: number;
}

/** A panel with more enabled queries than `max`; hidden targets (`hide: true`) do not count. */
export const maxQueriesPerPanel = defineRule<MaxQueriesPerPanelOptions>({
  meta: {
    id: 'dashboard/max-queries-per-panel',
    domain: 'dashboard',
    description: 'A panel with too many enabled queries (hidden targets do not count).',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      tooMany: 'Panel "{{panel}}" runs {{count}} queries, over the limit of {{max}}: split it, or aggregate in one query.',
    },
    schema: { properties: { max: { type: 'integer', minimum: 1, description: 'Most enabled targets a panel may have.' } } },
    defaultOptions: { max: 12 },
    tags: ['performance', 'readability'],
  },
  create(context) {
    const { max } = context.options;
    return {
      dashboard(d: Dashboard) {
        for (const p of d.panels) {
          const count = p.targets.filter((t) => !t.hide).length;
          if (count <= max) continue;
          context.report({
            messageId: 'tooMany',
            data: { panel: panelLabel(p), count, max },
            at: d.doc.ref(p.pointers.targets ?? p.pointer, p.pointers.targets ? 'key' : 'value'),
            entity: p.entity,
          });
        }
      },
    };
  },
});
