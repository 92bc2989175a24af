import type * as ESTree from 'estree';
import { unwrapTs, type LoggerLibrary } from './loggers.js';

/**
 * Resolves what a logger object is, through scopes: imports and requires (`import pino from 'pino'`),
 * factories (`pino()`, `winston.createLogger()`, `bunyan.createLogger()`, `new Logger()`), child loggers
 * (`logger.child({...})`), Fastify's `fastify.log`/`request.log`, TypeScript annotations
 * (`logger: Logger` from `@nestjs/common`, `log: pino.Logger`) and class members (`this.logger`, injected
 * through the constructor or initialised in the class body).
 *
 * The scope types are structural (eslint-scope's `Scope` and `Variable` fit) so core does not depend on ESLint.
 */
export interface ScopeLike {
  set: Map<string, VariableLike>;
  upper: ScopeLike | null;
}
export interface VariableLike {
  defs: ReadonlyArray<{ type: string; node: unknown; name?: unknown; parent?: unknown }>;
}

/** What an expression refers to: a logging library, or Fastify (whose `.log` is a pino logger). */
type Origin = LoggerLibrary | 'fastify';

type AnyNode = ESTree.Node & { parent?: AnyNode; typeAnnotation?: AnyNode; [k: string]: unknown };

const MAX_DEPTH = 8;

/** Library of an import (or require) source; `imported` is the imported name, when known. */
export function originOfImport(source: string, imported?: string): Origin | undefined {
  if (source === 'nestjs-pino') return imported === 'Logger' ? 'nestjs' : 'pino';
  if (source === 'pino' || source === 'pino-http' || source === 'express-pino-logger' || source === 'hono-pino') return 'pino';
  if (source === 'winston' || source.startsWith('winston-')) return 'winston';
  if (source === 'bunyan' || source === 'browser-bunyan') return 'bunyan';
  if (source === '@nestjs/common') return imported === undefined || imported === 'Logger' || imported === 'ConsoleLogger' ? 'nestjs' : undefined;
  if (source === 'fastify') return 'fastify';
  return undefined;
}

/** Names of objects whose `.log` is Fastify's pino logger (`fastify.log`, `request.log`, `reply.log`). */
const FASTIFY_OBJECT = /^(fastify|server|app|instance|request|req|reply)$/;

