import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parseDuration } from '../util/duration.js';
import { collectSyntaxErrors } from './syntax-errors.js';
import { textCache } from './text-cache.js';
import { sharedWork } from '../runner/shared-work.js';

/** A parsed PromQL expression: the lezer tree of the official grammar plus the text it was parsed from. */
export interface PromqlAst {
  text: string;
  tree: Tree;
  /** Syntax errors (the grammar recovers, so the tree is still usable for analysis). */
  errors: PromqlError[];
}

export interface PromqlError {
  message: string;
  /** Offsets into `text`. */
  from: number;
  to: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcherInfo {
  name: string;
  op: MatchOp;
  value: string;
  from: number;
  to: number;
  /** Range of the value's string literal (quotes included), when written. */
  valueFrom?: number;
  valueTo?: number;
}

/** A vector selector with its context: the functions and aggregations around it, its range and offset. */
export interface SelectorInfo {
  /** Metric name (from the identifier, or a `__name__="x"` matcher), if known. */
  metric?: string;
  matchers: LabelMatcherInfo[];
  from: number;
  to: number;
  /** Range of a matrix selector (`[5m]`) or subquery, as written, and in ms when it is a literal duration. */
  range?: { text: string; ms?: number; from: number; to: number };
  /** Names of the functions that enclose the selector, innermost first (`rate`, `histogram_quantile`, ...). */
  functions: string[];
  /** Aggregation operators that enclose it, innermost first (`sum`, `count`, `topk`, ...). */
  aggregations: string[];
  node: SyntaxNode;
}

/**
 * Every rule that reads an expression asks for its parse: the cache makes that one parse per expression per
 * run. Large enough for repositories with tens of thousands of expressions.
 */
const cachedParse = textCache(100_000, (text): PromqlAst => {
  const tree = parser.parse(text);
  const ast: WithAnalyses = { text, tree, errors: collectSyntaxErrors(tree, text), [ANALYSES]: new Map() };
  return ast;
});

/** Parses PromQL with `@prometheus-io/lezer-promql` (the grammar Prometheus's own UI uses); one parse per text. */
export function parsePromql(text: string): PromqlAst {
  return cachedParse(text);
}

/**
 * The first child of `n` named `name` (null when `n` is null or has none): `n.getChild(name)` for the grammar's
 * node names, without the cursor and array lezer allocates for each call.
 */
export function childNamed(n: SyntaxNode | null | undefined, name: string): SyntaxNode | null {
  if (n) for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === name) return c;
  return null;
}

/** The children of `n` named `name`, in order (`n.getChildren(name)`). */
export function childrenNamed(n: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === name) out.push(c);
  return out;
}

export function nodeText(ast: PromqlAst, n: SyntaxNode): string {
  return ast.text.slice(n.from, n.to);
}

/** Unquotes a PromQL string literal ("...", '...', `...`). */
export function unquotePromqlString(raw: string): string {
  if (raw.length < 2) return raw;
  const q = raw[0];
  const body = raw.slice(1, -1);
  if (q === '`') return body;
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" })[c] ?? '\\' + c);
}

/** The function name of a FunctionCall node. */
export function functionName(ast: PromqlAst, call: SyntaxNode): string | undefined {
  const id = childNamed(call, 'FunctionIdentifier');
  return id ? nodeText(ast, id) : undefined;
}

/** The aggregation operator of an AggregateExpr node (`sum`, `topk`, ...). */
export function aggregationName(ast: PromqlAst, agg: SyntaxNode): string | undefined {
  const op = childNamed(agg, 'AggregateOp');
  return op ? nodeText(ast, op).toLowerCase() : undefined;
}

function matchOp(ast: PromqlAst, m: SyntaxNode): MatchOp {
  const op = childNamed(m, 'MatchOp');
  return (op ? nodeText(ast, op) : '=') as MatchOp;
}

