import { calledFunctions, defineRule, findSelectors } from '@obslint/core';
import { PAGING_OPTIONS_SCHEMA, compilePatterns, keyPointer, nameRef, validPromqlOf } from '../util.js';

export interface CauseBasedPageOptions extends Record<string, unknown> {
  /** Severity values that page someone. */
  paging: string[];
  /** The severity label. */
  label: string;
  /** Words of metric names (between `_`) that measure a resource cause. */
  causeMetrics: string[];
  /** Regular expressions of metrics that only join metadata in (ignored). */
  ignoreMetrics: string[];
}

export const causeBasedPage = defineRule<CauseBasedPageOptions>({
  meta: {
    id: 'alert/cause-based-page',
    domain: 'alert',
    description: 'Paging alert on a resource cause (CPU, memory, disk, load, GC, threads) rather than a user-facing symptom.',
    severity: 'info',
    preset: 'strict',
    messages: {
      cause: 'Alert "{{name}}" pages on a resource cause (`{{metric}}`), not on something users notice: high {{what}} often hurts nobody. Page on symptoms (errors, latency, an SLO burn rate) and make this a ticket.',
    },
    schema: {
      properties: {
        ...PAGING_OPTIONS_SCHEMA,
        causeMetrics: { type: 'array', items: { type: 'string' }, description: 'Words (between underscores) of cause metric names.' },
        ignoreMetrics: { type: 'array', items: { type: 'string' }, description: 'Regular expressions of metadata metrics to ignore.' },
      },
    },
    defaultOptions: {
      paging: ['critical'],
      label: 'severity',
      causeMetrics: ['cpu', 'memory', 'mem', 'heap', 'disk', 'filesystem', 'fs', 'load', 'load1', 'load5', 'load15', 'gc', 'threads', 'thread', 'goroutines', 'swap', 'inodes', 'inode'],
      ignoreMetrics: ['_info$', '^kube_.*_labels$', '^up$', '_spec_', '_limits?$', '_requests?$', '_capacity', '_size_bytes$', '^machine_', 'errors?', 'fail', 'deadlock', 'status', 'health'],
    },
    tags: ['on-call'],
  },
  create(context) {
    const causes = new Set(context.options.causeMetrics.map((w) => w.toLowerCase()));
    const ignore = compilePatterns(context.options.ignoreMetrics);
    const { paging, label } = context.options;
    return {
      alertingRule(rule) {
        if (!paging.includes(rule.labels[label] ?? '')) return;
        const ast = validPromqlOf(rule);
        if (!ast) return;
        if (calledFunctions(ast).includes('predict_linear')) return;
        const metrics = findSelectors(ast).map((s) => s.metric).filter((m): m is string => !!m && !ignore.some((r) => r.test(m)));
        if (!metrics.length) return;
        const causeOf = (m: string) => m.toLowerCase().split(/[_:]/).some((w) => causes.has(w));
        if (!metrics.every((m) => causeOf(m))) return;
        const what = /cpu/i.test(metrics[0]) ? 'CPU' : /mem|heap|swap/i.test(metrics[0]) ? 'memory' : /disk|filesystem|inode/i.test(metrics[0]) ? 'disk usage' : /load/i.test(metrics[0]) ? 'load' : /gc/i.test(metrics[0]) ? 'GC time' : 'resource usage';
        const sev = rule.group.file.doc.ref(keyPointer(rule, 'labels', label));
        context.report({ messageId: 'cause', data: { name: rule.name, metric: metrics[0], what }, at: sev.range() ? sev : nameRef(rule), entity: rule.entity });
      },
    };
  },
});