/** Creates a resolver for one file. `scopeOf(node)` returns the innermost scope of a node (ESLint: `sourceCode.getScope`). */
export function createLoggerResolver(scopeOf: (node: ESTree.Node) => ScopeLike, opts: { fastifyFile?: boolean } = {}) {
  /**
   * What a variable named directly by a call's object refers to (`logger` in `logger.info()`): most log calls of a
   * file name the same few loggers. Only answers computed from the top (depth 0) are kept and used, so the
   * depth limit cuts every chain at the same place.
   */
  const byVariable = new Map<VariableLike, Origin | undefined>();

  function lookup(name: string, from: ESTree.Node): VariableLike | undefined {
    let scope: ScopeLike | null = scopeOf(from);
    while (scope) {
      const v = scope.set.get(name);
      if (v) return v;
      scope = scope.upper;
    }
    return undefined;
  }

  function ofType(annotation: AnyNode | undefined, depth: number): Origin | undefined {
    if (!annotation || depth > MAX_DEPTH) return undefined;
    let t = annotation as AnyNode;
    if (t.type === ('TSTypeAnnotation' as string)) t = t.typeAnnotation as AnyNode;
    if (t?.type !== ('TSTypeReference' as string)) return undefined;
    let name = t.typeName as AnyNode;
    while (name.type === ('TSQualifiedName' as string)) name = name.left as AnyNode;
    if (name.type !== 'Identifier') return undefined;
    return ofIdentifier(name as ESTree.Identifier, depth + 1);
  }

  function ofVariable(v: VariableLike, name: string, depth: number): Origin | undefined {
    for (const def of v.defs) {
      const node = def.node as AnyNode;
      if (def.type === 'ImportBinding') {
        const decl = def.parent as AnyNode | undefined;
        const source = decl && typeof (decl.source as ESTree.Literal | undefined)?.value === 'string' ? String((decl.source as ESTree.Literal).value) : undefined;
        if (!source) continue;
        const imported = node.type === 'ImportSpecifier' ? ((node as ESTree.ImportSpecifier).imported as ESTree.Identifier).name : undefined;
        return originOfImport(source, imported);
      }
      if (def.type === 'Variable' && node.type === 'VariableDeclarator') {
        const d = node as ESTree.VariableDeclarator & AnyNode;
        const idAnn = (d.id as AnyNode).typeAnnotation;
        const typed = ofType(idAnn, depth);
        if (typed) return typed;
        if (!d.init) continue;
        if (d.id.type === 'ObjectPattern') {
          // const { log } = fastify  →  fastify.log
          const base = ofExpression(d.init, depth + 1);
          const prop = d.id.properties.find((p) => p.type === 'Property' && p.value.type === 'Identifier' && p.value.name === name);
          const key = prop && prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier' ? prop.key.name : undefined;
          if (base === 'fastify') return key === 'log' ? 'pino' : undefined;
          return base;
        }
        return ofExpression(d.init, depth + 1);
      }
      if (def.type === 'Parameter') {
        const id = def.name as AnyNode | undefined;
        const typed = ofType(id?.typeAnnotation, depth);
        if (typed) return typed;
      }
    }
    return undefined;
  }

  function ofIdentifier(id: ESTree.Identifier, depth: number): Origin | undefined {
    const v = lookup(id.name, id);
    if (!v) return undefined;
    if (depth > 0) return ofVariable(v, id.name, depth);
    if (byVariable.has(v)) return byVariable.get(v);
    const origin = ofVariable(v, id.name, depth);
    byVariable.set(v, origin);
    return origin;
  }

  function enclosingClass(node: AnyNode): AnyNode | undefined {
    for (let n = node.parent; n; n = n.parent) {
      if (n.type === 'ClassBody') return n;
      // `this` inside a plain function is not the class instance
      if (n.type === 'FunctionDeclaration' || (n.type === 'FunctionExpression' && n.parent?.type !== 'MethodDefinition')) return undefined;
    }
    return undefined;
  }

  function ofClassMember(from: AnyNode, name: string, depth: number): Origin | undefined {
    const body = enclosingClass(from);
    if (!body) return undefined;
    for (const m of body.body as AnyNode[]) {
      const key = m.key as AnyNode | undefined;
      const keyName = key?.type === 'Identifier' ? (key as unknown as ESTree.Identifier).name : undefined;
      if (m.type === 'PropertyDefinition' && keyName === name) {
        return ofType(m.typeAnnotation, depth) ?? (m.value ? ofExpression(m.value as ESTree.Node, depth + 1) : undefined);
      }
      if (m.type === 'MethodDefinition' && m.kind === 'constructor') {
        const fn = m.value as ESTree.FunctionExpression;
        for (const p of fn.params as AnyNode[]) {
          const param = (p.type === ('TSParameterProperty' as string) ? p.parameter : p) as AnyNode;
          const target = param.type === 'AssignmentPattern' ? (param.left as AnyNode) : param;
          if (target.type === 'Identifier' && (target as unknown as ESTree.Identifier).name === name && p.type === ('TSParameterProperty' as string)) {
            const typed = ofType(target.typeAnnotation, depth);
            if (typed) return typed;
          }
        }
        for (const s of fn.body.body) {
          // this.logger = new Logger(...) / this.logger = pino()
          if (s.type !== 'ExpressionStatement' || s.expression.type !== 'AssignmentExpression') continue;
          const l = s.expression.left;
          if (l.type === 'MemberExpression' && l.object.type === 'ThisExpression' && !l.computed && l.property.type === 'Identifier' && l.property.name === name) {
            return ofExpression(s.expression.right, depth + 1);
          }
        }
      }
    }
    return undefined;
  }

  function ofExpression(node: ESTree.Node, depth: number): Origin | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const n = unwrapTs(node.type === 'AwaitExpression' ? node.argument : node);
    switch (n.type) {
      case 'Identifier':
        return ofIdentifier(n, depth);
      case 'CallExpression': {
        const c = n.callee;
        if (c.type === 'Identifier' && c.name === 'require') {
          const a = n.arguments[0];
          return a && a.type === 'Literal' && typeof a.value === 'string' ? originOfImport(a.value) : undefined;
        }
        // pino(), winston.createLogger(), logger.child({...}), bunyan.createLogger(), Fastify(), require('pino')()
        return ofExpression(c as ESTree.Node, depth + 1);
      }
      case 'NewExpression':
        return ofExpression(n.callee as ESTree.Node, depth + 1);
      case 'MemberExpression': {
        const prop = !n.computed && n.property.type === 'Identifier' ? n.property.name : undefined;
        if (n.object.type === 'ThisExpression' && prop) return ofClassMember(n as unknown as AnyNode, prop, depth);
        const base = ofExpression(n.object as ESTree.Node, depth + 1);
        if (base === 'fastify') return prop === 'log' ? 'pino' : 'fastify';
        if (base) return base;
        // request.log / reply.log / fastify.log in a Fastify file
        if (prop === 'log') {
          const obj = n.object.type === 'Identifier' ? n.object.name : n.object.type === 'MemberExpression' && n.object.property.type === 'Identifier' ? n.object.property.name : '';
          if (obj === 'fastify' || (opts.fastifyFile && FASTIFY_OBJECT.test(obj))) return 'pino';
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** The logging library an object expression (the callee's object of a log call) refers to. */
  return function resolveLibrary(object: ESTree.Node): LoggerLibrary | undefined {
    let r: Origin | undefined;
    try {
      r = ofExpression(object, 0);
    } catch {
      r = undefined;
    }
    return r === 'fastify' ? undefined : r;
  };
}

/** True when the program imports or requires Fastify (so `request.log` and `reply.log` are pino loggers). */
export function importsFastify(program: ESTree.Program): boolean {
  const isFastify = (src: unknown) => typeof src === 'string' && /^(fastify$|fastify-|@fastify\/)/.test(src);
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration' && isFastify(s.source.value)) return true;
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) {
      const init = d.init;
      if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'Literal' && isFastify(init.arguments[0].value)) return true;
    }
  }
  return false;
}
