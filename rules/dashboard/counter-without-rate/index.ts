import { defineRule, findSelectors, panelLabel, queryRangeRef, targetPromql, type Dashboard, type SelectorInfo } from '@obslint/core';

export interface CounterWithoutRateOptions extends Record<string, unknown> {
  /** Metric name suffixes that mark counters. */
  suffixes: string[];
}

/** Functions that turn a counter into something meaningful, at any depth above the selector. */
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets', 'changes']);
/** Functions and aggregations that do not look at sample values (existence, counting, timestamps). */
const VALUE_AGNOSTIC = new Set(['absent', 'absent_over_time', 'present_over_time', 'count_over_time', 'timestamp']);
const VALUE_AGNOSTIC_AGGREGATIONS = new Set(['count', 'group', 'count_values']);

/**
 * `started_total - handled_total`: the difference of two raw counters is a gauge (requests in flight), a
 * deliberate idiom. True when `node` sits on one side of a subtraction whose other side holds a raw counter.
 */
function isCounterDifference(node: SelectorInfo['node'], rawCounterIn: (from: number, to: number) => boolean): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.name !== 'BinaryExpr') continue;
    const op = p.getChild('Sub');
    if (!op) continue;
    const other = node.from < op.from ? { from: op.to, to: p.to } : { from: p.from, to: op.from };
    if (rawCounterIn(other.from, other.to)) return true;
  }
  return false;
}

/** A counter selected raw: it only ever goes up, so the graph is a rising line. */
export const counterWithoutRate = defineRule<CounterWithoutRateOptions>({
  meta: {
    id: 'dashboard/counter-without-rate',
    domain: 'dashboard',
    description: 'A counter selected without rate/irate/increase/resets/changes.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      raw: 'Counter "{{metric}}" in panel "{{panel}}" is used raw: it only ever goes up (and resets on restart); wrap it in rate() or increase().',
    },
    schema: { properties: { suffixes: { type: 'array', items: { type: 'string' }, description: 'Metric name suffixes that mark counters.' } } },
    defaultOptions: { suffixes: ['_total', '_count', '_sum', '_bucket'] },
    tags: ['correctness'],
  },
  create(context) {
    const { suffixes } = context.options;
    return {
      dashboard(d: Dashboard) {
        const queries = d.panels.flatMap((p) => p.targets.map((t) => ({ p, t, q: targetPromql(t) })));
        // `*_count` is a histogram/summary counter only next to its `_sum`/`_bucket`; alone it is often a gauge
        // (`kafka_schema_registry_registered_count`, `vault_secret_kv_count`).
        const metrics = new Set(queries.flatMap(({ q }) => (q ? findSelectors(q.promql).map((s) => s.metric ?? '') : [])));
        const isCounter = (m: string) =>
          suffixes.some((s) => m.endsWith(s)) && (!m.endsWith('_count') || metrics.has(`${m.slice(0, -6)}_sum`) || metrics.has(`${m.slice(0, -6)}_bucket`));
        for (const { p, t, q } of queries) {
          if (!q) continue;
          const selectors = findSelectors(q.promql);
          const rawCounterIn = (from: number, to: number) =>
            selectors.some((s) => s.from >= from && s.to <= to && s.metric !== undefined && isCounter(s.metric) && !s.functions.some((f) => COUNTER_FUNCTIONS.has(f)));
          for (const sel of selectors) {
            const metric = sel.metric;
            // Recording-rule outputs (level:metric:operations) are not raw counters.
            if (!metric || metric.includes(':') || !isCounter(metric)) continue;
            if (sel.functions.some((f) => COUNTER_FUNCTIONS.has(f) || VALUE_AGNOSTIC.has(f))) continue;
            if (sel.aggregations.some((a) => VALUE_AGNOSTIC_AGGREGATIONS.has(a))) continue;
            if (isCounterDifference(sel.node, rawCounterIn)) continue;
            context.report({
              messageId: 'raw',
              data: { metric: q.sub.originalText(sel.from, sel.from + metric.length), panel: panelLabel(p) },
              at: queryRangeRef(t, q, sel.from, sel.from + metric.length),
              entity: t.entity,
            });
          }
        }
      },
    };
  },
});
