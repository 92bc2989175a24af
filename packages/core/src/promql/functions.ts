import type { SyntaxNode } from '@lezer/common';
import { binaryOperator, exprChildren, groupingLabelNames, passThroughInner, type PromqlValueType as ValueType } from './label-set.js';
import { aggregationName, analysisOf, childNamed, childrenNamed, functionName, nodeText, parsePromql, selectorMatchers, unquotePromqlString, type PromqlAst, type PromqlError } from './parse-promql.js';

/** PromQL value types, as Prometheus's type checker names them in messages. */
const TYPE_NAME: Record<ValueType, string> = { scalar: 'scalar', vector: 'instant vector', matrix: 'range vector', string: 'string' };

export interface FunctionSignature {
  args: ValueType[];
  /** 0: exactly `args`; n > 0: the last n args are optional... as Prometheus: up to n extra; -1: unlimited repeats of the last. */
  variadic: number;
  returns: ValueType;
  /** Only with `--enable-feature=promql-experimental-functions`. */
  experimental?: boolean;
}

const sig = (args: ValueType[], returns: ValueType = 'vector', variadic = 0, experimental = false): FunctionSignature => ({ args, returns, variadic, experimental });
const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

/** Function signatures of Prometheus's PromQL (promql/parser/functions.go). */
export const PROMQL_FUNCTIONS: Record<string, FunctionSignature> = {
  abs: sig([V]), absent: sig([V]), absent_over_time: sig([M]), acos: sig([V]), acosh: sig([V]), asin: sig([V]),
  asinh: sig([V]), atan: sig([V]), atanh: sig([V]), avg_over_time: sig([M]), ceil: sig([V]), changes: sig([M]),
  clamp: sig([V, S, S]), clamp_max: sig([V, S]), clamp_min: sig([V, S]), cos: sig([V]), cosh: sig([V]),
  count_over_time: sig([M]), days_in_month: sig([V], V, 1), day_of_month: sig([V], V, 1), day_of_week: sig([V], V, 1),
  day_of_year: sig([V], V, 1), deg: sig([V]), delta: sig([M]), deriv: sig([M]), exp: sig([V]), floor: sig([V]),
  histogram_avg: sig([V]), histogram_count: sig([V]), histogram_sum: sig([V]), histogram_stddev: sig([V]),
  histogram_stdvar: sig([V]), histogram_fraction: sig([S, S, V]), histogram_quantile: sig([S, V]),
  hour: sig([V], V, 1), idelta: sig([M]), increase: sig([M]), irate: sig([M]), label_replace: sig([V, STR, STR, STR, STR]),
  label_join: sig([V, STR, STR, STR], V, -1), last_over_time: sig([M]), ln: sig([V]), log10: sig([V]), log2: sig([V]),
  max_over_time: sig([M]), min_over_time: sig([M]), minute: sig([V], V, 1), month: sig([V], V, 1), pi: sig([], S),
  predict_linear: sig([M, S]), present_over_time: sig([M]), quantile_over_time: sig([S, M]), rad: sig([V]), rate: sig([M]),
  resets: sig([M]), round: sig([V, S], V, 1), scalar: sig([V], S), sgn: sig([V]), sin: sig([V]), sinh: sig([V]), sort: sig([V]),
  sort_desc: sig([V]), sqrt: sig([V]), stddev_over_time: sig([M]), stdvar_over_time: sig([M]), sum_over_time: sig([M]),
  tan: sig([V]), tanh: sig([V]), time: sig([], S), timestamp: sig([V]), vector: sig([S]), year: sig([V], V, 1),
  // Experimental (promql-experimental-functions).
  double_exponential_smoothing: sig([M, S, S], V, 0, true), info: sig([V, V], V, 1, true), mad_over_time: sig([M], V, 0, true),
  sort_by_label: sig([V, STR], V, -1, true), sort_by_label_desc: sig([V, STR], V, -1, true), first_over_time: sig([M], V, 0, true),
  ts_of_first_over_time: sig([M], V, 0, true), ts_of_last_over_time: sig([M], V, 0, true), ts_of_max_over_time: sig([M], V, 0, true),
  ts_of_min_over_time: sig([M], V, 0, true), histogram_quantiles: sig([V, STR, S], V, -1, true), start_timestamp: sig([V], V, 0, true),
};

/** Functions Prometheus removed (so Prometheus 3 rejects them), with what replaced them. */
export const REMOVED_FUNCTIONS: Record<string, string> = {
  holt_winters: 'removed in Prometheus 3.0; use double_exponential_smoothing (experimental)',
};

