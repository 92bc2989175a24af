import type * as ESTree from 'estree';
import { normalizeLabelName } from '../metrics/labels.js';

/**
 * Static evaluation of the expressions metric and span code passes around: constant strings, names built at
 * run time, and values that are unbounded (URLs, ids, timestamps). ESTree-typed; TypeScript wrappers
 * (`x as T`, `x!`, `<T>x`) are looked through.
 */

/** Constant strings declared with `const` in a module (`NAME` and `OBJ.key` for const object literals). */
export type ModuleConstants = Map<string, string>;

/** Removes TypeScript-only wrappers and optional chains around an expression. */
export function unwrapExpression(node: ESTree.Node): ESTree.Node {
  let n = node as ESTree.Node & { expression?: ESTree.Node };
  while (
    n.expression &&
    ((n.type as string) === 'TSAsExpression' ||
      (n.type as string) === 'TSNonNullExpression' ||
      (n.type as string) === 'TSTypeAssertion' ||
      (n.type as string) === 'TSSatisfiesExpression' ||
      n.type === 'ChainExpression')
  ) {
    n = n.expression as ESTree.Node & { expression?: ESTree.Node };
  }
  return n;
}

/** `a.b.c` for identifiers, `this` and non-computed members (string-literal computed keys included); else undefined. */
export function memberPath(node: ESTree.Node): string | undefined {
  const n = unwrapExpression(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression') {
    const base = memberPath(n.object);
    if (base === undefined) return undefined;
    if (!n.computed && n.property.type === 'Identifier') return `${base}.${n.property.name}`;
    if (n.computed && n.property.type === 'Literal' && typeof n.property.value === 'string') return `${base}.${n.property.value}`;
  }
  return undefined;
}

/** The string value of a constant expression (literals, constant templates and concatenations, module constants). */
export function staticString(node: ESTree.Node | undefined | null, consts?: ModuleConstants): string | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === 'Literal') return typeof n.value === 'string' || typeof n.value === 'number' ? String(n.value) : undefined;
  if (n.type === 'TemplateLiteral') {
    let out = '';
    for (let i = 0; i < n.quasis.length; i++) {
      out += n.quasis[i].value.cooked ?? n.quasis[i].value.raw;
      if (i < n.expressions.length) {
        const v = staticString(n.expressions[i], consts);
        if (v === undefined) return undefined;
        out += v;
      }
    }
    return out;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const l = staticString(n.left as ESTree.Node, consts);
    const r = l === undefined ? undefined : staticString(n.right, consts);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if ((n.type === 'Identifier' || n.type === 'MemberExpression') && consts) {
    const p = memberPath(n);
    return p !== undefined ? consts.get(p) : undefined;
  }
  return undefined;
}

/** Records `const X = 'x'`, `const X = \`a${Y}\``, `const O = { k: 'v' }` (and `as const`) into consts. */
export function recordConstant(decl: ESTree.VariableDeclarator, kind: string, consts: ModuleConstants): void {
  if (kind !== 'const' || decl.id.type !== 'Identifier' || !decl.init) return;
  const name = decl.id.name;
  const init = unwrapExpression(decl.init);
  const v = staticString(init, consts);
  if (v !== undefined) {
    consts.set(name, v);
    return;
  }
  if (init.type === 'ObjectExpression') recordObject(name, init, consts);
}

function recordObject(prefix: string, obj: ESTree.ObjectExpression, consts: ModuleConstants, depth = 0): void {
  if (depth > 4) return;
  for (const p of obj.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (key === undefined) continue;
    const value = unwrapExpression(p.value as ESTree.Node);
    const v = staticString(value, consts);
    if (v !== undefined) consts.set(`${prefix}.${key}`, v);
    else if (value.type === 'ObjectExpression') recordObject(`${prefix}.${key}`, value, consts, depth + 1);
  }
}

/** `SCREAMING_CASE` (or `Obj.SCREAMING_CASE`): a constant by convention, e.g. imported from a names module. */
export function isConventionalConstant(node: ESTree.Node): boolean {
  const p = memberPath(node);
  if (p === undefined) return false;
  const last = p.split('.').pop()!;
  return /^[A-Z][A-Z0-9_]*$/.test(last) && /[A-Z]/.test(last) && last.length > 1;
}