/** Label matchers of a VectorSelector node. */
export function selectorMatchers(ast: PromqlAst, vs: SyntaxNode): LabelMatcherInfo[] {
  const out: LabelMatcherInfo[] = [];
  const lm = childNamed(vs, 'LabelMatchers');
  if (!lm) return out;
  for (let c = lm.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'UnquotedLabelMatcher' && c.name !== 'QuotedLabelMatcher' && c.name !== 'LabelMatcher') continue;
    const nameNode = childNamed(c, 'LabelName') ?? childNamed(c, 'QuotedLabelName');
    const valueNode = childNamed(c, 'StringLiteral');
    if (!nameNode || !valueNode) {
      // A bare quoted metric name inside braces: {"metric.name"}
      const q = childNamed(c, 'QuotedLabelName') ?? childNamed(c, 'StringLiteral');
      if (q && !valueNode) out.push({ name: '__name__', op: '=', value: unquotePromqlString(nodeText(ast, q)), from: c.from, to: c.to });
      continue;
    }
    const rawName = nodeText(ast, nameNode);
    out.push({
      name: nameNode.name === 'QuotedLabelName' ? unquotePromqlString(rawName) : rawName,
      op: matchOp(ast, c),
      value: unquotePromqlString(nodeText(ast, valueNode)),
      from: c.from,
      to: c.to,
      valueFrom: valueNode.from,
      valueTo: valueNode.to,
    });
  }
  return out;
}

/** The analyses computed for a parse, kept on the parse itself (a lookup per rule and analysis: no WeakMap). */
const ANALYSES = Symbol('analyses');
type WithAnalyses = PromqlAst & { [ANALYSES]?: Map<string, unknown> };

/**
 * An analysis of a parsed expression, computed once: `key` names the analysis and any option that changes its
 * result (`check:experimental`, `alert/no-comparison:ALERTS,...`). The parse cache hands every rule the same
 * PromqlAst for the same text, so all rules, and all rules with the same expression, share one result; treat
 * it as read-only.
 */
export function analysisOf<T>(ast: PromqlAst, key: string, compute: (ast: PromqlAst) => T): T {
  const byKey = ((ast as WithAnalyses)[ANALYSES] ??= new Map());
  const hit = byKey.get(key);
  if (hit !== undefined || byKey.has(key)) return hit as T;
  const value = sharedWork('queries', () => compute(ast));
  byKey.set(key, value);
  return value;
}

/**
 * Every vector selector in the expression, with the functions/aggregations around it and its range.
 * Computed once per parsed expression (several rules ask for the same one); treat the result as read-only.
 */
export function findSelectors(ast: PromqlAst): SelectorInfo[] {
  return analysisOf(ast, 'selectors', computeSelectors);
}

function computeSelectors(ast: PromqlAst): SelectorInfo[] {
  const out: SelectorInfo[] = [];
  const cursor = ast.tree.cursor();
  do {
    if (cursor.name !== 'VectorSelector') continue;
    const node = cursor.node;
    const id = childNamed(node, 'Identifier');
    const matchers = selectorMatchers(ast, node);
    const nameMatcher = matchers.find((m) => m.name === '__name__' && m.op === '=');
    const info: SelectorInfo = {
      metric: id ? nodeText(ast, id) : nameMatcher?.value,
      matchers: matchers.filter((m) => !(m === nameMatcher && !id)),
      from: node.from,
      to: node.to,
      functions: [],
      aggregations: [],
      node,
    };
    for (let p = node.parent; p; p = p.parent) {
      if ((p.name === 'MatrixSelector' || p.name === 'SubqueryExpr') && !info.range) {
        const d = childNamed(p, 'DurationExpr') ?? childNamed(p, 'NumberDurationLiteralInDurationContext');
        if (d) {
          const text = nodeText(ast, d);
          info.range = { text, ms: parseDuration(text), from: d.from, to: d.to };
        }
      }
      if (p.name === 'FunctionCall') {
        const f = functionName(ast, p);
        if (f) info.functions.push(f);
      } else if (p.name === 'AggregateExpr') {
        const a = aggregationName(ast, p);
        if (a) info.aggregations.push(a);
      }
    }
    out.push(info);
  } while (cursor.next());
  return out;
}

/** All function names called anywhere in the expression (computed once per expression: treat as read-only). */
export function calledFunctions(ast: PromqlAst): string[] {
  return analysisOf(ast, 'calledFunctions', computeCalledFunctions);
}

function computeCalledFunctions(ast: PromqlAst): string[] {
  const out: string[] = [];
  ast.tree.iterate({
    enter(n) {
      if (n.name === 'FunctionCall') {
        const f = functionName(ast, n.node);
        if (f) out.push(f);
      }
    },
  });
  return out;
}
