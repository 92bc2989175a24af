import { defineRule, genericMetricName, joinPointer, type MetricFamily, type RecordingRule, type RuleMeta } from '@obslint/core/code';
import { definitionNode, familyNameRef, metricEslintRule, namesOption } from '../shared.js';

export interface GenericNameOptions extends Record<string, unknown> {
  /** Names that are always accepted. */
  allow: string[];
}

const meta: RuleMeta<GenericNameOptions> = {
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
      allow: namesOption('Names that are always accepted.'),
    },
  },
  defaultOptions: { allow: [] },
  tags: ['naming'],
};

/** OpenTelemetry names are dotted: judge `my.metric` like `my_metric`. */
function reasonFor(name: string, dialect: 'prometheus' | 'otel', allow: string[]) {
  if (allow.includes(name)) return undefined;
  return genericMetricName(dialect === 'otel' ? name.replace(/[.\-/]/g, '_') : name, allow);
}

const messageId = (reason: 'placeholder' | 'no-namespace') => (reason === 'placeholder' ? 'placeholder' : 'noNamespace');

export const genericName = defineRule<GenericNameOptions>({
  meta,
  create(context) {
    return {
      metricFamily(f: MetricFamily) {
        const reason = reasonFor(f.name, 'prometheus', context.options.allow);
        if (!reason) return;
        context.report({ messageId: messageId(reason), data: { name: f.name }, at: familyNameRef(f), entity: f.entity });
      },
      recordingRule(r: RecordingRule) {
        // Recording-rule structure (`level:metric:operations`) is recording/naming's job; placeholders are ours.
        if (reasonFor(r.name, 'prometheus', context.options.allow) !== 'placeholder') return;
        context.report({ messageId: 'placeholder', data: { name: r.name }, at: r.group.file.doc.ref(joinPointer(r.pointer, 'record')), entity: r.entity });
      },
    };
  },
  eslint: metricEslintRule(meta, ({ sites, options, report }) => {
    for (const def of sites.definitions) {
      const name = def.name?.value;
      if (name === undefined) continue;
      const reason = reasonFor(name, def.dialect, options.allow);
      if (reason) report(definitionNode(def), messageId(reason), { name });
    }
  }),
});
