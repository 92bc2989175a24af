import type { SyntaxNode } from '@lezer/common';
import { aggregationName, analysisOf, childNamed, childrenNamed, functionName, nodeText, parsePromql, selectorMatchers, unquotePromqlString, type PromqlAst } from './parse-promql.js';

/** PromQL value types. */
export type PromqlValueType = 'vector' | 'matrix' | 'scalar' | 'string';

/**
 * The labels an expression's result can carry. A label `x` can be carried when `known` has it, or when
 * the set is `open` (selectors carry whatever labels the series have) and `dropped` does not have it.
 */
export interface LabelSet {
  type: PromqlValueType;
  /** Labels the result may carry, known by name (matchers, `by (...)`, `label_replace` targets, ...). */
  known: Set<string>;
  /** The result may carry labels not listed in `known` (a selector's series have unknown labels). */
  open: boolean;
  /** Labels the result certainly does not carry, with the PromQL that removed them (`sum by (job)`, `without (pod)`). */
  dropped: Map<string, string>;
  /** For a closed set: the PromQL that closed it (`sum by (job)`, `on (instance)`, `vector(1)`), when known. */
  closedBy?: string;
}

/** Can the result carry label `name`? */
export function canCarry(s: LabelSet, name: string): boolean {
  if (s.known.has(name)) return true;
  return s.open && !s.dropped.has(name);
}

/** Why the result cannot carry `name` (undefined when it can). */
export function whyNotCarried(s: LabelSet, name: string): string | undefined {
  if (canCarry(s, name)) return undefined;
  return s.dropped.get(name) ?? s.closedBy ?? 'the expression';
}

const UNKNOWN: () => LabelSet = () => ({ type: 'vector', known: new Set(), open: true, dropped: new Map() });
const closed = (type: PromqlValueType, known: Iterable<string> = [], closedBy?: string): LabelSet => ({
  type,
  known: new Set(known),
  open: false,
  dropped: new Map(),
  closedBy,
});

/** Functions whose result has no labels (scalars) or only the labels of their argument's matchers. */
const SCALAR_FUNCTIONS = new Set(['time', 'pi', 'scalar', 'start', 'end', 'range', 'step']);

/** Child nodes that are expressions (skips keywords, punctuation and modifiers). */
export function exprChildren(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExprNode(c)) out.push(c);
  return out;
}

const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr', 'AnchoredExpr',
  'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr',
]);

export function isExprNode(n: SyntaxNode): boolean {
  return EXPR_NODES.has(n.name);
}

const NOT_OPERATORS = new Set(['BoolModifier', 'MatchingModifierClause', 'FillModifier', 'LineComment']);

/** The operator node of a binary expression (`Gtr`, `And`, ...), between its operands, skipping modifiers and comments. */
export function binaryOperator(lhs: SyntaxNode, rhs: SyntaxNode): SyntaxNode | undefined {
  for (let c = lhs.nextSibling; c && c !== rhs; c = c.nextSibling) {
    if (!isExprNode(c) && !NOT_OPERATORS.has(c.name)) return c;
  }
  return undefined;
}

