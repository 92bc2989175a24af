import type * as ESTree from 'estree';
import { unwrapTs } from './loggers.js';
import type { ScopeLike, VariableLike } from './log-resolve.js';

/**
 * AST helpers shared by the `log` rules: what is an error value, how an error gets stringified, the words
 * of an identifier, and walking the fields objects of a log call.
 */
export type ParentedNode = ESTree.Node & { parent?: ParentedNode };

/** Names that hold errors when nothing better is known: `err`, `error`, `ex`, `exception`, `dbError`. */
const ERROR_VAR_NAME = /^(?:err|error|ex|exception)$|[a-z0-9](?:Err|Error|Exception)$/;

function lookup(scopeOf: (n: ESTree.Node) => ScopeLike, id: ESTree.Identifier): VariableLike | undefined {
  let scope: ScopeLike | null = scopeOf(id);
  while (scope) {
    const v = scope.set.get(id.name);
    if (v) return v;
    scope = scope.upper;
  }
  return undefined;
}

function typeMentionsError(annotation: unknown): boolean {
  let t = annotation as { type?: string; typeAnnotation?: unknown; typeName?: { type: string; name?: string; right?: { name: string } } } | undefined;
  if (t?.type === 'TSTypeAnnotation') t = t.typeAnnotation as typeof t;
  if (t?.type !== 'TSTypeReference' || !t.typeName) return false;
  const name = t.typeName.type === 'Identifier' ? t.typeName.name : t.typeName.right?.name;
  return !!name && /(Error|Exception)$/.test(name);
}

function isErrorCallbackParam(fn: ParentedNode | undefined, param: ESTree.Node): boolean {
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return false;
  const call = fn.parent;
  if (!call || call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier') return false;
  const m = call.callee.property.name;
  // promise.catch(e => …), promise.then(ok, e => …), emitter.on('error', e => …)
  if (m === 'catch' && call.arguments[0] === fn) return true;
  if (m === 'then' && call.arguments[1] === fn) return fn.params[0] === param;
  if ((m === 'on' || m === 'once') && call.arguments[0]?.type === 'Literal' && call.arguments[0].value === 'error') return fn.params[0] === param;
  return false;
}

/**
 * True when an expression is an error value: a `catch` parameter, the parameter of a `.catch()`/`'error'`
 * handler, a variable holding `new XError()`, anything typed `Error`, or (unresolved) a name like `err`.
 */
export function isErrorValue(node: ESTree.Node, scopeOf: (n: ESTree.Node) => ScopeLike): boolean {
  const n = unwrapTs(node);
  if (n.type === 'NewExpression') return n.callee.type === 'Identifier' && /(Error|Exception)$/.test(n.callee.name);
  if (n.type !== 'Identifier') return false;
  const v = lookup(scopeOf, n);
  if (!v || v.defs.length === 0) return ERROR_VAR_NAME.test(n.name);
  const def = v.defs[0];
  const defNode = def.node as ParentedNode & { init?: ESTree.Node | null; id?: ESTree.Node & { typeAnnotation?: unknown } };
  switch (def.type) {
    case 'CatchClause':
      return true;
    case 'Parameter': {
      const name = def.name as (ESTree.Identifier & { typeAnnotation?: unknown; parent?: ParentedNode }) | undefined;
      if (name && typeMentionsError(name.typeAnnotation)) return true;
      if (name && isErrorCallbackParam(defNode, name)) return true;
      return ERROR_VAR_NAME.test(n.name);
    }
    case 'Variable': {
      if (typeMentionsError(defNode.id?.typeAnnotation)) return true;
      const init = defNode.init ? unwrapTs(defNode.init) : undefined;
      return !!init && init.type === 'NewExpression' && init.callee.type === 'Identifier' && /(Error|Exception)$/.test(init.callee.name);
    }
    default:
      return false;
  }
}

export interface StringifiedError {
  /** The expression that turns the error into a string. */
  node: ESTree.Node;
  /** The error variable's name. */
  name: string;
  /** How it is stringified, for the message. */
  how: string;
}

function errorName(n: ESTree.Node): string {
  const u = unwrapTs(n);
  return u.type === 'Identifier' ? u.name : 'error';
}

/**
 * The first place inside `node` where an error is turned into a string: `` `${err}` ``, `'x' + err`,
 * `err.message`, `String(err)`, `err.toString()`, `JSON.stringify(err)`.
 */
export function findStringifiedError(node: ESTree.Node, scopeOf: (n: ESTree.Node) => ScopeLike): StringifiedError | undefined {
  const isErr = (x: ESTree.Node) => isErrorValue(x, scopeOf);
  const n = unwrapTs(node);
  if (n.type === 'TemplateLiteral') {
    for (const e of n.expressions) {
      if (isErr(e)) return { node: e, name: errorName(e), how: 'a template literal' };
      const inner = findStringifiedError(e, scopeOf);
      if (inner) return inner;
    }
    return undefined;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    for (const side of [n.left as ESTree.Node, n.right]) {
      if (isErr(side)) return { node: side, name: errorName(side), how: 'string concatenation' };
      const inner = findStringifiedError(side, scopeOf);
      if (inner) return inner;
    }
    return undefined;
  }
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'message' && isErr(n.object as ESTree.Node)) {
    const name = errorName(n.object as ESTree.Node);
    return { node: n, name, how: `${name}.message` };
  }
  if (n.type === 'CallExpression') {
    const c = n.callee;
    const a = n.arguments[0] as ESTree.Node | undefined;
    if (c.type === 'Identifier' && c.name === 'String' && a && isErr(a)) return { node: n, name: errorName(a), how: 'String()' };
    if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') {
      if (c.property.name === 'toString' && isErr(c.object as ESTree.Node)) return { node: n, name: errorName(c.object as ESTree.Node), how: '.toString()' };
      if (c.property.name === 'stringify' && c.object.type === 'Identifier' && c.object.name === 'JSON' && a && isErr(a)) return { node: n, name: errorName(a), how: 'JSON.stringify() (an Error serialises to "{}")' };
    }
  }
  return undefined;
}

