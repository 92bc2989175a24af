import type * as ESTree from 'estree';
import { findStringifiedError, forEachLoggedValue, isErrorValue, LOGGER_LIBRARIES, unwrapTs } from '@obslint/core/code';
import { asRuleNode, defineLogRule, logCallVisitors, scopeResolver } from '../define-log-rule.js';

/** The names of errors a call passes intact: the error itself as an argument or field, or its `.stack`. */
function preservedErrors(args: readonly ESTree.Node[], isError: (n: ESTree.Node) => boolean): Set<string> {
  const out = new Set<string>();
  forEachLoggedValue(args, (value) => {
    const v = unwrapTs(value);
    if (v.type === 'Identifier' && isError(v)) out.add(v.name);
    if (v.type === 'MemberExpression' && !v.computed && v.property.type === 'Identifier' && v.property.name === 'stack' && v.object.type === 'Identifier') out.add(v.object.name);
  });
  return out;
}

export const errorObject = defineLogRule({
  id: 'log/error-object',
  description: 'Errors logged as strings (`${err}`, err.message, String(err)): the stack and the error fields are lost.',
  severity: 'warning',
  preset: 'recommended',
  type: 'problem',
  messages: {
    stringified: 'Error "{{name}}" is logged as a string through {{how}}: its stack and fields are lost. Pass the error object itself, e.g. {{hint}}.',
  },
  defaultOptions: {},
  create(context) {
    const scopeOf = scopeResolver(context);
    const isError = (n: ESTree.Node) => isErrorValue(n, scopeOf);
    return logCallVisitors(context, (call) => {
      // Most calls stringify no error: which errors the call also passes intact is looked up only when one does.
      let kept: Set<string> | undefined;
      let found: ReturnType<typeof findStringifiedError>;
      forEachLoggedValue(call.args, (value) => {
        if (found) return;
        const s = findStringifiedError(value, scopeOf);
        if (s && !(kept ??= preservedErrors(call.args, isError)).has(s.name)) found = s;
      });
      if (!found) return;
      context.report({ node: asRuleNode(found.node), messageId: 'stringified', data: { name: found.name, how: found.how, hint: LOGGER_LIBRARIES[call.library].errorHint } });
    });
  },
});
