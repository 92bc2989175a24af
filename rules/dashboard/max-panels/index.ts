import { defineRule, type Dashboard } from '@obslint/core';

export interface MaxPanelsOptions extends Record<string, unknown> {
  /** Panel count at which a warning is given. */
  warn: number;
  /** Panel count at which an error is given. */
  error: number;
}

/** Too many panels: counts panels inside collapsed rows and legacy rows; row headers are not panels. */
export const maxPanels = defineRule<MaxPanelsOptions>({
  meta: {
    id: 'dashboard/max-panels',
    domain: 'dashboard',
    description: 'Too many panels on one dashboard (panels in collapsed and legacy rows count; row headers do not).',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      tooMany:
        'Dashboard "{{title}}" has {{count}} panels ({{collapsed}} in collapsed rows), over the limit of {{limit}}: split it into focused dashboards linked together.',
    },
    schema: {
      properties: {
        warn: { type: 'integer', minimum: 1, description: 'Panel count that gives a warning.' },
        error: { type: 'integer', minimum: 1, description: 'Panel count that gives an error.' },
      },
    },
    defaultOptions: { warn: 50, error: 100 },
    tags: ['readability', 'performance'],
  },
  create(context) {
    const { warn, error } = context.options;
    return {
      dashboard(d: Dashboard) {
        const count = d.panels.length;
        if (count < Math.min(warn, error)) return;
        const collapsed = d.panels.filter((p) => p.inCollapsedRow).length;
        const isError = count >= error;
        const titlePointer = typeof d.raw.title === 'string' ? `${d.pointer}/title` : d.pointer;
        context.report({
          messageId: 'tooMany',
          data: { title: d.title ?? d.uid ?? 'untitled', count, collapsed, limit: isError ? error : warn },
          at: d.doc.ref(titlePointer),
          entity: d.entity,
          severity: isError ? 'error' : 'warning',
        });
      },
    };
  },
});
