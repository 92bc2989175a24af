import { parser } from '@grafana/lezer-logql';
import type { Tree } from '@lezer/common';
import { collectSyntaxErrors } from '../promql/syntax-errors.js';

/** A parsed LogQL expression (official `@grafana/lezer-logql` grammar). */
export interface LogqlAst {
  text: string;
  tree: Tree;
  errors: Array<{ message: string; from: number; to: number }>;
}

/** Parses LogQL; syntax errors are collected (the grammar recovers), never thrown. */
export function parseLogql(text: string): LogqlAst {
  const tree = parser.parse(text);
  const errors = collectSyntaxErrors(tree, text);
  return { text, tree, errors };
}
