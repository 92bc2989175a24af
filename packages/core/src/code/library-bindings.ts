import type * as ESTree from 'estree';
import { loggerLibraryOfImport, type LoggerLibrary } from './loggers.js';

/** Libraries obslint knows, by what a binding in a module refers to. */
export type KnownLibrary = LoggerLibrary | 'prom-client' | 'opentelemetry';

function libraryOfSource(source: string): KnownLibrary | undefined {
  if (source === 'prom-client') return 'prom-client';
  if (source === '@opentelemetry/api') return 'opentelemetry';
  return loggerLibraryOfImport(source);
}

function requireSource(n: ESTree.Node | null | undefined): string | undefined {
  if (n && n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') {
    const a = n.arguments[0];
    if (a && a.type === 'Literal' && typeof a.value === 'string') return a.value;
  }
  return undefined;
}

/**
 * Maps module-level binding names to the library they come from: imports and requires of pino, winston,
 * bunyan, @nestjs/common, prom-client, @opentelemetry/api, and variables created from them
 * (`const logger = pino()`, `winston.createLogger()`, `new Logger()`, `metrics.getMeter()`).
 */
export function libraryBindings(program: ESTree.Program): Map<string, KnownLibrary> {
  const out = new Map<string, KnownLibrary>();
  const fromInit = (init: ESTree.Node | null | undefined): KnownLibrary | undefined => {
    if (!init) return undefined;
    const req = requireSource(init);
    if (req) return libraryOfSource(req);
    let n: ESTree.Node = init;
    if (n.type === 'AwaitExpression') n = n.argument;
    if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      let c: ESTree.Node = n.callee;
      while (c.type === 'MemberExpression') c = c.object;
      if (c.type === 'CallExpression') return fromInit(c);
      if (c.type === 'Identifier') return out.get(c.name);
    }
    if (n.type === 'MemberExpression') {
      let c: ESTree.Node = n;
      while (c.type === 'MemberExpression') c = c.object;
      if (c.type === 'Identifier') return out.get(c.name);
      return fromInit(c);
    }
    return undefined;
  };
  const visitDeclarator = (d: ESTree.VariableDeclarator) => {
    const lib = fromInit(d.init);
    if (!lib) return;
    if (d.id.type === 'Identifier') out.set(d.id.name, lib);
    else if (d.id.type === 'ObjectPattern') {
      for (const p of d.id.properties) if (p.type === 'Property' && p.value.type === 'Identifier') out.set(p.value.name, lib);
    }
  };
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration' && typeof stmt.source.value === 'string') {
      const lib = libraryOfSource(stmt.source.value);
      if (lib) for (const s of stmt.specifiers) out.set(s.local.name, lib);
    } else if (stmt.type === 'VariableDeclaration') {
      stmt.declarations.forEach(visitDeclarator);
    } else if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration?.type === 'VariableDeclaration') {
      stmt.declaration.declarations.forEach(visitDeclarator);
    }
  }
  return out;
}