/**
 * `NAMES[key]` where `NAMES` is a module constant object of strings or a `SCREAMING_CASE` object: a lookup in
 * a fixed table, so bounded whatever the key.
 */
export function isConstantLookup(node: ESTree.Node, consts: ModuleConstants): boolean {
  const n = unwrapExpression(node);
  if (n.type !== 'MemberExpression' || !n.computed) return false;
  if (isConventionalConstant(n.object)) return true;
  const base = memberPath(n.object);
  if (base === undefined) return false;
  for (const k of consts.keys()) if (k.startsWith(`${base}.`)) return true;
  return false;
}

export type DynamicStringKind = 'template' | 'concatenation' | 'variable' | 'call';

/**
 * How a string (a metric or span name) is built at run time, or undefined when it is constant: literals,
 * module constants, SCREAMING_CASE constants, and templates/concatenations of those. `bounded` may declare
 * further parts (e.g. route templates) as fine.
 */
export function dynamicStringKind(
  node: ESTree.Node | undefined | null,
  consts: ModuleConstants,
  bounded: (part: ESTree.Node) => boolean = () => false,
): DynamicStringKind | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  const fixed = (part: ESTree.Node): boolean =>
    staticString(part, consts) !== undefined || isConventionalConstant(part) || isConstantLookup(part, consts) || bounded(unwrapExpression(part));
  if (fixed(n)) return undefined;
  if (n.type === 'TemplateLiteral') return n.expressions.every((e) => fixed(e as ESTree.Node)) ? undefined : 'template';
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const parts: ESTree.Node[] = [];
    const flatten = (x: ESTree.Node) => {
      const u = unwrapExpression(x);
      if (u.type === 'BinaryExpression' && u.operator === '+') {
        flatten(u.left as ESTree.Node);
        flatten(u.right);
      } else parts.push(u);
    };
    flatten(n);
    return parts.every((p) => fixed(p) || (p.type === 'TemplateLiteral' && p.expressions.every((e) => fixed(e as ESTree.Node)))) ? undefined : 'concatenation';
  }
  if (n.type === 'Identifier' || n.type === 'MemberExpression') return 'variable';
  if (n.type === 'CallExpression') return 'call';
  if (n.type === 'ConditionalExpression') return dynamicStringKind(n.consequent, consts, bounded) ?? dynamicStringKind(n.alternate, consts, bounded);
  if (n.type === 'LogicalExpression') return dynamicStringKind(n.left as ESTree.Node, consts, bounded) ?? dynamicStringKind(n.right, consts, bounded);
  return undefined;
}

/** Properties whose values are raw URLs or paths (unbounded: they carry ids and query strings). */
const URL_PROPERTIES = new Set(['url', 'originalUrl', 'originalURL', 'href', 'pathname', 'search', 'querystring', 'rawUrl', 'raw_url', 'requestUrl', 'fullUrl', 'uri', 'requestUri', 'query']);
/** Identifier/property names (normalized) that hold ids, addresses or secrets of unbounded sets. */
const ID_NAMES = new Set([
  'user_id', 'userid', 'uid', 'customer_id', 'account_id', 'tenant_user_id', 'session_id', 'sessionid', 'request_id', 'requestid', 'req_id',
  'trace_id', 'span_id', 'correlation_id', 'email', 'email_address', 'uuid', 'guid', 'ip', 'ips', 'client_ip', 'remote_address', 'remote_addr',
  'order_id', 'transaction_id', 'device_id', 'token', 'session_token', 'user_email', 'original_url', 'full_url', 'raw_url', 'request_url',
]);
/** Name endings that make any identifier an unbounded id (`ownerEmail`, `sessionUuid`, `clientIp`). */
const ID_SUFFIXES = ['_email', '_uuid', '_guid', '_ip', '_ip_address', '_user_id', '_session_id', '_request_id', '_trace_id', '_customer_id', '_account_id'];
const TIME_CALLS = new Set(['Date.now', 'performance.now', 'process.hrtime', 'process.hrtime.bigint']);
const RANDOM_CALLS = /^(?:Math\.random|(?:crypto\.)?randomUUID|(?:crypto\.)?randomBytes|uuid(?:v\d)?|v[14]|uuid\.v[14]|nanoid|cuid|ulid|shortid\.generate)$/;