/**
 * The values a log call passes: each argument, and (recursively) each property value of object arguments.
 * `visit` receives the value and the property it belongs to, if any.
 */
export function forEachLoggedValue(args: readonly ESTree.Node[], visit: (value: ESTree.Node, property?: ESTree.Property) => void, maxDepth = 4): void {
  for (const a of args) visitLoggedValue(a, undefined, 0, visit, maxDepth);
}

function visitLoggedValue(n: ESTree.Node, prop: ESTree.Property | undefined, depth: number, visit: (value: ESTree.Node, property?: ESTree.Property) => void, maxDepth: number): void {
  visit(n, prop);
  const u = unwrapTs(n);
  if (u.type === 'ObjectExpression' && depth < maxDepth) {
    for (const p of u.properties) if (p.type === 'Property') visitLoggedValue(p.value as ESTree.Node, p, depth + 1, visit, maxDepth);
  }
}

/** Every object literal among a log call's arguments, nested ones included. */
export function loggedObjects(args: readonly ESTree.Node[]): ESTree.ObjectExpression[] {
  const out: ESTree.ObjectExpression[] = [];
  forEachLoggedValue(args, (v) => {
    const u = unwrapTs(v);
    if (u.type === 'ObjectExpression') out.push(u);
  });
  return out;
}

/** The words of an identifier or key: `apiKey` → api, key; `X-Api-Key` → x, api, key; `credit_card` → credit, card. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The static name of a property key (`a`, `'a-b'`, `['x']`), else undefined. */
export function propertyKeyName(p: ESTree.Property): string | undefined {
  const k = p.key;
  if (!p.computed && k.type === 'Identifier') return k.name;
  if (k.type === 'Literal' && (typeof k.value === 'string' || typeof k.value === 'number')) return String(k.value);
  if (k.type === 'TemplateLiteral' && k.expressions.length === 0) return k.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The last name of an identifier or member chain (`password`, `req.headers.authorization` → authorization). */
export function lastName(node: ESTree.Node): string | undefined {
  const n = unwrapTs(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression') {
    if (!n.computed && n.property.type === 'Identifier') return n.property.name;
    if (n.property.type === 'Literal' && typeof n.property.value === 'string') return n.property.value;
  }
  return undefined;
}

/** Walks up from a node; `visit` returns true to stop. Returns the node it stopped at. */
export function findAncestor(node: ESTree.Node, visit: (ancestor: ParentedNode, child: ParentedNode) => boolean): ParentedNode | undefined {
  let child = node as ParentedNode;
  for (let a = child.parent; a; child = a, a = a.parent) if (visit(a, child)) return a;
  return undefined;
}

export function isFunctionNode(n: ESTree.Node): boolean {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
}

/**
 * The first node under `root` (pre-order, `root` included) that passes `test`; subtrees for which `skip`
 * is true (other than the root) are not entered. Never follows `parent` links.
 */
export function findNode(root: ESTree.Node, test: (n: ESTree.Node) => boolean, skip: (n: ESTree.Node) => boolean = () => false): ESTree.Node | undefined {
  const visit = (n: unknown, isRoot: boolean): ESTree.Node | undefined => {
    if (!n || typeof n !== 'object') return undefined;
    if (Array.isArray(n)) {
      for (const x of n) {
        const r = visit(x, false);
        if (r) return r;
      }
      return undefined;
    }
    const o = n as ESTree.Node & Record<string, unknown>;
    if (typeof o.type !== 'string') return undefined;
    if (!isRoot && skip(o)) return undefined;
    if (test(o)) return o;
    for (const k in o) {
      if (k === 'parent' || k === 'loc' || k === 'range' || k === 'tokens' || k === 'comments') continue;
      const r = visit(o[k], false);
      if (r) return r;
    }
    return undefined;
  };
  return visit(root, true);
}
