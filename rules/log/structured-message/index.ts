import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { defineCodeRule, dynamicMessageKind, libraryBindings, recognizeLogCall, ruleDocsUrl, type KnownLibrary, type LoggerLibrary } from '@obslint/core';

const ID = 'log/structured-message';
const HOW: Record<string, string> = {
  template: 'a template literal with expressions',
  concatenation: 'string concatenation',
  format: 'util.format',
  concat: '.concat()',
};

/** Reads obslint's shared settings from ESLint's `settings.obslint`. */
export function obslintSettings(context: Rule.RuleContext): { loggers?: string[] } {
  const s = (context.settings as { obslint?: { loggers?: string[] } } | undefined)?.obslint;
  return s ?? {};
}

/** Creates a `libraryOf` resolver for the current file from its imports. */
export function libraryResolver(): { onProgram: (p: ESTree.Program) => void; libraryOf: (root: string) => LoggerLibrary | undefined } {
  let bindings = new Map<string, KnownLibrary>();
  return {
    onProgram(p) {
      bindings = libraryBindings(p);
    },
    libraryOf(root) {
      const l = bindings.get(root);
      return l === 'prom-client' || l === 'opentelemetry' ? undefined : l;
    },
  };
}

const eslintRule: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Log messages built from variables: keep the message constant and pass values as structured fields.',
      url: ruleDocsUrl(ID),
    },
    messages: {
      dynamic:
        'Log message is built with {{how}}: keep the message constant and pass the values as structured fields (e.g. logger.info({ userId }, "user logged in")) so logs can be searched and grouped.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const { loggers } = obslintSettings(context);
    const libs = libraryResolver();
    return {
      Program(node) {
        libs.onProgram(node as ESTree.Program);
      },
      CallExpression(node) {
        const call = recognizeLogCall(node as ESTree.CallExpression, { loggers, libraryOf: libs.libraryOf });
        if (!call) return;
        const kind = dynamicMessageKind(call.message);
        if (!kind || !call.message) return;
        context.report({ node: call.message as unknown as Rule.Node, messageId: 'dynamic', data: { how: HOW[kind] } });
      },
    };
  },
};

export const structuredMessage = defineCodeRule({
  meta: {
    id: ID,
    domain: 'log',
    description: 'Log messages built from variables: keep the message constant and pass values as structured fields.',
    severity: 'warning',
    preset: 'recommended',
    messages: { dynamic: (eslintRule.meta!.messages as Record<string, string>).dynamic },
    defaultOptions: {},
    tags: ['logging'],
  },
  eslint: eslintRule,
});