/**
 * Why a label/attribute value expression is unbounded, or undefined: `req.url`/`req.path`/`req.originalUrl`,
 * user/session/request ids, emails, IPs, `Date.now()`, random ids, and templates or concatenations with
 * variables. Status codes, methods, literals and route templates (`req.route.path`) are bounded.
 */
export function unboundedValueReason(node: ESTree.Node | undefined | null, consts: ModuleConstants): string | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (staticString(n, consts) !== undefined) return undefined;
  switch (n.type) {
    case 'TemplateLiteral':
      return n.expressions.some((e) => staticString(e as ESTree.Node, consts) === undefined && !isConventionalConstant(e as ESTree.Node))
        ? 'a template literal with variables'
        : undefined;
    case 'BinaryExpression':
      if (n.operator !== '+') return undefined;
      if (dynamicStringKind(n, consts) === undefined) return undefined;
      return stringish(n) ? 'a string concatenation with variables' : undefined;
    case 'ConditionalExpression':
      return unboundedValueReason(n.consequent, consts) ?? unboundedValueReason(n.alternate, consts);
    case 'LogicalExpression':
      return unboundedValueReason(n.left as ESTree.Node, consts) ?? unboundedValueReason(n.right, consts);
    case 'NewExpression':
      return memberPath(n.callee as ESTree.Node) === 'Date' ? 'a timestamp (new Date())' : undefined;
    case 'CallExpression': {
      const callee = memberPath(n.callee as ESTree.Node);
      if (callee === undefined) return undefined;
      if (TIME_CALLS.has(callee) || callee === 'Date') return `a timestamp (${callee}())`;
      if (RANDOM_CALLS.test(callee)) return `a random id (${callee}())`;
      const last = callee.split('.').pop()!;
      if (/^(toISOString|toUTCString|toJSON|getTime|valueOf)$/.test(last) && n.callee.type === 'MemberExpression') {
        const obj = unwrapExpression(n.callee.object);
        if (obj.type === 'NewExpression' && memberPath(obj.callee as ESTree.Node) === 'Date') return 'a timestamp (new Date())';
      }
      if ((callee === 'String' || last === 'toString' || last === 'toLowerCase' || last === 'toUpperCase' || last === 'trim') && n.callee.type === 'MemberExpression') {
        return unboundedValueReason(n.callee.object, consts);
      }
      if (callee === 'String' && n.arguments[0]) return unboundedValueReason(n.arguments[0] as ESTree.Node, consts);
      return undefined;
    }
    case 'Identifier':
    case 'MemberExpression': {
      const path = memberPath(n);
      if (path === undefined) return undefined;
      const segs = path.split('.');
      const last = segs[segs.length - 1];
      const parent = segs.length > 1 ? segs[segs.length - 2] : undefined;
      if (segs.length > 1 && URL_PROPERTIES.has(last) && parent !== 'route') return `the raw URL (${path})`;
      if (segs.length > 1 && last === 'path' && parent !== 'route' && /^(req|request|ctx|context|c|event|evt|r)$|req|request/i.test(segs[0])) return `the raw path (${path})`;
      const norm = normalizeLabelName(last);
      const pair = parent !== undefined ? normalizeLabelName(`${parent}_${last}`) : norm;
      if (ID_NAMES.has(norm) || ID_SUFFIXES.some((x) => norm.endsWith(x))) return `an unbounded id (${path})`;
      if (last === 'id' && parent !== undefined && ID_NAMES.has(pair)) return `an unbounded id (${path})`;
      return undefined;
    }
    default:
      return undefined;
  }
}

function stringish(n: ESTree.Node): boolean {
  const u = unwrapExpression(n);
  if (u.type === 'Literal') return typeof u.value === 'string';
  if (u.type === 'TemplateLiteral') return true;
  if (u.type === 'BinaryExpression' && u.operator === '+') return stringish(u.left as ESTree.Node) || stringish(u.right);
  return false;
}
