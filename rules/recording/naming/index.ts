import { defineRule } from '@obslint/core';
import { nameRef } from '../../alert/util.js';

export interface RecordingNamingOptions extends Record<string, unknown> {
  /** Accept an empty level (`:metric:ops`), as kube-prometheus writes cluster-wide aggregations. */
  allowEmptyLevel: boolean;
}

const PART = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const recordingNaming = defineRule<RecordingNamingOptions>({
  meta: {
    id: 'recording/naming',
    domain: 'recording',
    description: 'Recording rule name not in `level:metric:operations` form.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      noColons: 'Recording rule "{{name}}" is not in `level:metric:operations` form (e.g. `job:http_requests:rate5m`): without colons it looks like a raw metric, and nobody can tell how it was aggregated.',
      form: 'Recording rule "{{name}}" is not in `level:metric:operations` form (e.g. `job:http_requests:rate5m`): {{problem}}.',
    },
    schema: { properties: { allowEmptyLevel: { type: 'boolean', description: 'Accept `:metric:operations`.' } } },
    defaultOptions: { allowEmptyLevel: true },
    tags: ['naming'],
  },
  create(context) {
    return {
      recordingRule(rule) {
        const name = rule.name;
        const parts = name.split(':');
        const report = (messageId: string, problem = '') => context.report({ messageId, data: { name, problem }, at: nameRef(rule), entity: rule.entity });
        if (parts.length === 1) return report('noColons');
        if (parts.length === 2) return report('form', 'it has two parts; the operations part is missing');
        if (parts.length > 3) return report('form', `it has ${parts.length} colon-separated parts instead of three`);
        const [level, metric, ops] = parts;
        if (level === '' && !context.options.allowEmptyLevel) return report('form', 'the level (the labels it keeps, e.g. `job` or `instance`) is empty');
        if ((level !== '' && !PART.test(level)) || !PART.test(metric)) return report('form', 'the level and metric parts must be label and metric names');
        if (!/^[a-zA-Z0-9_]+$/.test(ops)) return report('form', 'the operations part is empty');
      },
    };
  },
});
