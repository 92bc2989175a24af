import { aggregationName, analysisOf, childNamed, defineRule, exprChildren, nodeText, type PromqlAst } from '@obslint/core';
import { eachNode, validPromqlOf, type SyntaxNode } from '../util.js';

const FRAGILE = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/**
 * `topk by (labels) (1, x)`: one series per group, the usual way to deduplicate series that differ only
 * in labels outside the group (e.g. two kube-state-metrics replicas); the groups themselves are stable.
 */
function isDedup(ast: PromqlAst, n: SyntaxNode, op: string): boolean {
  if (op !== 'topk' && op !== 'bottomk') return false;
  const mod = childNamed(n, 'AggregateModifier');
  if (!childNamed(mod, 'By')) return false;
  const body = childNamed(n, 'FunctionCallBody');
  const k = body ? exprChildren(body)[0] : undefined;
  return !!k && k.name === 'NumberDurationLiteral' && Number(nodeText(ast, k)) === 1;
}

/** The fragile aggregations of an expression, with their operator node, outermost first. */
function fragileAggregations(ast: PromqlAst): Array<{ op: string; at: SyntaxNode }> {
  const out: Array<{ op: string; at: SyntaxNode }> = [];
  eachNode(ast, (n) => {
    if (n.name !== 'AggregateExpr') return;
    const op = aggregationName(ast, n) ?? '';
    if (FRAGILE.has(op) && !isDedup(ast, n, op)) out.push({ op, at: childNamed(n, 'AggregateOp') ?? n });
  });
  return out;
}

export const fragileAggregation = defineRule({
  meta: {
    id: 'alert/fragile-aggregation',
    domain: 'alert',
    description: '`topk`/`bottomk`/`limitk`/`limit_ratio` in an alert: which series are selected changes between evaluations, so alerts flap.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      fragile: 'Alert "{{name}}" uses `{{op}}`: the selected series change from one evaluation to the next, so alerts resolve and fire again (flapping). Alert on a threshold instead, and use {{op}} in dashboards.',
    },
    schema: { properties: {} },
    defaultOptions: {},
    tags: ['noise'],
  },
  create(context) {
    return {
      alertingRule(rule) {
        const ast = validPromqlOf(rule);
        if (!ast) return;
        for (const { op, at } of analysisOf(ast, 'alert/fragile-aggregation', fragileAggregations)) {
          context.report({ messageId: 'fragile', data: { name: rule.name, op }, at: rule.exprRef(at.from, at.to), entity: rule.entity });
        }
      },
    };
  },
});
