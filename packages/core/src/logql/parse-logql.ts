import { parser } from '@grafana/lezer-logql';
import type { Tree } from '@lezer/common';

/** A parsed LogQL expression (official `@grafana/lezer-logql` grammar). */
export interface LogqlAst {
  text: string;
  tree: Tree;
  errors: Array<{ message: string; from: number; to: number }>;
}

/** Parses LogQL; syntax errors are collected (the grammar recovers), never thrown. */
export function parseLogql(text: string): LogqlAst {
  const tree = parser.parse(text);
  const errors: LogqlAst['errors'] = [];
  tree.iterate({
    enter(n) {
      if (!n.type.isError) return undefined;
      const near = text.slice(n.from, Math.max(n.to, n.from + 1)).trim();
      errors.push({
        message: near ? `unexpected "${near.slice(0, 30)}"` : n.from >= text.trimEnd().length ? 'unexpected end of expression' : `syntax error at "${text.slice(n.from, n.from + 10)}"`,
        from: n.from,
        to: Math.max(n.to, n.from + 1),
      });
      return false;
    },
  });
  if (text.trim() === '') errors.push({ message: 'empty expression', from: 0, to: 0 });
  return { text, tree, errors };
}
