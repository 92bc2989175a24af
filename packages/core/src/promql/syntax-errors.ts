import type { Tree } from '@lezer/common';

export interface SyntaxError {
  message: string;
  from: number;
  to: number;
}

/**
 * The syntax errors of a lezer parse (the PromQL and LogQL grammars recover from errors, marking them with
 * error nodes); an empty text is an error too.
 */
export function collectSyntaxErrors(tree: Tree, text: string): SyntaxError[] {
  const errors: SyntaxError[] = [];
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
  return errors;
}
