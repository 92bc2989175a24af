import { aggregationName, analysisOf, childNamed, binaryOperator, defineRule, exprChildren, functionName, nodeText, passThroughInner, selectorMatchers, type PromqlAst } from '@obslint/core';
import { topExpr, validPromqlOf, type SyntaxNode } from '../util.js';

export interface NoComparisonOptions extends Record<string, unknown> {
  /** Alert names (regular expression) that fire on purpose: watchdog / dead man's switch alerts. */
  watchdogNames: string;
  /** Metrics whose series are alerts or conditions already (forwarding `ALERTS{...}` needs no comparison). */
  forwardMetrics: string[];
}

const INFO_METRIC = /_(info|metadata)$/;
const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
/** Aggregations that select series without filtering them (they always return k series). */
const SELECTING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/** Does the expression drop series by a condition (so it is not "every series that exists")? */
function filters(ast: PromqlAst, n: SyntaxNode, forward: Set<string>): boolean {
  const inner = passThroughInner(n);
  if (inner !== undefined) return inner ? filters(ast, inner, forward) : true;
  switch (n.name) {
    case 'BinaryExpr': {
      const [l, r] = exprChildren(n);
      if (!l || !r) return true;
      const op = binaryOperator(l, r)?.name ?? '';
      if (COMPARISONS.has(op)) return !childNamed(n, 'BoolModifier') || filters(ast, l, forward) || filters(ast, r, forward);
      if (op === 'And' || op === 'Unless') return true;
      if (op === 'Or') return filters(ast, l, forward) && filters(ast, r, forward);
      return filters(ast, l, forward) || filters(ast, r, forward);
    }
    case 'FunctionCall': {
      const name = functionName(ast, n) ?? '';
      if (name === 'absent' || name === 'absent_over_time') return true;
      const body = childNamed(n, 'FunctionCallBody');
      return (body ? exprChildren(body) : []).some((a) => filters(ast, a, forward));
    }
    case 'AggregateExpr': {
      if (SELECTING.has(aggregationName(ast, n) ?? '')) return false;
      const body = childNamed(n, 'FunctionCallBody');
      const args = body ? exprChildren(body) : [];
      return args.length > 0 && filters(ast, args[args.length - 1], forward);
    }
    case 'MatrixSelector':
    case 'SubqueryExpr': {
      const e = exprChildren(n)[0];
      return e ? filters(ast, e, forward) : true;
    }
    case 'VectorSelector': {
      const id = childNamed(n, 'Identifier');
      const metric = id ? nodeText(ast, id) : selectorMatchers(ast, n).find((m) => m.name === '__name__' && m.op === '=')?.value;
      if (metric !== undefined && forward.has(metric)) return true;
      // Info/metadata metrics (value 1) are filtered by their matchers: `x_info{duplex!="full"}`.
      return metric !== undefined && INFO_METRIC.test(metric) && selectorMatchers(ast, n).some((m) => m.name !== '__name__');
    }
    default:
      return false;
  }
}

/** Does the expression filter (true as well when it has no expression to judge)? */
function filtersAtTop(ast: PromqlAst, forward: Set<string>): boolean {
  const top = topExpr(ast);
  return !top || filters(ast, top, forward);
}

export const noComparison = defineRule<NoComparisonOptions>({
  meta: {
    id: 'alert/no-comparison',
    domain: 'alert',
    description: 'Alert expression with no filtering condition (no comparison, or one neutralised by `bool`): it fires for every series that exists.',
    severity: 'error',
    preset: 'recommended',
    messages: {
      always:
        'Alert "{{name}}" has no condition: `{{expr}}` returns a series for everything that exists, so the alert fires permanently for each of them. Add a comparison (e.g. `> 0`).',
      bool: 'Alert "{{name}}": the comparison uses `bool`, which returns 0 or 1 for every series instead of filtering: the alert fires permanently. Remove `bool`.',
    },
    schema: {
      properties: {
        watchdogNames: { type: 'string', description: 'Regular expression of alert names that fire on purpose.' },
        forwardMetrics: { type: 'array', items: { type: 'string' }, description: 'Metrics whose series are already conditions.' },
      },
    },
    defaultOptions: { watchdogNames: '(Watchdog|DeadMansSwitch|DeadManSwitch|DeadMansSnitch|AlwaysFiring|Heartbeat)', forwardMetrics: ['ALERTS', 'ALERTS_FOR_STATE'] },
    tags: ['noise'],
  },
  create(context) {
    let watchdog: RegExp;
    try {
      watchdog = new RegExp(context.options.watchdogNames, 'i');
    } catch {
      watchdog = /^$/;
    }
    const forward = new Set(context.options.forwardMetrics);
    // Whether an expression filters depends on the forwarded metrics only: computed once per expression and option.
    const key = `alert/no-comparison:${JSON.stringify(context.options.forwardMetrics)}`;
    return {
      alertingRule(rule) {
        if (watchdog.test(rule.name)) return;
        const ast = validPromqlOf(rule);
        if (!ast || analysisOf(ast, key, (a) => filtersAtTop(a, forward))) return;
        const hasBool = ast.text.match(/\bbool\b/) !== null;
        const short = rule.expr.replace(/\s+/g, ' ').trim();
        context.report({
          messageId: hasBool ? 'bool' : 'always',
          data: { name: rule.name, expr: short.length > 60 ? short.slice(0, 59) + '…' : short },
          at: rule.group.file.doc.ref(rule.exprPointer),
          entity: rule.entity,
        });
      },
    };
  },
});
