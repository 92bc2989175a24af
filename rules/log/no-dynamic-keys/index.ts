import type * as ESTree from 'estree';
import { loggedObjects, unwrapTs, type ScopeLike } from '@obslint/core/code';
import { asRuleNode, defineLogRule, logCallVisitors, scopeResolver } from '../define-log-rule.js';

const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

/** A computed key that is still one fixed name: a literal, `[FIELD]`, a `const` with a literal value, `[Keys.User]`, a symbol. */
function constantKey(key: ESTree.Node, scopeOf: (n: ESTree.Node) => ScopeLike): boolean {
  const k = unwrapTs(key);
  if (k.type === 'Literal') return true;
  if (k.type === 'TemplateLiteral') return k.expressions.length === 0;
  if (k.type === 'Identifier') {
    if (CONSTANT_NAME.test(k.name)) return true;
    for (let s: ScopeLike | null = scopeOf(k); s; s = s.upper) {
      const v = s.set.get(k.name);
      if (!v) continue;
      const def = v.defs[0] as { type: string; node: ESTree.VariableDeclarator; parent?: ESTree.VariableDeclaration } | undefined;
      const init = def?.type === 'Variable' && def.parent?.kind === 'const' && def.node.init ? unwrapTs(def.node.init) : undefined;
      return !!init && (init.type === 'Literal' || (init.type === 'TemplateLiteral' && init.expressions.length === 0));
    }
    return false;
  }
  if (k.type === 'MemberExpression') {
    // Keys.USER_ID, Fields.userId (enum-like), pino.symbols.messageKey
    const names: string[] = [];
    let n: ESTree.Node = k;
    for (; n.type === 'MemberExpression'; n = unwrapTs(n.object as ESTree.Node)) {
      if (n.computed || n.property.type !== 'Identifier') return false;
      names.push(n.property.name);
    }
    if (n.type !== 'Identifier') return false;
    return CONSTANT_NAME.test(names[0]) || /^[A-Z]/.test(n.name) || names.includes('symbols');
  }
  if (k.type === 'CallExpression') {
    const c = k.callee;
    return (c.type === 'Identifier' && c.name === 'Symbol') || (c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === 'Symbol');
  }
  return false;
}

export const noDynamicKeys = defineLogRule({
  id: 'log/no-dynamic-keys',
  description: 'Computed keys in a log fields object ({ [k]: v }): field names that change per message cannot be indexed or queried.',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    dynamicKey:
      'Computed field name in a log call: every distinct key becomes a new field in the log index (mapping explosion) and cannot be queried. Use a fixed key and put the variable part in the value, e.g. { field: k, value: v }.',
  },
  defaultOptions: {},
  create(context) {
    const scopeOf = scopeResolver(context);
    return logCallVisitors(context, (call) => {
      for (const obj of loggedObjects(call.args)) {
        for (const p of obj.properties) {
          if (p.type === 'Property' && p.computed && !constantKey(p.key as ESTree.Node, scopeOf)) context.report({ node: asRuleNode(p.key as ESTree.Node), messageId: 'dynamicKey' });
        }
      }
    });
  },
});
