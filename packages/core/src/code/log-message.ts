import type * as ESTree from 'estree';

/** One field taken out of a message: `{ key: expressionText }` (shorthand when they are equal). */
export interface ExtractedField {
  key: string;
  expression: string;
}

export interface StructuredRewrite {
  /** The constant message, without the interpolated values. */
  message: string;
  fields: ExtractedField[];
  /** The fields as an object literal: `{ id, orderId: order.id }`. */
  fieldsText: string;
  /** The message as a single-quoted string literal. */
  messageText: string;
}

/** Property names too generic to be a field name alone: `order.id` becomes `orderId`. */
const GENERIC_PROPERTY = new Set(['id', 'name', 'code', 'type', 'status', 'key', 'value', 'length', 'size', 'count', 'message', 'url', 'path']);

/** `a`, `a.b`, `this.a.b`: identifiers and non-computed member chains only (no calls, no optional chaining). */
function simpleChain(n: ESTree.Node): string[] | undefined {
  if (n.type === 'Identifier') return [n.name];
  if (n.type === 'ThisExpression') return ['this'];
  if (n.type === 'MemberExpression' && !n.computed && !n.optional && n.property.type === 'Identifier') {
    const base = simpleChain(n.object as ESTree.Node);
    return base ? [...base, n.property.name] : undefined;
  }
  return undefined;
}

function fieldKey(chain: string[]): string {
  const names = chain.filter((c) => c !== 'this');
  const last = names[names.length - 1];
  if (names.length > 1 && GENERIC_PROPERTY.has(last)) return names[names.length - 2] + last[0].toUpperCase() + last.slice(1);
  return last;
}

export function singleQuoted(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * Splits a template-literal message into a constant message and fields, when every interpolated
 * expression is an identifier or a simple member expression (`` `user ${id} logged in` `` →
 * `'user logged in'` + `{ id }`). Returns undefined when that is not safe or leaves no message.
 */
export function templateToStructured(tpl: ESTree.TemplateLiteral, sourceText: (n: ESTree.Node) => string): StructuredRewrite | undefined {
  if (tpl.expressions.length === 0) return undefined;
  const fields: ExtractedField[] = [];
  const keys = new Set<string>();
  for (const e of tpl.expressions) {
    const chain = simpleChain(e as ESTree.Node);
    if (!chain || chain.length === 1 && chain[0] === 'this') return undefined;
    const key = fieldKey(chain);
    if (keys.has(key)) return undefined;
    keys.add(key);
    fields.push({ key, expression: sourceText(e as ESTree.Node) });
  }
  let message = '';
  tpl.quasis.forEach((q, i) => {
    const cooked = q.value.cooked ?? q.value.raw;
    // "user=${id}" and "failed: ${reason}" lose their separators with the value
    message += i < tpl.expressions.length ? cooked.replace(/\s*[:=]\s*$/, ' ') : cooked;
    if (i < tpl.expressions.length) message += ' ';
  });
  message = message
    .replace(/\(\s*\)|\[\s*\]|"\s*"|'\s*'/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/[\s,;:=-]+$/, '')
    .trim();
  if (!/[A-Za-z]/.test(message)) return undefined;
  const fieldsText = `{ ${fields.map((f) => (f.key === f.expression ? f.key : `${f.key}: ${f.expression}`)).join(', ')} }`;
  return { message, fields, fieldsText, messageText: singleQuoted(message) };
}
