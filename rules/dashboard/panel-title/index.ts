import { defineRule, type Dashboard, type DashboardPanel } from '@obslint/core';

export interface PanelTitleOptions extends Record<string, unknown> {
  /** Extra titles (case-insensitive) treated as placeholders. */
  placeholders: string[];
  /** Panel types that need no title. */
  ignoreTypes: string[];
}

/** Titles Grafana and people leave behind: `Panel Title`, `New panel`, `Untitled`, `metric_1`, `Graph 2`. */
const PLACEHOLDER_RE = /^(panel[ _-]?title|new[ _-]?panel|untitled( panel)?|title|panel|graph|chart|metric|query|new)([ _-]?\d+)?$/i;

function hasOwnTitle(p: DashboardPanel): boolean {
  // A library-panel stub without its model in the file gets its title from Grafana.
  return !(p.libraryPanel && !p.libraryPanel.resolved && p.title === undefined);
}

/** Missing, empty or placeholder panel titles. */
export const panelTitle = defineRule<PanelTitleOptions>({
  meta: {
    id: 'dashboard/panel-title',
    domain: 'dashboard',
    description: 'A panel with a missing, empty or placeholder title.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      missing: 'Panel {{panel}} has no title: say what the panel answers ("Error rate by route").',
      empty: 'Panel {{panel}} has an empty title: say what the panel answers ("Error rate by route").',
      placeholder: 'Panel title "{{title}}" is a placeholder: say what the panel answers ("Error rate by route").',
    },
    schema: {
      properties: {
        placeholders: { type: 'array', items: { type: 'string' }, description: 'Extra titles treated as placeholders.' },
        ignoreTypes: { type: 'array', items: { type: 'string' }, description: 'Panel types that need no title.' },
      },
    },
    defaultOptions: { placeholders: [], ignoreTypes: ['text'] },
    tags: ['readability'],
  },
  create(context) {
    const extra = new Set(context.options.placeholders.map((s) => s.trim().toLowerCase()));
    const ignore = new Set(context.options.ignoreTypes);
    return {
      dashboard(d: Dashboard) {
        for (const p of d.panels) {
          if ((p.type !== undefined && ignore.has(p.type)) || !hasOwnTitle(p)) continue;
          const label = p.id !== undefined ? `#${p.id}` : `(${p.type ?? 'panel'})`;
          const at = d.doc.ref(p.pointers.title ?? p.pointer);
          if (p.title === undefined) context.report({ messageId: 'missing', data: { panel: label }, at, entity: p.entity });
          else if (p.title.trim() === '') context.report({ messageId: 'empty', data: { panel: label }, at, entity: p.entity });
          else if (PLACEHOLDER_RE.test(p.title.trim()) || extra.has(p.title.trim().toLowerCase())) {
            context.report({ messageId: 'placeholder', data: { title: p.title }, at, entity: p.entity });
          }
        }
      },
    };
  },
});
