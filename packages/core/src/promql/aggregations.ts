import type { SyntaxNode } from '@lezer/common';
import { aggregationName, analysisOf, childNamed, nodeText, unquotePromqlString, type PromqlAst } from './parse-promql.js';

/** A label name in a `by (...)`/`without (...)` list, with its offsets in the parsed text. */
export interface GroupingLabel {
  name: string;
  from: number;
  to: number;
}

/** An aggregation (`sum by (a) (...)`, `count(...)`, `topk(5, ...)`) and its grouping. */
export interface AggregationInfo {
  op: string;
  modifier?: 'by' | 'without';
  labels: GroupingLabel[];
  from: number;
  to: number;
  node: SyntaxNode;
}

/** Aggregations that select series (keep each input series' labels) rather than combine them. */
export const SELECTING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/** Labels of a GroupingLabels node (unquoted and quoted label names). */
export function groupingLabels(ast: PromqlAst, grouping: SyntaxNode | null): GroupingLabel[] {
  const out: GroupingLabel[] = [];
  if (!grouping) return out;
  for (let c = grouping.firstChild; c; c = c.nextSibling) {
    if (c.name === 'LabelName') out.push({ name: nodeText(ast, c), from: c.from, to: c.to });
    else if (c.name === 'QuotedLabelName') out.push({ name: unquotePromqlString(nodeText(ast, c)), from: c.from, to: c.to });
  }
  return out;
}

/** Describes an AggregateExpr node. */
export function aggregationInfo(ast: PromqlAst, node: SyntaxNode): AggregationInfo {
  const mod = childNamed(node, 'AggregateModifier');
  const modifier = mod ? (childNamed(mod, 'By') ? 'by' : childNamed(mod, 'Without') ? 'without' : undefined) : undefined;
  return {
    op: aggregationName(ast, node) ?? '',
    modifier,
    labels: groupingLabels(ast, childNamed(mod, 'GroupingLabels')),
    from: node.from,
    to: node.to,
    node,
  };
}

/** Every aggregation in the expression, outermost first (computed once per expression: treat as read-only). */
export function findAggregations(ast: PromqlAst): AggregationInfo[] {
  return analysisOf(ast, 'aggregations', computeAggregations);
}

function computeAggregations(ast: PromqlAst): AggregationInfo[] {
  const out: AggregationInfo[] = [];
  const cursor = ast.tree.cursor();
  do {
    if (cursor.name === 'AggregateExpr') out.push(aggregationInfo(ast, cursor.node));
  } while (cursor.next());
  return out;
}

/** The aggregations enclosing `node` (not `node` itself), innermost first. */
export function enclosingAggregations(ast: PromqlAst, node: SyntaxNode): AggregationInfo[] {
  const out: AggregationInfo[] = [];
  for (let p = node.parent; p; p = p.parent) if (p.name === 'AggregateExpr') out.push(aggregationInfo(ast, p));
  return out;
}

/** Whether label `name` (present in the input) is still in the result of aggregation `agg`. */
export function aggregationKeepsLabel(agg: AggregationInfo, name: string): boolean {
  if (SELECTING_AGGREGATIONS.has(agg.op)) return true;
  const listed = agg.labels.some((l) => l.name === name);
  if (agg.modifier === 'by') return listed;
  if (agg.modifier === 'without') return !listed;
  return false;
}

/** Whether label `name`, present at `node`, survives every aggregation above it. */
export function labelSurvivesAggregationsAbove(ast: PromqlAst, node: SyntaxNode, name: string): boolean {
  return enclosingAggregations(ast, node).every((a) => aggregationKeepsLabel(a, name));
}