/** Aggregations that take a parameter before the vector, and its type. */
const AGGREGATION_PARAM: Record<string, ValueType> = { topk: S, bottomk: S, quantile: S, limitk: S, limit_ratio: S, count_values: STR };
const EXPERIMENTAL_AGGREGATIONS = new Set(['limitk', 'limit_ratio']);
const COMPARISON_OPS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const SET_OPS: Record<string, string> = { And: 'and', Or: 'or', Unless: 'unless' };

export interface PromqlCheckOptions {
  /** Accept experimental functions and syntax (Prometheus started with the matching feature flags). */
  experimental?: boolean;
}

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Is `s` a duration Prometheus accepts in rule files (`for`, `keep_firing_for`, `interval`)? */
export function isValidPromDuration(s: string): boolean {
  if (s === '0') return true;
  return s !== '' && DURATION_RE.test(s);
}

/** Milliseconds of a duration literal inside PromQL (`5m`, or a plain number of seconds). */
function literalMs(text: string): number | undefined {
  if (/^[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text) * 1000;
  const m = DURATION_RE.exec(text);
  if (!m || text === '') return undefined;
  const units = [31_536_000_000, 604_800_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
  return units.reduce((t, u, i) => t + Number(m[i + 1] ?? 0) * u, 0);
}

/**
 * Translates a Prometheus (RE2) regular expression to JavaScript to validate it, or returns the message
 * Prometheus would give. Constructs JavaScript accepts but RE2 rejects (lookaround, backreferences) are errors.
 */
export function checkRe2(re: string): string | undefined {
  const unsupported = /\(\?(?:=|!|<=|<!)/.exec(re);
  if (unsupported) return `invalid or unsupported Perl syntax: \`${unsupported[0]}\``;
  const backref = /(?<!\\)(?:\\\\)*\\([1-9])/.exec(re);
  if (backref) return `invalid escape sequence: \`\\${backref[1]}\``;
  const js = re
    .replace(/\\Q(.*?)(?:\\E|$)/g, (_, lit: string) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU-]+\)/g, '')
    .replace(/\(\?[imsU-]+:/g, '(?:')
    .replace(/\\[zA]/g, '')
    .replace(/\\p\{[^}]*\}|\\[pP][A-Za-z]/g, 'x');
  try {
    new RegExp(`^(?:${js})$`);
    return undefined;
  } catch (e) {
    return `error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}`;
  }
}

/** The value type of an expression node (as far as the tree tells; 'vector' for unknown constructs). */
export function typeOfNode(ast: PromqlAst, n: SyntaxNode): ValueType {
  const inner = passThroughInner(n);
  if (inner !== undefined) return inner ? typeOfNode(ast, inner) : 'vector';
  switch (n.name) {
    case 'VectorSelector':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'NumberDurationLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'FunctionCall':
      return PROMQL_FUNCTIONS[functionName(ast, n) ?? '']?.returns ?? 'vector';
    case 'BinaryExpr': {
      const [l, r] = exprChildren(n);
      return l && r && typeOfNode(ast, l) === 'scalar' && typeOfNode(ast, r) === 'scalar' ? 'scalar' : 'vector';
    }
    default:
      return 'vector';
  }
}

/** Re-words the grammar's error at an unknown function call (`foo(x)`) the way Prometheus does. */
function refineSyntaxError(ast: PromqlAst, e: PromqlError): PromqlError {
  const before = ast.text.slice(0, e.from);
  const m = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(before);
  if (m && ast.text[e.from] === '(' && !/[.:]/.test(m[1])) {
    const name = m[1];
    const removed = REMOVED_FUNCTIONS[name];
    const from = e.from - m[0].length;
    return { message: removed ? `unknown function with name "${name}" (${removed})` : `unknown function with name "${name}"`, from, to: from + name.length };
  }
  return e;
}

/**
 * Checks a PromQL expression as Prometheus's parser does (what `promtool check rules` rejects): syntax,
 * unknown functions, argument counts and types, aggregation parameters, binary operator operand types,
 * `bool` and vector-matching rules, ranges on non-selectors, zero durations, empty selectors, bad regexes,
 * and experimental functions/syntax unless enabled. Returns errors with offsets into the expression.
 */
export function checkPromql(exprOrAst: string | PromqlAst, opts: PromqlCheckOptions = {}): readonly PromqlError[] {
  const ast = typeof exprOrAst === 'string' ? parsePromql(exprOrAst) : exprOrAst;
  // Computed once per expression and option set: every rule with the same expression shares the result.
  return analysisOf(ast, opts.experimental ? 'check:experimental' : 'check', (a) => check(a, opts));
}

function check(ast: PromqlAst, opts: PromqlCheckOptions): PromqlError[] {
  if (ast.text.trim() === '') return [{ message: 'empty expression', from: 0, to: 0 }];
  if (ast.errors.length) return [refineSyntaxError(ast, ast.errors[0])];
  const errors: PromqlError[] = [];
  const err = (n: { from: number; to: number }, message: string) => errors.push({ message, from: n.from, to: n.to });
  const cursor = ast.tree.cursor();
  do {
    const n = cursor.node;
    switch (n.name) {
      case 'FunctionCall':
        checkCall(ast, n, opts, err);
        break;
      case 'AggregateExpr':
        checkAggregate(ast, n, opts, err);
        break;
      case 'BinaryExpr':
        checkBinary(ast, n, opts, err);
        break;
      case 'MatrixSelector': {
        const inner = exprChildren(n)[0];
        if (inner && inner.name === 'OffsetExpr') err(n, 'no offset modifiers allowed before range');
        else if (inner && inner.name !== 'VectorSelector') err(n, 'ranges only allowed for vector selectors');
        checkDurations(ast, n, opts, err);
        break;
      }
      case 'SubqueryExpr': {
        const inner = exprChildren(n)[0];
        if (inner && typeOfNode(ast, inner) !== 'vector') err(n, `subquery is only allowed on instant vector, got ${TYPE_NAME[typeOfNode(ast, inner)]}`);
        checkDurations(ast, n, opts, err);
        break;
      }
      case 'OffsetExpr':
      case 'StepInvariantExpr': {
        // The grammar attaches a modifier after `a - b` to the whole binary expression, where Prometheus
        // binds it to `b`: only modifiers on other non-selector expressions are certain errors.
        const inner = exprChildren(n)[0];
        if (inner && !['VectorSelector', 'MatrixSelector', 'SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr', 'BinaryExpr'].includes(inner.name)) {
          err(n, `${n.name === 'OffsetExpr' ? 'offset' : '@'} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
        }
        break;
      }
      case 'UnaryExpr': {
        const inner = exprChildren(n)[0];
        const t = inner ? typeOfNode(ast, inner) : 'vector';
        if (t !== 'scalar' && t !== 'vector') err(n, `unary expression only allowed on expressions of type scalar or instant vector, got "${t}"`);
        break;
      }
      case 'VectorSelector':
        checkSelector(ast, n, err);
        break;
      case 'AnchoredExpr':
      case 'SmoothedExpr':
      case 'FillModifier':
      case 'TrimUpper':
      case 'TrimLower':
        if (!opts.experimental) err(n, `experimental syntax "${nodeText(ast, n).slice(0, 30)}" (Prometheus rejects it unless started with its feature flag)`);
        break;
      default:
        break;
    }
  } while (cursor.next());
  return errors;
}

type Err = (n: { from: number; to: number }, message: string) => void;

function checkCall(ast: PromqlAst, n: SyntaxNode, opts: PromqlCheckOptions, err: Err): void {
  const name = functionName(ast, n) ?? '';
  const s = PROMQL_FUNCTIONS[name];
  const id = childNamed(n, 'FunctionIdentifier') ?? n;
  if (!s) {
    err(id, `unknown function with name "${name}"`);
    return;
  }
  if (s.experimental && !opts.experimental) {
    err(id, `function "${name}" is experimental: Prometheus rejects it unless started with --enable-feature=promql-experimental-functions`);
    return;
  }
  const body = childNamed(n, 'FunctionCallBody');
  const args = body ? exprChildren(body) : [];
  const want = s.args.length;
  if (s.variadic === 0 && args.length !== want) {
    err(n, `expected ${want} argument(s) in call to "${name}", got ${args.length}`);
    return;
  }
  if (s.variadic !== 0) {
    if (args.length < want - 1) {
      err(n, `expected at least ${want - 1} argument(s) in call to "${name}", got ${args.length}`);
      return;
    }
    if (s.variadic > 0 && args.length > want - 1 + s.variadic) {
      err(n, `expected at most ${want - 1 + s.variadic} argument(s) in call to "${name}", got ${args.length}`);
      return;
    }
  }
  args.forEach((a, i) => {
    const expected = s.args[Math.min(i, want - 1)];
    const got = typeOfNode(ast, a);
    if (got !== expected) err(a, `expected type ${TYPE_NAME[expected]} in call to function "${name}", got ${TYPE_NAME[got]}`);
  });
}

function checkAggregate(ast: PromqlAst, n: SyntaxNode, opts: PromqlCheckOptions, err: Err): void {
  const op = aggregationName(ast, n) ?? '';
  if (EXPERIMENTAL_AGGREGATIONS.has(op) && !opts.experimental) {
    err(childNamed(n, 'AggregateOp') ?? n, `aggregation "${op}" is experimental: Prometheus rejects it unless started with --enable-feature=promql-experimental-functions`);
    return;
  }
  const body = childNamed(n, 'FunctionCallBody');
  const args = body ? exprChildren(body) : [];
  const param = AGGREGATION_PARAM[op];
  const want = param ? 2 : 1;
  if (args.length !== want) {
    err(n, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`);
    return;
  }
  if (param) {
    const got = typeOfNode(ast, args[0]);
    if (got !== param) err(args[0], `expected type ${TYPE_NAME[param]} in aggregation parameter, got ${TYPE_NAME[got]}`);
  }
  const v = args[args.length - 1];
  const got = typeOfNode(ast, v);
  if (got !== 'vector') err(v, `expected type instant vector in aggregation expression, got ${TYPE_NAME[got]}`);
}

function checkBinary(ast: PromqlAst, n: SyntaxNode, _opts: PromqlCheckOptions, err: Err): void {
  const [lhs, rhs] = exprChildren(n);
  if (!lhs || !rhs) return;
  const opNode = binaryOperator(lhs, rhs);
  const op = opNode?.name ?? '';
  const at = opNode ?? n;
  const lt = typeOfNode(ast, lhs);
  const rt = typeOfNode(ast, rhs);
  const hasBool = !!childNamed(n, 'BoolModifier');
  const clause = childNamed(n, 'MatchingModifierClause');
  if ((lt !== 'scalar' && lt !== 'vector') || (rt !== 'scalar' && rt !== 'vector')) {
    err(n, 'binary expression must contain only scalar and instant vector types');
    return;
  }
  if (hasBool && !COMPARISON_OPS.has(op)) err(at, 'bool modifier can only be used on comparison operators');
  if (COMPARISON_OPS.has(op) && !hasBool && lt === 'scalar' && rt === 'scalar') err(at, 'comparisons between scalars must use BOOL modifier');
  if (op in SET_OPS && (lt === 'scalar' || rt === 'scalar')) {
    err(n, `set operator "${SET_OPS[op]}" not allowed in binary scalar expression`);
    return;
  }
  if (clause && (lt !== 'vector' || rt !== 'vector')) {
    err(n, 'vector matching only allowed between instant vectors');
    return;
  }
  if (clause && (childNamed(clause, 'GroupLeft') || childNamed(clause, 'GroupRight'))) {
    if (op in SET_OPS) {
      err(n, `no grouping allowed for "${SET_OPS[op]}" operation`);
      return;
    }
    if (childNamed(clause, 'On')) {
      const groups = childrenNamed(clause, 'GroupingLabels');
      const on = groupingLabelNames(ast, groups[0] ?? null);
      const inc = groups.length > 1 ? groupingLabelNames(ast, groups[1]) : [];
      const both = inc.find((l) => on.includes(l));
      if (both) err(clause, `label "${both}" must not occur in ON and GROUP clause at once`);
    }
  }
}

function checkDurations(ast: PromqlAst, n: SyntaxNode, opts: PromqlCheckOptions, err: Err): void {
  for (const d of childrenNamed(n, 'DurationExpr')) {
    const lit = d.firstChild;
    if (!lit || lit.name !== 'NumberDurationLiteralInDurationContext' || lit.nextSibling) {
      if (!opts.experimental) err(d, `experimental duration expression "${nodeText(ast, d)}" (Prometheus rejects it unless started with --enable-feature=promql-duration-expr)`);
      continue;
    }
    const ms = literalMs(nodeText(ast, lit));
    if (ms !== undefined && ms <= 0) err(d, 'duration must be greater than 0');
  }
}

function checkSelector(ast: PromqlAst, n: SyntaxNode, err: Err): void {
  const id = childNamed(n, 'Identifier');
  const matchers = selectorMatchers(ast, n);
  const named = matchers.filter((m) => m.name === '__name__' && m.op === '=');
  if (id && named.length) {
    err(n, `metric name must not be set twice: "${nodeText(ast, id)}" or "${named[0].value}"`);
    return;
  }
  for (const m of matchers) {
    if (m.op !== '=~' && m.op !== '!~') continue;
    const problem = checkRe2(m.value);
    if (problem) {
      err(m, problem);
      return;
    }
  }
  if (id) return;
  const nonEmpty = matchers.some((m) => {
    if (m.op === '=') return m.value !== '';
    if (m.op === '=~') return !safeMatchesEmpty(m.value);
    if (m.op === '!=') return m.value === '';
    return safeMatchesEmpty(m.value);
  });
  if (!nonEmpty) err(n, 'vector selector must contain at least one non-empty matcher');
}

function safeMatchesEmpty(re: string): boolean {
  try {
    return new RegExp(`^(?:${re})$`).test('');
  } catch {
    return false;
  }
}

/** Unquoted value of a string literal argument, for callers that inspect arguments. */
export function stringArg(ast: PromqlAst, n: SyntaxNode | undefined): string | undefined {
  return n?.name === 'StringLiteral' ? unquotePromqlString(nodeText(ast, n)) : undefined;
}
