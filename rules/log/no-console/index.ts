import type * as ESTree from 'estree';
import { CONSOLE_ALLOWED_FILES, relativePathMatcher } from '@obslint/core';
import { defineLogRule } from '../define-log-rule.js';

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
    return {
      'CallExpression > MemberExpression.callee[object.type="Identifier"][object.name="console"]'(node: ESTree.MemberExpression) {
        let scope: ReturnType<typeof context.sourceCode.getScope> | null = context.sourceCode.getScope(node as never);
        for (; scope; scope = scope.upper) {
          const v = scope.set.get('console');
          if (v && v.defs.length > 0) return; // a local variable or parameter named console
        }
        const method = !node.computed && node.property.type === 'Identifier' ? node.property.name : '[]';
        context.report({ node: node as never, messageId: 'console', data: { method } });
      },
    };
  },
});
