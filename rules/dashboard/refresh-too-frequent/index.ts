import { defineRule, formatDuration, parseDuration, type Dashboard } from '@obslint/core';

export interface RefreshTooFrequentOptions extends Record<string, unknown> {
  /** Shortest acceptable auto-refresh interval (a Prometheus duration). */
  min: string;
}

/** Auto-refresh faster than `min`. */
export const refreshTooFrequent = defineRule<RefreshTooFrequentOptions>({
  meta: {
    id: 'dashboard/refresh-too-frequent',
    domain: 'dashboard',
    description: 'A dashboard that auto-refreshes faster than the minimum interval.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      tooFrequent:
        'Dashboard "{{title}}" refreshes every {{refresh}}, faster than {{min}}: every open browser re-runs all its queries that often.',
    },
    schema: { properties: { min: { type: 'string', pattern: '^(\\d+(ms|s|m|h|d|w|y))+$', description: 'Shortest acceptable auto-refresh interval.' } } },
    defaultOptions: { min: '10s' },
    tags: ['performance'],
  },
  create(context) {
    const min = parseDuration(context.options.min) ?? 10_000;
    return {
      dashboard(d: Dashboard) {
        if (typeof d.refresh !== 'string' || d.refreshPointer === undefined) return;
        const ms = parseDuration(d.refresh);
        if (ms === undefined || ms === 0 || ms >= min) return;
        context.report({
          messageId: 'tooFrequent',
          data: { title: d.title ?? d.uid ?? 'untitled', refresh: d.refresh, min: formatDuration(min) },
          at: d.doc.ref(d.refreshPointer),
          entity: d.entity,
        });
      },
    };
  },
});
