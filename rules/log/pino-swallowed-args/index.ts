import type * as ESTree from 'estree';
import { constantString, countPlaceholders } from '@obslint/core/code';
import { asRuleNode, defineLogRule, logCallVisitors } from '../define-log-rule.js';

export const pinoSwallowedArgs = defineLogRule({
  id: 'log/pino-swallowed-args',
  description: 'pino calls with more arguments than % placeholders: pino drops the extra arguments silently.',
  severity: 'error',
  preset: 'recommended',
  type: 'problem',
  messages: {
    swallowed:
      'pino drops this argument: the message has {{placeholders}} placeholder(s) for {{args}} argument(s) after it, and pino does not append the rest (unlike console). Put the value in the merging object: logger.{{method}}({ …, key: value }, "message").',
  },
  defaultOptions: {},
  create(context) {
    return logCallVisitors(context, (call) => {
      if (call.library !== 'pino' || call.restArgs.length === 0) return;
      const msg = call.message;
      // the static parts of a template literal are the format string pino sees around the values
      const text = msg?.type === 'TemplateLiteral' ? msg.quasis.map((q) => q.value.cooked ?? q.value.raw).join('') : constantString(msg);
      if (text === undefined) return;
      const placeholders = countPlaceholders(text);
      if (call.restArgs.length <= placeholders) return;
      const extra = call.restArgs[placeholders] as ESTree.Node;
      context.report({
        node: asRuleNode(extra),
        messageId: 'swallowed',
        data: { placeholders, args: call.restArgs.length, method: call.method },
      });
    });
  },
});
