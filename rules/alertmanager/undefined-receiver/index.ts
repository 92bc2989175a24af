import { alertmanagerReceiverNames, alertmanagerRoutes, defineRule } from '@obslint/core';

export const undefinedReceiver = defineRule({
  meta: {
    id: 'alertmanager/undefined-receiver',
    domain: 'alertmanager',
    description: 'A route naming a receiver that is not defined in `receivers` (Alertmanager refuses to load the config).',
    severity: 'error',
    preset: 'recommended',
    messages: {
      undefined: 'Route uses receiver "{{receiver}}", which is not defined in `receivers`{{hint}}: Alertmanager refuses to load this config.',
      rootMissing: 'The root route has no `receiver`: Alertmanager requires a default receiver on the root route.',
    },
    schema: { properties: {} },
    defaultOptions: {},
    tags: ['correctness'],
  },
  create(context) {
    return {
      alertmanager(config) {
        const names = alertmanagerReceiverNames(config);
        for (const route of alertmanagerRoutes(config)) {
          const r = route.raw.receiver;
          if (route.depth === 0 && (typeof r !== 'string' || r === '')) {
            context.report({ messageId: 'rootMissing', at: config.doc.ref(route.pointer), entity: `${config.entity}/route:${route.pointer}` });
            continue;
          }
          if (typeof r !== 'string' || names.has(r)) continue;
          const close = [...names].find((n) => n.toLowerCase() === r.toLowerCase() || n.replace(/[-_ ]/g, '') === r.replace(/[-_ ]/g, ''));
          context.report({
            messageId: 'undefined',
            data: { receiver: r, hint: close ? ` (did you mean "${close}"?)` : '' },
            at: config.doc.ref(`${route.pointer}/receiver`),
            entity: `${config.entity}/route:${route.pointer}`,
          });
        }
      },
    };
  },
});
