import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { dynamicMessageKind, templateToStructured, type LogCall } from '@obslint/core/code';
import { asRuleNode, defineLogRule, logCallVisitors } from '../define-log-rule.js';

const HOW: Record<string, string> = {
  template: 'a template literal with expressions',
  concatenation: 'string concatenation',
  format: 'util.format',
  concat: '.concat()',
};

/**
 * The suggestion for pino/bunyan (`logger.info({ id }, 'user logged in')`) and winston
 * (`logger.info('user logged in', { id })`): only for a template literal whose expressions are all
 * identifiers or simple member expressions, on a call that has no fields or extra arguments yet.
 */
function suggestion(call: LogCall, context: Rule.RuleContext): Rule.SuggestionReportDescriptor[] {
  const msg = call.message;
  if (!msg || msg.type !== 'TemplateLiteral' || call.fields || call.restArgs.length > 0) return [];
  const pinoStyle = call.library === 'pino' || call.library === 'bunyan';
  if (!pinoStyle && call.library !== 'winston') return [];
  const rewrite = templateToStructured(msg, (n) => context.sourceCode.getText(asRuleNode(n)));
  if (!rewrite) return [];
  const replacement = pinoStyle ? `${rewrite.fieldsText}, ${rewrite.messageText}` : `${rewrite.messageText}, ${rewrite.fieldsText}`;
  return [
    {
      messageId: 'useFields',
      data: { replacement },
      fix: (fixer) => fixer.replaceText(asRuleNode(msg), replacement),
    },
  ];
}

export const structuredMessage = defineLogRule({
  id: 'log/structured-message',
  description: 'Log messages built from variables: keep the message constant and pass values as structured fields.',
  severity: 'warning',
  preset: 'recommended',
  hasSuggestions: true,
  messages: {
    dynamic:
      'Log message is built with {{how}}: keep the message constant and pass the values as structured fields (e.g. logger.info({ userId }, "user logged in")) so logs can be searched and grouped.',
    useFields: 'Use a constant message with fields: {{replacement}}',
  },
  defaultOptions: {},
  create(context) {
    return logCallVisitors(context, (call) => {
      const kind = dynamicMessageKind(call.message);
      if (!kind || !call.message) return;
      context.report({ node: asRuleNode(call.message as ESTree.Node), messageId: 'dynamic', data: { how: HOW[kind] }, suggest: suggestion(call, context) });
    });
  },
});
