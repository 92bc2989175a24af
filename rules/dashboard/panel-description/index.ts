import { defineRule, panelsOfType, panelLabel, type Dashboard } from '@obslint/core';

export interface PanelDescriptionOptions extends Record<string, unknown> {
  /** Panel types that need a description. */
  types: string[];
}

export const GRAPH_LIKE_TYPES = ['timeseries', 'graph', 'barchart', 'heatmap', 'histogram', 'state-timeline', 'status-history', 'trend', 'xychart', 'candlestick'];

/** Graph-like panels without a description (the ⓘ tooltip that tells the reader what they are looking at). */
export const panelDescription = defineRule<PanelDescriptionOptions>({
  meta: {
    id: 'dashboard/panel-description',
    domain: 'dashboard',
    description: 'A graph-like panel without a description.',
    severity: 'info',
    preset: 'strict',
    messages: {
      missing: 'Panel "{{panel}}" has no description: say what it shows and what good and bad look like.',
    },
    schema: { properties: { types: { type: 'array', items: { type: 'string' }, description: 'Panel types that need a description.' } } },
    defaultOptions: { types: GRAPH_LIKE_TYPES },
    tags: ['readability'],
  },
  create(context) {
    const types = new Set(context.options.types);
    return {
      dashboard(d: Dashboard) {
        for (const p of panelsOfType(d, types)) {
          if (p.description !== undefined && p.description.trim() !== '') continue;
          context.report({
            messageId: 'missing',
            data: { panel: panelLabel(p) },
            at: d.doc.ref(p.pointers.description ?? p.pointers.title ?? p.pointer),
            entity: p.entity,
          });
        }
      },
    };
  },
});
