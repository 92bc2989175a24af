import { aggregationName, analysisOf, childNamed, binaryOperator, defineRule, exprChildren, functionName, nodeText, passThroughInner, typeOfNode, type PromqlAst } from '@obslint/core';
import { compilePatterns, eachNode, validPromqlOf, type SyntaxNode } from '../util.js';

export interface CounterWithoutRateOptions extends Record<string, unknown> {
  /** Metric name suffixes that mark counters. */
  suffixes: string[];
  /** Regular expressions of counter names that are compared raw on purpose (uptime: restart detection). */
  ignoreMetrics: string[];
}

const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
/** Functions under which a counter's raw value is not what is compared. */
const SAFE_FUNCTIONS = new Set([
  'rate', 'irate', 'increase', 'resets', 'changes', 'absent', 'absent_over_time', 'present_over_time', 'count_over_time',
  'timestamp', 'delta', 'idelta', 'deriv', 'predict_linear',
]);
/** Aggregations that count series rather than use their values. */
const SAFE_AGGREGATIONS = new Set(['count', 'count_values', 'group']);

/** Raw counter selectors under `n` (not inside rate()-like functions or counting aggregations). */
function rawCounters(ast: PromqlAst, n: SyntaxNode, isCounter: (m: string) => boolean, out: SyntaxNode[]): void {
  const inner = passThroughInner(n);
  if (inner !== undefined) {
    if (inner) rawCounters(ast, inner, isCounter, out);
    return;
  }
  if (n.name === 'FunctionCall' && SAFE_FUNCTIONS.has(functionName(ast, n) ?? '')) return;
  if (n.name === 'AggregateExpr' && SAFE_AGGREGATIONS.has(aggregationName(ast, n) ?? '')) return;
  if (n.name === 'BinaryExpr') {
    // `a and b` / `a unless b`: only the left side's values are kept.
    const [l, r] = exprChildren(n);
    const op = l && r ? (binaryOperator(l, r)?.name ?? '') : '';
    // `a and b` / `a unless b` keep only the left side's values; `a / b_total` divides by a capacity
    // (exporters name capacity gauges `*_total`); `a - b` is a difference (`x - x offset 1h` is a manual increase).
    if (op === 'And' || op === 'Unless' || op === 'Div') {
      if (l) rawCounters(ast, l, isCounter, out);
      return;
    }
    if (op === 'Sub') return;
  }
  if (n.name === 'VectorSelector') {
    const id = childNamed(n, 'Identifier');
    if (id && isCounter(nodeText(ast, id))) out.push(n);
    return;
  }
  for (const c of exprChildren(n.name === 'FunctionCall' || n.name === 'AggregateExpr' ? (childNamed(n, 'FunctionCallBody') ?? n) : n)) rawCounters(ast, c, isCounter, out);
}

/** The metric names of the raw counters compared against a threshold, each selector once, in expression order. */
function rawCounterIds(ast: PromqlAst, isCounter: (m: string) => boolean): SyntaxNode[] {
  const ids: SyntaxNode[] = [];
  const found = new Set<number>();
  eachNode(ast, (n) => {
    if (n.name !== 'BinaryExpr') return;
    const [l, r] = exprChildren(n);
    if (!l || !r || !COMPARISONS.has(binaryOperator(l, r)?.name ?? '')) return;
    const lt = typeOfNode(ast, l);
    const rt = typeOfNode(ast, r);
    // A threshold: one side is a scalar.
    const side = rt === 'scalar' && lt === 'vector' ? l : lt === 'scalar' && rt === 'vector' ? r : undefined;
    // `counter > 0` asks "has it ever happened": a guard, or an existence check, not a threshold on the value.
    if (!side || isZero(ast, side === l ? r : l)) return;
    const sels: SyntaxNode[] = [];
    rawCounters(ast, side, isCounter, sels);
    for (const s of sels) {
      if (found.has(s.from)) continue;
      found.add(s.from);
      ids.push(childNamed(s, 'Identifier')!);
    }
  });
  return ids;
}

function isZero(ast: PromqlAst, threshold: SyntaxNode): boolean {
  return /^[+-]?0*\.?0*$/.test(nodeText(ast, threshold).replace(/\s|[()]/g, ''));
}

export const counterWithoutRate = defineRule<CounterWithoutRateOptions>({
  meta: {
    id: 'alert/counter-without-rate',
    domain: 'alert',
    description: 'A counter compared against a threshold without `rate()`/`increase()`: counters only grow, so the alert fires forever once crossed (and resets on restart).',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      raw: 'Alert "{{name}}" compares the counter `{{metric}}` against a threshold without rate()/increase(): its value only grows (until a restart resets it), so the condition says nothing about now. Use `increase({{metric}}[5m])` or `rate(...)`.',
    },
    schema: {
      properties: {
        suffixes: { type: 'array', items: { type: 'string' }, description: 'Metric name suffixes that mark counters.' },
        ignoreMetrics: { type: 'array', items: { type: 'string' }, description: 'Regular expressions of counters compared raw on purpose.' },
      },
    },
    defaultOptions: { suffixes: ['_total', '_bucket'], ignoreMetrics: ['uptime'] },
    tags: ['correctness'],
  },
  create(context) {
    const suffixes = context.options.suffixes;
    const ignore = compilePatterns(context.options.ignoreMetrics);
    const isCounter = (m: string) => !m.includes(':') && suffixes.some((s) => m.endsWith(s) && m.length > s.length) && !ignore.some((r) => r.test(m));
    // The raw counters of an expression depend on the options only: computed once per expression and options.
    const key = `alert/counter-without-rate:${JSON.stringify([suffixes, context.options.ignoreMetrics])}`;
    return {
      alertingRule(rule) {
        const ast = validPromqlOf(rule);
        if (!ast) return;
        for (const id of analysisOf(ast, key, (a) => rawCounterIds(a, isCounter))) {
          context.report({ messageId: 'raw', data: { name: rule.name, metric: nodeText(ast, id) }, at: rule.exprRef(id.from, id.to), entity: rule.entity });
        }
      },
    };
  },
});
