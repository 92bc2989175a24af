import type * as ESTree from 'estree';
import {
  AMBIGUOUS_VALUE_NAMES,
  DEFAULT_SENSITIVE_IGNORE_SUFFIXES,
  REDACTING_CALL,
  constantString,
  forEachLoggedValue,
  isRedactedLiteral,
  lastName,
  propertyKeyName,
  sensitiveLabelBefore,
  sensitiveTerm,
  unwrapTs,
  type SensitiveNameOptions,
} from '@obslint/core/code';
import { asRuleNode, defineLogRule, logCallVisitors } from '../define-log-rule.js';

type Options = { words: string[]; allow: string[]; ignoreSuffixes: string[] };

const TEST_OPERATORS = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=', 'instanceof', 'in']);

/** A value that cannot carry the secret itself: a redaction marker, a masked/hashed value, a boolean test, a length. */
function harmlessValue(node: ESTree.Node): boolean {
  const v = unwrapTs(node);
  switch (v.type) {
    case 'Literal':
      return isRedactedLiteral(v.value);
    case 'UnaryExpression':
      return v.operator === '!' || v.operator === 'typeof' || v.operator === 'void';
    case 'BinaryExpression':
      return TEST_OPERATORS.has(v.operator);
    case 'ConditionalExpression':
      return unwrapTs(v.consequent).type === 'Literal' && unwrapTs(v.alternate).type === 'Literal';
    case 'CallExpression': {
      const c = v.callee;
      const name = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && c.property.type === 'Identifier' ? c.property.name : '';
      return REDACTING_CALL.test(name) || name === 'Boolean';
    }
    default:
      return false;
  }
}

/** The interpolated values of a message and the text right before each: template, concatenation, printf. */
function labelledValues(message: ESTree.Node | undefined, restArgs: readonly ESTree.Node[]): Array<{ before: string; value: ESTree.Node }> {
  if (!message) return [];
  const m = unwrapTs(message);
  if (m.type === 'TemplateLiteral') return m.expressions.map((e, i) => ({ before: m.quasis[i].value.cooked ?? m.quasis[i].value.raw, value: e as ESTree.Node }));
  if (m.type === 'BinaryExpression' && m.operator === '+') {
    const out: Array<{ before: string; value: ESTree.Node }> = [];
    const flat: ESTree.Node[] = [];
    const collect = (n: ESTree.Node): void => {
      if (n.type === 'BinaryExpression' && n.operator === '+') {
        collect(n.left as ESTree.Node);
        collect(n.right);
      } else flat.push(n);
    };
    collect(m);
    flat.forEach((n, i) => {
      const prev = i > 0 ? constantString(flat[i - 1]) : undefined;
      if (prev !== undefined && constantString(n) === undefined) out.push({ before: prev, value: n });
    });
    return out;
  }
  const text = constantString(m);
  if (text === undefined) return [];
  const out: Array<{ before: string; value: ESTree.Node }> = [];
  let k = 0;
  for (const ph of text.matchAll(/%[sdifjoOc%]/g)) {
    if (ph[0] === '%%') continue;
    if (restArgs[k]) out.push({ before: text.slice(0, ph.index), value: restArgs[k] });
    k++;
  }
  return out;
}

export const noSensitiveData = defineLogRule<Options>({
  id: 'log/no-sensitive-data',
  description: 'Log fields, values or message text that carry secrets or personal data (password, token, api key, cookie, session, card number, ssn).',
  severity: 'error',
  preset: 'recommended',
  type: 'problem',
  messages: {
    field: 'Log field "{{name}}" looks like it carries a secret or personal data ({{term}}): remove it, or redact it (the logger\'s redact option, or "[REDACTED]").',
    value: 'A value named "{{name}}" is logged ({{term}}): secrets and personal data must not reach logs. Remove it or log a redacted form.',
    label: 'The message labels a logged value as "{{term}}": secrets and personal data must not reach logs. Remove the value or log a redacted form.',
  },
  options: {
    words: { type: 'array', items: { type: 'string' }, description: 'Extra words that make a field or variable name sensitive.' },
    allow: { type: 'array', items: { type: 'string' }, description: 'Names that are never sensitive (case and separators ignored).' },
    ignoreSuffixes: { type: 'array', items: { type: 'string' }, description: 'Last words that give a sensitive name a harmless meaning (tokenCount, passwordLength).' },
  },
  defaultOptions: { words: [], allow: [], ignoreSuffixes: DEFAULT_SENSITIVE_IGNORE_SUFFIXES },
  create(context, options) {
    const opts: SensitiveNameOptions = options;
    return logCallVisitors(context, (call) => {
      let reported: Set<ESTree.Node> | undefined;
      const report = (node: ESTree.Node, messageId: 'field' | 'value' | 'label', name: string, term: string) => {
        if (reported?.has(node)) return;
        (reported ??= new Set()).add(node);
        context.report({ node: asRuleNode(node), messageId, data: { name, term } });
      };
      const checkValue = (value: ESTree.Node) => {
        const v = unwrapTs(value);
        if (v.type !== 'Identifier' && v.type !== 'MemberExpression') return;
        const name = lastName(v);
        const term = name && !AMBIGUOUS_VALUE_NAMES.has(name) ? sensitiveTerm(name, opts) : undefined;
        if (name && term) report(v, 'value', name, term);
      };
      forEachLoggedValue(call.args, (value, prop) => {
        const key = prop && propertyKeyName(prop);
        const keyTerm = key ? sensitiveTerm(key, opts) : undefined;
        if (prop && value === prop.value && keyTerm) {
          if (!harmlessValue(value)) report(prop.key as ESTree.Node, 'field', key!, keyTerm);
          return;
        }
        if (!harmlessValue(value)) checkValue(value);
        const v = unwrapTs(value);
        if (v.type === 'TemplateLiteral') v.expressions.forEach((e) => checkValue(e as ESTree.Node));
      });
      for (const { before, value } of labelledValues(call.message, call.restArgs)) {
        const term = sensitiveLabelBefore(before, opts);
        if (term && !harmlessValue(value)) report(value, 'label', term, term);
        else checkValue(value);
      }
    });
  },
});
