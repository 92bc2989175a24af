import { alertmanagerRoutes, defineRule, formatDuration, parseDuration, durationOption } from '@obslint/core';

export interface RepeatIntervalOptions extends Record<string, unknown> {
  /** Shortest acceptable `repeat_interval`. */
  min: string;
}

export const repeatIntervalTooShort = defineRule<RepeatIntervalOptions>({
  meta: {
    id: 'alertmanager/repeat-interval-too-short',
    domain: 'alertmanager',
    description: 'A route whose effective `repeat_interval` is below `min`: a firing alert is re-sent so often that people mute it.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      short: 'Route `repeat_interval: {{value}}` is shorter than {{min}}: a still-firing alert is notified again every {{value}}, which trains people to ignore it.',
    },
    schema: { properties: { min: durationOption('Shortest acceptable repeat_interval.') } },
    defaultOptions: { min: '1h' },
    tags: ['noise'],
  },
  create(context) {
    const minMs = parseDuration(context.options.min) ?? 3_600_000;
    return {
      alertmanager(config) {
        const reported = new Set<string>();
        for (const route of alertmanagerRoutes(config)) {
          const value = route.repeatInterval;
          const from = route.repeatIntervalFrom;
          const ms = parseDuration(value);
          if (value === undefined || from === undefined || ms === undefined || ms >= minMs || reported.has(from)) continue;
          // Report once, where it is set; a root value counts only if some route actually uses it.
          reported.add(from);
          context.report({
            messageId: 'short',
            data: { value, min: formatDuration(minMs) },
            at: config.doc.ref(`${from}/repeat_interval`),
            entity: `${config.entity}/route:${from}`,
          });
        }
      },
    };
  },
});
