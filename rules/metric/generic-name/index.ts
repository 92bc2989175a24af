import { defineRule, genericMetricName, offsetRef, type MetricFamily } from '@obslint/core';

export interface GenericNameOptions extends Record<string, unknown> {
  /** Names that are always accepted. */
  allow: string[];
}

export const genericName = defineRule<GenericNameOptions>({
  meta: {
    id: 'metric/generic-name',
    domain: 'metric',
    description: 'Placeholder or meaningless metric names (`metric_1`, `my_metric`, `foo`, one word with no namespace).',
    severity: 'error',
    preset: 'recommended',
    messages: {
      placeholder: 'Metric name "{{name}}" is a placeholder: name it after what it measures, with a namespace prefix (e.g. `myapp_http_requests_total`).',
      noNamespace: 'Metric name "{{name}}" has no namespace prefix: prefix it with the application or library (e.g. `myapp_{{name}}`) so it cannot collide and can be found.',
    },
    schema: {
      properties: {
        allow: { type: 'array', items: { type: 'string' }, description: 'Names that are always accepted.' },
      },
    },
    defaultOptions: { allow: [] },
    tags: ['naming'],
  },
  create(context) {
    return {
      metricFamily(f: MetricFamily) {
        const reason = genericMetricName(f.name, context.options.allow);
        if (!reason) return;
        context.report({
          messageId: reason === 'placeholder' ? 'placeholder' : 'noNamespace',
          data: { name: f.name },
          at: offsetRef(f.snapshot.file, f.nameStart, f.nameEnd),
          entity: f.entity,
        });
      },
    };
  },
});