/** Nodes whose value is their inner expression's: parentheses, offset, `@`, unary minus, ... */
const PASS_THROUGH = new Set(['ParenExpr', 'OffsetExpr', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr', 'UnaryExpr']);

/** The inner expression of a pass-through node (null if it has none), or undefined for other nodes. */
export function passThroughInner(n: SyntaxNode): SyntaxNode | null | undefined {
  return PASS_THROUGH.has(n.name) ? exprChildren(n)[0] ?? null : undefined;
}

/** Label names of a GroupingLabels node. */
export function groupingLabelNames(ast: PromqlAst, g: SyntaxNode | null): string[] {
  const out: string[] = [];
  if (!g) return out;
  for (let c = g.firstChild; c; c = c.nextSibling) {
    if (c.name === 'LabelName') out.push(nodeText(ast, c));
    else if (c.name === 'QuotedLabelName') out.push(unquotePromqlString(nodeText(ast, c)));
  }
  return out;
}

function copy(s: LabelSet): LabelSet {
  return { type: s.type, known: new Set(s.known), open: s.open, dropped: new Map(s.dropped), closedBy: s.closedBy };
}

function add(s: LabelSet, names: Iterable<string>): LabelSet {
  const r = copy(s);
  for (const n of names) {
    r.known.add(n);
    r.dropped.delete(n);
  }
  return r;
}

function drop(s: LabelSet, names: Iterable<string>, why: string): LabelSet {
  const r = copy(s);
  for (const n of names) {
    r.known.delete(n);
    r.dropped.set(n, why);
  }
  return r;
}

/** Keeps only `names` (those the input can carry). */
function keepOnly(s: LabelSet, names: string[], why: string): LabelSet {
  const r = closed(s.type, names.filter((n) => canCarry(s, n)), why);
  for (const n of names) if (!canCarry(s, n)) r.dropped.set(n, s.dropped.get(n) ?? s.closedBy ?? why);
  return r;
}

/** Labels either side can carry (`or`). */
function union(a: LabelSet, b: LabelSet): LabelSet {
  const r: LabelSet = { type: 'vector', known: new Set([...a.known, ...b.known]), open: a.open || b.open, dropped: new Map() };
  for (const [n, why] of [...a.dropped, ...b.dropped]) if (!canCarry(a, n) && !canCarry(b, n)) r.dropped.set(n, why);
  if (!r.open) r.closedBy = a.closedBy ?? b.closedBy;
  return r;
}

/** Labels both sides carry (one-to-one matching on all labels: both sides have the same label set). */
function intersection(a: LabelSet, b: LabelSet): LabelSet {
  const r: LabelSet = { type: 'vector', known: new Set(), open: a.open && b.open, dropped: new Map([...a.dropped, ...b.dropped]) };
  for (const n of [...a.known, ...b.known]) if (canCarry(a, n) && canCarry(b, n)) r.known.add(n);
  for (const n of [...a.known, ...b.known]) if (!r.known.has(n)) r.dropped.set(n, a.dropped.get(n) ?? b.dropped.get(n) ?? a.closedBy ?? b.closedBy ?? 'vector matching');
  if (!r.open) r.closedBy = a.open ? b.closedBy : a.closedBy;
  return r;
}

const SHORT = 60;
function snippet(ast: PromqlAst, n: SyntaxNode, to = n.to): string {
  const t = ast.text.slice(n.from, to).replace(/\s+/g, ' ').trim();
  return t.length > SHORT ? t.slice(0, SHORT - 1) + '…' : t;
}

function selectorLabels(ast: PromqlAst, n: SyntaxNode): LabelSet {
  const s = UNKNOWN();
  for (const m of selectorMatchers(ast, n)) {
    if (m.name === '__name__') continue;
    const matchesEmpty = m.op === '=' || m.op === '!=' ? m.value === '' : new RegExp(`^(?:${safeRegex(m.value)})$`).test('');
    // A matcher that the empty value satisfies allows series without the label; `x=""` requires its absence.
    if (m.op === '=' && m.value === '') s.dropped.set(m.name, snippet(ast, n));
    else if ((m.op === '=' || m.op === '=~') && !matchesEmpty) s.known.add(m.name);
    else if ((m.op === '!=' || m.op === '!~') && matchesEmpty) s.known.add(m.name);
  }
  return s;
}

function safeRegex(v: string): string {
  try {
    new RegExp(v);
    return v;
  } catch {
    return 'a^'; // an invalid regex: assume it cannot match the empty string
  }
}

/** `absent(sel)`: the result carries exactly the labels of the selector's equality matchers. */
function absentLabels(ast: PromqlAst, arg: SyntaxNode | undefined, call: SyntaxNode): LabelSet {
  let sel = arg;
  while (sel && (sel.name === 'ParenExpr' || sel.name === 'MatrixSelector' || sel.name === 'OffsetExpr' || sel.name === 'StepInvariantExpr')) sel = exprChildren(sel)[0];
  const known = sel && sel.name === 'VectorSelector' ? selectorMatchers(ast, sel).filter((m) => m.op === '=' && m.name !== '__name__' && m.value !== '').map((m) => m.name) : [];
  return closed('vector', known, snippet(ast, call));
}

/**
 * Analyses which labels the result of a PromQL expression can carry. Unknown constructs and expressions
 * with syntax errors give an open set (anything may be carried), so callers never report on guesses.
 * Computed once per expression (shared by every rule that asks): treat the result as read-only.
 */
export function labelSetOf(exprOrAst: string | PromqlAst): LabelSet {
  const ast = typeof exprOrAst === 'string' ? parsePromql(exprOrAst) : exprOrAst;
  return analysisOf(ast, 'labelSet', computeLabelSet);
}

function computeLabelSet(ast: PromqlAst): LabelSet {
  if (ast.errors.length) return UNKNOWN();
  const top = exprChildren(ast.tree.topNode)[0]; // skips leading `# comments`
  if (!top) return UNKNOWN();
  try {
    return labelSetOfNode(ast, top);
  } catch {
    return UNKNOWN();
  }
}

/** The label set of one expression node. */
export function labelSetOfNode(ast: PromqlAst, n: SyntaxNode): LabelSet {
  const inner = passThroughInner(n);
  if (inner !== undefined) return inner ? labelSetOfNode(ast, inner) : UNKNOWN();
  switch (n.name) {
    case 'VectorSelector':
      return selectorLabels(ast, n);
    case 'MatrixSelector':
    case 'SubqueryExpr': {
      const inner = exprChildren(n)[0];
      return inner ? { ...labelSetOfNode(ast, inner), type: 'matrix' } : UNKNOWN();
    }
    case 'NumberDurationLiteral':
      return closed('scalar', [], nodeText(ast, n));
    case 'StringLiteral':
      return closed('string', [], nodeText(ast, n));
    case 'FunctionCall':
      return functionLabels(ast, n);
    case 'AggregateExpr':
      return aggregateLabels(ast, n);
    case 'BinaryExpr':
      return binaryLabels(ast, n);
    default:
      return UNKNOWN();
  }
}

function functionLabels(ast: PromqlAst, n: SyntaxNode): LabelSet {
  const fn = functionName(ast, n) ?? '';
  const body = childNamed(n, 'FunctionCallBody');
  const args = body ? exprChildren(body) : [];
  const str = (i: number) => (args[i]?.name === 'StringLiteral' ? unquotePromqlString(nodeText(ast, args[i])) : undefined);
  if (SCALAR_FUNCTIONS.has(fn)) return closed('scalar', [], `${fn}()`);
  if (fn === 'vector') return closed('vector', [], snippet(ast, n));
  if (fn === 'absent' || fn === 'absent_over_time') return absentLabels(ast, args[0], n);
  const vectorArg = args.map((a) => labelSetOfNode(ast, a)).find((s) => s.type === 'vector' || s.type === 'matrix');
  if (!vectorArg) return closed('vector', [], snippet(ast, n));
  let s: LabelSet = { ...copy(vectorArg), type: 'vector' };
  switch (fn) {
    case 'histogram_quantile':
      s = drop(s, ['le'], snippet(ast, n));
      break;
    case 'label_replace': {
      const dst = str(1);
      const repl = str(2);
      if (dst !== undefined) s = repl === '' ? drop(s, [dst], snippet(ast, n)) : add(s, [dst]);
      break;
    }
    case 'label_join': {
      const dst = str(1);
      if (dst !== undefined) s = add(s, [dst]);
      break;
    }
    case 'info':
      s.open = true;
      break;
    default:
      break;
  }
  return s;
}

/** Aggregations that select series and keep all their labels. */
const SELECTING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

function aggregateLabels(ast: PromqlAst, n: SyntaxNode): LabelSet {
  const op = aggregationName(ast, n) ?? '';
  const body = childNamed(n, 'FunctionCallBody');
  const args = body ? exprChildren(body) : [];
  const inner = args.length ? labelSetOfNode(ast, args[args.length - 1]) : UNKNOWN();
  if (SELECTING_AGGREGATIONS.has(op)) return { ...inner, type: 'vector' };
  const mod = childNamed(n, 'AggregateModifier');
  const labels = groupingLabelNames(ast, childNamed(mod, 'GroupingLabels'));
  const extra = op === 'count_values' && args[0]?.name === 'StringLiteral' ? [unquotePromqlString(nodeText(ast, args[0]))] : [];
  let s: LabelSet;
  if (childNamed(mod, 'Without')) {
    s = drop({ ...inner, type: 'vector' }, labels, `${op} without (${labels.join(', ')})`);
  } else {
    const why = mod ? `${op} by (${labels.join(', ')})` : `${op}(…)`;
    s = keepOnly({ ...inner, type: 'vector' }, labels, why);
  }
  return add(s, extra);
}

const SET_OPS = new Set(['And', 'Or', 'Unless']);

function binaryLabels(ast: PromqlAst, n: SyntaxNode): LabelSet {
  const [lhsNode, rhsNode] = exprChildren(n);
  if (!lhsNode || !rhsNode) return UNKNOWN();
  const lhs = labelSetOfNode(ast, lhsNode);
  const rhs = labelSetOfNode(ast, rhsNode);
  const opName = binaryOperator(lhsNode, rhsNode)?.name ?? '';
  const lScalar = lhs.type === 'scalar';
  const rScalar = rhs.type === 'scalar';
  if (lScalar && rScalar) return closed('scalar', [], snippet(ast, n));
  if (rScalar) return lhs;
  if (lScalar) return rhs;
  if (opName === 'Or') return union(lhs, rhs);
  if (SET_OPS.has(opName)) return lhs;
  const clause = childNamed(n, 'MatchingModifierClause');
  if (!clause) return intersection(lhs, rhs);
  const matching = groupingLabelNames(ast, childNamed(clause, 'GroupingLabels'));
  const groups = childrenNamed(clause, 'GroupingLabels');
  const include = groups.length > 1 ? groupingLabelNames(ast, groups[1]) : [];
  const clauseText = snippet(ast, clause);
  const isOn = !!childNamed(clause, 'On');
  if (childNamed(clause, 'GroupLeft') || childNamed(clause, 'GroupRight')) {
    const left = !!childNamed(clause, 'GroupLeft');
    const many = left ? lhs : rhs;
    const one = left ? rhs : lhs;
    // The "many" side keeps its labels; the listed labels are copied from the "one" side (or removed when it has none).
    const copied = include.filter((l) => canCarry(one, l));
    const missing = include.filter((l) => !canCarry(one, l));
    return drop(add(many, copied), missing, clauseText);
  }
  if (isOn) return keepOnly(intersection(lhs, rhs), matching, clauseText);
  return drop(intersection(lhs, rhs), matching, clauseText);
}
