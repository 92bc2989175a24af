import { alertmanagerRoutes, defineRule } from '@obslint/core';

export const missingGroupBy = defineRule({
  meta: {
    id: 'alertmanager/missing-group-by',
    domain: 'alertmanager',
    description: 'A route (the root included, with inheritance) with no `group_by`: alerts are not grouped by what they are about, so storms arrive as one unreadable mass or many separate pages.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      root: 'The root route has no `group_by`, and neither do the routes that inherit it: alerts are not grouped by what they are about. Set `group_by: [alertname, cluster, service]` (or `[\'...\']` to disable grouping on purpose).',
      empty: 'This route sets `group_by: []`, overriding its parent: its alerts are not grouped by what they are about. Remove it to inherit, or list labels.',
    },
    schema: { properties: {} },
    defaultOptions: {},
    tags: ['noise'],
  },
  create(context) {
    return {
      alertmanager(config) {
        for (const route of alertmanagerRoutes(config)) {
          const own = route.raw.group_by;
          const at = (p: string) => config.doc.ref(p);
          if (route.depth === 0 && (!route.groupBy || route.groupBy.length === 0)) {
            // Only the root is reported when nothing sets group_by; children that set it are fine.
            context.report({ messageId: 'root', at: at(Array.isArray(own) ? `${route.pointer}/group_by` : route.pointer), entity: `${config.entity}/route:${route.pointer}` });
          } else if (route.depth > 0 && Array.isArray(own) && own.length === 0 && (route.parent?.groupBy?.length ?? 0) > 0) {
            context.report({ messageId: 'empty', at: at(`${route.pointer}/group_by`), entity: `${config.entity}/route:${route.pointer}` });
          }
        }
      },
    };
  },
});
