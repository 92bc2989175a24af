import {
  analysisOf,
  exprChildren,
  functionName,
  parsePromql,
  stringRangeRef,
  type AlertingRule,
  type NodeRef,
  type PromqlAst,
  type RecordingRule,
  type SelectorInfo,
} from '@obslint/core';

/** A node of the PromQL syntax tree. */
export type SyntaxNode = SelectorInfo['node'];

type AnyRule = AlertingRule | RecordingRule;

const parsedByRule = new WeakMap<AnyRule, PromqlAst>();

/**
 * The parsed PromQL of a rule, or undefined for LogQL (Loki) rule files. Remembered per rule: most alert rules
 * ask for it, and finding the parse by the expression's text costs a string comparison each time.
 */
export function promqlOf(rule: AnyRule): PromqlAst | undefined {
  if (rule.group.file.language !== 'promql') return undefined;
  let ast = parsedByRule.get(rule);
  if (!ast) {
    ast = parsePromql(rule.expr);
    parsedByRule.set(rule, ast);
  }
  return ast;
}

/** Parsed PromQL without syntax errors (rules that analyse expressions leave broken ones to alert/invalid-expr). */
export function validPromqlOf(rule: AnyRule): PromqlAst | undefined {
  const ast = promqlOf(rule);
  return ast && ast.errors.length === 0 ? ast : undefined;
}

/** Where the rule's name is (`alert:` or `record:` value). */
export function nameRef(rule: AnyRule): NodeRef {
  return rule.group.file.doc.ref(`${rule.pointer}/${rule.type === 'alerting' ? 'alert' : 'record'}`);
}

/** A range inside a label or annotation value. */
export function templateRef(rule: AnyRule, kind: 'labels' | 'annotations', key: string, from: number, to: number): NodeRef {
  return stringRangeRef(rule.group.file.doc, keyPointer(rule, kind, key), from, to);
}

/** Calls `fn` on every node of the expression, outermost first. */
export function eachNode(ast: PromqlAst, fn: (n: SyntaxNode) => void): void {
  const c = ast.tree.cursor();
  do fn(c.node);
  while (c.next());
}

/** The top expression node. */
export function topExpr(ast: PromqlAst): SyntaxNode | undefined {
  return exprChildren(ast.tree.topNode)[0]; // skips leading `# comments`
}

/** True when the expression is a deadman check built on absent()/absent_over_time() only (computed once per expression). */
export function isAbsentOnly(ast: PromqlAst): boolean {
  return analysisOf(ast, 'absentOnly', computeAbsentOnly);
}

function computeAbsentOnly(ast: PromqlAst): boolean {
  const check = (n: SyntaxNode): boolean => {
    if (n.name === 'ParenExpr') return exprChildren(n).every(check);
    if (n.name === 'FunctionCall') {
      const name = functionName(ast, n);
      return name === 'absent' || name === 'absent_over_time';
    }
    if (n.name === 'BinaryExpr') {
      const kids = exprChildren(n);
      return kids.length > 0 && kids.some(check) && kids.every((k) => check(k) || k.name === 'NumberDurationLiteral');
    }
    return false;
  };
  const top = topExpr(ast);
  return top ? check(top) : false;
}

/** The value of a label, if it is a static string. */
export function labelValue(rule: AlertingRule, name: string): string | undefined {
  const v = rule.labels[name];
  return typeof v === 'string' ? v : undefined;
}

/** JSON pointer segment escaping for label/annotation keys. */
export function keyPointer(rule: AnyRule, kind: 'labels' | 'annotations', key: string): string {
  return `${rule.pointer}/${kind}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Option schema shared by the rules that look at paging alerts: which severity values page, and the label. */
export const PAGING_OPTIONS_SCHEMA = {
  paging: { type: 'array', items: { type: 'string' }, description: 'Severity values that page.' },
  label: { type: 'string', minLength: 1, description: 'Severity label name.' },
};

/** Compiles option patterns case-insensitively, skipping invalid ones (config validation reports those). */
export function compilePatterns(patterns: string[]): RegExp[] {
  return patterns.flatMap((p) => {
    try {
      return [new RegExp(p, 'i')];
    } catch {
      return [];
    }
  });
}
