import type * as ESTree from 'estree';
import { CONSOLE_ALLOWED_FILES, relativePathMatcher } from '@obslint/core/code';
import { defineLogRule } from '../define-log-rule.js';

/**
 * Lines where the code already opted into console through ESLint's core rule: `// eslint-disable-line
 * no-console`, `// eslint-disable-next-line no-console`, or a block `/* eslint-disable no-console *\/` (from
 * there to the end of the file, or to `eslint-enable`).
 */
function consoleAllowedLines(comments: readonly { value: string; loc?: { start: { line: number }; end: { line: number } } | null }[]): (line: number) => boolean {
  const lines = new Set<number>();
  const ranges: Array<[number, number]> = [];
  let openFrom: number | undefined;
  for (const c of comments) {
    const m = /^\s*eslint-(disable-next-line|disable-line|disable|enable)\b([^]*)$/.exec(c.value);
    if (!m || !c.loc) continue;
    const names = m[2].split('--')[0];
    const mentions = names.trim() === '' || /(^|[\s,])no-console([\s,]|$)/.test(names);
    if (!mentions) continue;
    if (m[1] === 'disable-line') lines.add(c.loc.start.line);
    else if (m[1] === 'disable-next-line') lines.add(c.loc.end.line + 1);
    else if (m[1] === 'disable') openFrom ??= c.loc.start.line;
    else if (openFrom !== undefined) {
      ranges.push([openFrom, c.loc.start.line]);
      openFrom = undefined;
    }
  }
  if (openFrom !== undefined) ranges.push([openFrom, Infinity]);
  return (line) => lines.has(line) || ranges.some(([a, b]) => line >= a && line <= b);
}

export const noConsole = defineLogRule<{ allow: string[] }>({
  id: 'log/no-console',
  description: 'console.* in service code: use the service logger, whose output has levels, fields and a destination.',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    console: 'console.{{method}}() in service code: log through the service logger (levels, structured fields, one destination) instead.',
  },
  options: {
    allow: { type: 'array', items: { type: 'string' }, description: 'Globs (relative to the working directory) of files where console is fine.' },
  },
  defaultOptions: { allow: CONSOLE_ALLOWED_FILES },
  create(context, { allow }) {
    if (relativePathMatcher(allow, context.cwd)(context.filename)) return {};
    // an executable script (#!/usr/bin/env node) talks to its user through the console
    if (context.sourceCode.text.startsWith('#!')) return {};
    const optedIn = consoleAllowedLines(context.sourceCode.getAllComments());
    return {
      'CallExpression > MemberExpression.callee[object.type="Identifier"][object.name="console"]'(node: ESTree.MemberExpression) {
        let scope: ReturnType<typeof context.sourceCode.getScope> | null = context.sourceCode.getScope(node as never);
        for (; scope; scope = scope.upper) {
          const v = scope.set.get('console');
          if (v && v.defs.length > 0) return; // a local variable or parameter named console
        }
        if (optedIn(node.loc!.start.line)) return;
        const method = !node.computed && node.property.type === 'Identifier' ? node.property.name : '[]';
        context.report({ node: node as never, messageId: 'console', data: { method } });
      },
    };
  },
});
