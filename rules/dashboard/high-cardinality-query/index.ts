import {
  defineRule,
  enclosingAggregations,
  findAggregations,
  findSelectors,
  labelSurvivesAggregationsAbove,
  panelLabel,
  queryRangeRef,
  SELECTING_AGGREGATIONS,
  promqlTargets,
  unquotePromqlString,
  variableReference,
  type AggregationInfo,
  type Dashboard,
  type LabelMatcherInfo,
} from '@obslint/core';

export interface HighCardinalityQueryOptions extends Record<string, unknown> {
  /** Labels of the shared high-cardinality list that are bounded in this repository. */
  allow: string[];
}

/** Written regex values that match every value of a label. */
const MATCH_ALL = new Set(['.*', '.+', '.*?', '.+?', '(.*)', '(.+)']);

function matchesEverything(m: LabelMatcherInfo): boolean {
  return ((m.op === '=~') && MATCH_ALL.has(m.value)) || ((m.op === '!=' || m.op === '!~') && m.value === '');
}

/** Queries that group by or regex-match unbounded labels, or select every series. */
export const highCardinalityQuery = defineRule<HighCardinalityQueryOptions>({
  meta: {
    id: 'dashboard/high-cardinality-query',
    domain: 'dashboard',
    description: 'A query that groups by or regex-matches an unbounded label, or selects every series with match-everything matchers.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      groupBy:
        'Panel "{{panel}}" groups by "{{label}}", an unbounded label: one series per value overloads Prometheus and the panel. Aggregate it away or use topk().',
      regex: 'Panel "{{panel}}" matches the unbounded label "{{label}}" with a regex: Prometheus scans every series of it. Match exact values.',
      matchAll: 'Panel "{{panel}}" selects {{selector}}: every series in Prometheus. Name a metric or match a bounded label exactly.',
    },
    schema: { properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Labels of the shared list that are bounded here.' } } },
    defaultOptions: { allow: [] },
    tags: ['performance', 'cardinality'],
  },
  create(context) {
    const allow = new Set(context.options.allow.map((l) => l.toLowerCase()));
    const unbounded = new Set(context.settings.highCardinalityLabels.map((l) => l.toLowerCase()).filter((l) => !allow.has(l)));
    const isUnbounded = (name: string) => unbounded.has(name.toLowerCase());
    return {
      dashboard(d: Dashboard) {
        for (const { panel: p, target: t, query: q } of promqlTargets(d)) {
          const panel = panelLabel(p);
          const boundedByTopk = (node: AggregationInfo['node']) => enclosingAggregations(q.promql, node).some((a) => SELECTING_AGGREGATIONS.has(a.op));
          const onlyVariable = (m: LabelMatcherInfo) =>
            m.valueFrom !== undefined && m.valueTo !== undefined && variableReference(unquotePromqlString(q.sub.originalText(m.valueFrom, m.valueTo))) !== undefined;
          for (const agg of findAggregations(q.promql)) {
            if (agg.modifier !== 'by') continue;
            for (const l of agg.labels) {
              // `count(count by (user_id) (x))` collapses the label again; `topk(10, ...)` bounds the result.
              if (!isUnbounded(l.name) || !labelSurvivesAggregationsAbove(q.promql, agg.node, l.name) || boundedByTopk(agg.node)) continue;
              context.report({ messageId: 'groupBy', data: { panel, label: l.name }, at: queryRangeRef(t, q, l.from, l.to), entity: t.entity });
            }
          }
          for (const sel of findSelectors(q.promql)) {
            for (const m of sel.matchers) {
              // `=~"$var"` is how Grafana's multi-value and All variables match: the values come from the dropdown.
              if ((m.op === '=~' || m.op === '!~') && isUnbounded(m.name) && !matchesEverything(m) && !onlyVariable(m)) {
                context.report({ messageId: 'regex', data: { panel, label: m.name }, at: queryRangeRef(t, q, m.from, m.to), entity: t.entity });
              }
            }
            const written = sel.matchers.filter((m) => q.sub.variablesIn(m.from, m.to).length === 0);
            if (!sel.metric && sel.matchers.length > 0 && written.length === sel.matchers.length && sel.matchers.every(matchesEverything)) {
              context.report({
                messageId: 'matchAll',
                data: { panel, selector: q.sub.originalText(sel.from, sel.to) },
                at: queryRangeRef(t, q, sel.from, sel.to),
                entity: t.entity,
              });
            }
          }
        }
      },
    };
  },
});
