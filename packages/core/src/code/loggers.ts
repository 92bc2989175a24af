import type * as ESTree from 'estree';

/**
 * Logger recognition for code rules: which calls are log calls, at which level, and which argument is the
 * message and which carries fields, per library. Typed on ESTree so both ESLint rules and other tools
 * can use it.
 */
export type LoggerLibrary = 'console' | 'pino' | 'winston' | 'bunyan' | 'nestjs' | 'generic';

export const LOG_LEVEL_METHODS = new Set([
  'trace', 'debug', 'verbose', 'silly', 'info', 'http', 'notice', 'log', 'warn', 'warning', 'error', 'fatal', 'crit', 'critical', 'alert', 'emerg',
]);

/** Levels quieter than info (never "loud" for volume rules). */
export const QUIET_LEVELS = new Set(['trace', 'debug', 'verbose', 'silly']);

/** Object names that are loggers by convention: `log`, `logger`, `*Logger`, `*_logger`, `console`. */
const LOGGER_NAME = /^(console|log|logger|_?logger|.*[a-z0-9]Logger|.*_logger|.*Log|audit)$/i;

export interface LogCall {
  call: ESTree.CallExpression;
  library: LoggerLibrary;
  /** Object expression text, e.g. `this.logger`, `console`. */
  objectName: string;
  method: string;
  /** The level (for `logger.log('warn', …)` the level argument, else the method). */
  level: string;
  /** The message argument, if any. */
  message?: ESTree.Node;
  /** Arguments after the message (printf arguments or extra fields). */
  restArgs: ESTree.Node[];
  /** The structured fields argument, if any (`logger.info({ userId }, 'msg')`). */
  fields?: ESTree.Node;
}

function memberObjectName(node: ESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const base = memberObjectName(node.object);
    return base ? `${base}.${node.property.name}` : node.property.name;
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    // logger.child({...}).info(...)
    const base = memberObjectName(node.callee.object);
    const prop = node.callee.property.type === 'Identifier' ? node.callee.property.name : '';
    if (base && prop === 'child') return `${base}.child()`;
  }
  return undefined;
}

export interface LoggerRecognitionOptions {
  /** Extra logger object names (exact last segment or full dotted name). */
  loggers?: readonly string[];
  /** Library per imported binding name, when the file's imports tell us (e.g. `pino` → pino). */
  libraryOf?: (rootName: string) => LoggerLibrary | undefined;
}

/** Recognises a log call (`logger.info(...)`, `console.error(...)`, `this.logger.warn(...)`, `log.child({}).info()`). */
export function recognizeLogCall(call: ESTree.CallExpression, opts: LoggerRecognitionOptions = {}): LogCall | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const method = callee.property.name;
  if (!LOG_LEVEL_METHODS.has(method)) return undefined;
  const objectName = memberObjectName(callee.object);
  if (!objectName) return undefined;
  const last = objectName.replace(/\.child\(\)$/, '').split('.').pop()!;
  const configured = opts.loggers?.some((l) => l === objectName || l === last) ?? false;
  if (!configured && !LOGGER_NAME.test(last) && !objectName.endsWith('.child()')) return undefined;
  const root = objectName.split('.')[0];
  let library: LoggerLibrary = last === 'console' && root === 'console' ? 'console' : opts.libraryOf?.(root) ?? 'generic';
  const args = call.arguments as ESTree.Node[];
  let level = method;
  let idx = 0;
  let fields: ESTree.Node | undefined;
  if (method === 'log' && library !== 'console') {
    const first = args[0];
    if (first && first.type === 'Literal' && typeof first.value === 'string' && LOG_LEVEL_METHODS.has(first.value)) {
      // winston: logger.log('warn', message, meta)
      level = first.value;
      idx = 1;
      if (library === 'generic') library = 'winston';
    } else if (first && first.type === 'ObjectExpression' && library !== 'pino' && library !== 'bunyan') {
      // winston: logger.log({ level, message, ...fields })
      const lvl = first.properties.find((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'level');
      if (lvl && lvl.type === 'Property' && lvl.value.type === 'Literal' && typeof lvl.value.value === 'string') level = lvl.value.value;
      const msg = first.properties.find((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'message');
      return {
        call,
        library: library === 'generic' ? 'winston' : library,
        objectName,
        method,
        level,
        message: msg && msg.type === 'Property' ? (msg.value as ESTree.Node) : undefined,
        restArgs: [],
        fields: first,
      };
    }
  }
  if (method === 'log' && library === 'console') level = 'info';
  const first = args[idx];
  if (first && (first.type === 'ObjectExpression' || looksLikeErrorArg(first)) && library !== 'console' && library !== 'winston' && library !== 'nestjs') {
    // pino/bunyan: logger.info({ fields } | err, 'message', ...printfArgs)
    fields = first;
    idx++;
  }
  const message = args[idx];
  return { call, library, objectName, method, level, message, restArgs: args.slice(idx + 1), fields };
}

function looksLikeErrorArg(n: ESTree.Node): boolean {
  return n.type === 'Identifier' && /^(e|err|error|ex|exception)$/i.test(n.name);
}

/** Maps import sources to logger libraries, for `libraryOf`. */
export function loggerLibraryOfImport(source: string): LoggerLibrary | undefined {
  if (source === 'pino' || source.startsWith('pino-') || source === 'nestjs-pino') return 'pino';
  if (source === 'winston') return 'winston';
  if (source === 'bunyan') return 'bunyan';
  if (source === '@nestjs/common') return 'nestjs';
  return undefined;
}

/** The way a message is built from variables, or undefined when it is constant. */
export function dynamicMessageKind(node: ESTree.Node | undefined): 'template' | 'concatenation' | 'format' | 'concat' | undefined {
  if (!node) return undefined;
  if (node.type === 'TemplateLiteral') return node.expressions.length > 0 ? 'template' : undefined;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const isStr = (n: ESTree.Node): boolean =>
      (n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateLiteral' || (n.type === 'BinaryExpression' && n.operator === '+' && (isStr(n.left) || isStr(n.right)));
    const allConst = (n: ESTree.Node): boolean =>
      (n.type === 'Literal') || (n.type === 'TemplateLiteral' && n.expressions.length === 0) || (n.type === 'BinaryExpression' && n.operator === '+' && allConst(n.left) && allConst(n.right));
    if ((isStr(node.left) || isStr(node.right)) && !allConst(node)) return 'concatenation';
    return undefined;
  }
  if (node.type === 'CallExpression') {
    const c = node.callee;
    if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') {
      if (c.property.name === 'format' && c.object.type === 'Identifier' && c.object.name === 'util') return 'format';
      if (c.property.name === 'concat' && node.arguments.length > 0) return 'concat';
    }
    if (c.type === 'Identifier' && c.name === 'format' && node.arguments.length > 1) return 'format';
  }
  return undefined;
}
