import type * as ESTree from 'estree';

/**
 * Logger recognition for code rules: which calls are log calls, at which level, and which argument is the
 * message, which carries fields and which the error, per library. Typed on ESTree so both ESLint rules and
 * other tools can use it. Resolving what a logger object *is* (imports, `pino()`, `this.logger` injected…)
 * lives in `log-resolve.ts`.
 */
export type LoggerLibrary = 'console' | 'pino' | 'winston' | 'bunyan' | 'nestjs' | 'generic';

export const LOG_LEVEL_METHODS = new Set([
  'trace', 'debug', 'verbose', 'silly', 'info', 'http', 'notice', 'log', 'warn', 'warning', 'error', 'fatal', 'crit', 'critical', 'alert', 'emerg',
]);

/** Levels quieter than info (never "loud" for volume rules). */
export const QUIET_LEVELS = new Set(['trace', 'debug', 'verbose', 'silly']);

/** Levels that report a failure (error or louder). */
export const ERROR_LEVELS = new Set(['error', 'fatal', 'crit', 'critical', 'alert', 'emerg']);

/** What obslint knows about a logging library's call signature. */
export interface LoggerLibraryInfo {
  /** A fields object (or the error) may come before the message: `logger.info({ id }, 'msg')`. */
  fieldsFirst: boolean;
  /** Metadata objects may follow the message: `logger.info('msg', { id })`. */
  fieldsAfter: boolean;
  /** The message supports printf placeholders (`%s`, `%d`, `%o`…) filled from later arguments. */
  printf: boolean;
  /** Extra arguments that no placeholder consumes are dropped silently (pino). */
  dropsExtraArgs: boolean;
  /** How to log an error with its stack in this library (for messages). */
  errorHint: string;
  /** How to pass structured fields in this library (for messages). */
  fieldsHint: string;
}

export const LOGGER_LIBRARIES: Record<LoggerLibrary, LoggerLibraryInfo> = {
  console: { fieldsFirst: false, fieldsAfter: true, printf: true, dropsExtraArgs: false, errorHint: 'console.error("…", err)', fieldsHint: 'console.info("…", { userId })' },
  pino: { fieldsFirst: true, fieldsAfter: false, printf: true, dropsExtraArgs: true, errorHint: 'logger.error({ err }, "…")', fieldsHint: 'logger.info({ userId }, "…")' },
  bunyan: { fieldsFirst: true, fieldsAfter: false, printf: true, dropsExtraArgs: false, errorHint: 'log.error({ err }, "…")', fieldsHint: 'log.info({ userId }, "…")' },
  winston: { fieldsFirst: false, fieldsAfter: true, printf: true, dropsExtraArgs: false, errorHint: 'logger.error("…", err) with format.errors({ stack: true })', fieldsHint: 'logger.info("…", { userId })' },
  nestjs: { fieldsFirst: false, fieldsAfter: false, printf: false, dropsExtraArgs: false, errorHint: 'this.logger.error("…", err.stack)', fieldsHint: 'a structured logger (nestjs-pino) or constant messages' },
  generic: { fieldsFirst: true, fieldsAfter: true, printf: true, dropsExtraArgs: false, errorHint: 'pass the error object itself as a field', fieldsHint: 'a fields object next to a constant message' },
};

/** Object names that are loggers by convention: `log`, `logger`, `*Logger`, `*_logger`, `*Log`, `console`. */
const LOGGER_NAME = /^(console|log|logger|_?logger|.*[a-z0-9]Logger|.*_logger|.*Log|audit)$/i;

export interface LogCall {
  call: ESTree.CallExpression;
  library: LoggerLibrary;
  /** Object expression text, e.g. `this.logger`, `console`. */
  objectName: string;
  method: string;
  /** The level (for `logger.log('warn', …)` the level argument, else the method; `log` means unknown). */
  level: string;
  /** The message argument, if any. */
  message?: ESTree.Node;
  /** Arguments after the message (printf arguments or extra fields). */
  restArgs: ESTree.Node[];
  /** The structured fields argument, if any (`logger.info({ userId }, 'msg')`, winston `logger.info('msg', { userId })`). */
  fields?: ESTree.Node;
  /** Every argument of the call that is not the level (fields, message and the rest). */
  args: ESTree.Node[];
}

/** Source text of a member chain (`this.logger`, `req.log`, `log.child()`), or undefined for other shapes. */
export function memberObjectName(node: ESTree.Node): string | undefined {
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
  const inner = unwrapTs(node);
  return inner !== node ? memberObjectName(inner) : undefined;
}

/** Strips TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and parentheses-free chains. */
export function unwrapTs(node: ESTree.Node): ESTree.Node {
  let n = node as ESTree.Node & { expression?: ESTree.Node };
  while ((n.type as string) === 'TSAsExpression' || (n.type as string) === 'TSNonNullExpression' || (n.type as string) === 'TSTypeAssertion' || (n.type as string) === 'TSSatisfiesExpression' || n.type === 'ChainExpression') {
    n = n.expression as ESTree.Node & { expression?: ESTree.Node };
  }
  return n;
}

export interface LoggerRecognitionOptions {
  /** Extra logger object names (exact last segment or full dotted name). */
  loggers?: readonly string[];
  /** Library per imported binding name, when the file's imports tell us (e.g. `pino` → pino). */
  libraryOf?: (rootName: string) => LoggerLibrary | undefined;
  /** Library of the callee's object expression, resolved through scopes (takes precedence over `libraryOf`). */
  resolveLibrary?: (object: ESTree.Node) => LoggerLibrary | undefined;
}

function isStringish(n: ESTree.Node | undefined): boolean {
  if (!n) return false;
  if (n.type === 'Literal') return typeof n.value === 'string';
  if (n.type === 'TemplateLiteral') return true;
  if (n.type === 'BinaryExpression' && n.operator === '+') return isStringish(n.left as ESTree.Node) || isStringish(n.right);
  return false;
}

function propertyNamed(obj: ESTree.ObjectExpression, name: string): ESTree.Property | undefined {
  for (const p of obj.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const k = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (k === name) return p;
  }
  return undefined;
}

/**
 * The level method of a call shaped like a log call (`x.info(...)`, `a.b.warn(...)`), else undefined: a cheap
 * test on the callee alone, before anything looks at what the object is.
 */
export function logMethodOf(call: ESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  return LOG_LEVEL_METHODS.has(callee.property.name) ? callee.property.name : undefined;
}

/** Recognises a log call (`logger.info(...)`, `console.error(...)`, `this.logger.warn(...)`, `log.child({}).info()`). */
export function recognizeLogCall(call: ESTree.CallExpression, opts: LoggerRecognitionOptions = {}): LogCall | undefined {
  const method = logMethodOf(call);
  if (method === undefined) return undefined;
  const object = (call.callee as ESTree.MemberExpression).object as ESTree.Node;
  const objectName = memberObjectName(object);
  if (!objectName) return undefined;
  const last = objectName.replace(/\.child\(\)$/, '').split('.').pop()!;
  const resolved = opts.resolveLibrary?.(object);
  const configured = opts.loggers?.some((l) => l === objectName || l === last) ?? false;
  if (!resolved && !configured && !LOGGER_NAME.test(last) && !objectName.endsWith('.child()')) return undefined;
  const root = objectName.split('.')[0];
  let library: LoggerLibrary = resolved ?? (last === 'console' && root === 'console' ? 'console' : opts.libraryOf?.(root) ?? 'generic');
  const args = call.arguments as ESTree.Node[];
  let level = method;
  let idx = 0;
  if (method === 'log' && library !== 'console' && library !== 'nestjs') {
    const first = args[0];
    if (first && first.type === 'Literal' && typeof first.value === 'string' && LOG_LEVEL_METHODS.has(first.value) && args.length > 1) {
      // winston: logger.log('warn', message, meta)
      level = first.value;
      idx = 1;
      if (library === 'generic') library = 'winston';
    } else if (first && first.type === 'ObjectExpression' && args.length === 1 && library !== 'pino' && library !== 'bunyan') {
      // winston: logger.log({ level, message, ...fields })
      const lvl = propertyNamed(first, 'level');
      if (lvl && lvl.value.type === 'Literal' && typeof lvl.value.value === 'string') level = lvl.value.value;
      const msg = propertyNamed(first, 'message');
      return { call, library: library === 'generic' ? 'winston' : library, objectName, method, level, message: msg?.value as ESTree.Node | undefined, restArgs: [], fields: first, args };
    } else if (library === 'winston' && first && args.length > 1 && first.type !== 'ObjectExpression') {
      // winston: logger.log(level, message) with a level variable
      idx = 1;
    }
  }
  if (method === 'log' && (library === 'console' || library === 'nestjs')) level = 'info';
  const info = LOGGER_LIBRARIES[library];
  let fields: ESTree.Node | undefined;
  const first = args[idx];
  if (first && info.fieldsFirst && !isStringish(first)) {
    // pino/bunyan: logger.info({ fields } | err, 'message', ...printfArgs)
    const second = args[idx + 1];
    if (first.type === 'ObjectExpression' || looksLikeErrorArg(first) || isStringish(second)) {
      fields = first;
      idx++;
    }
  }
  const levelArgs = fields ? idx - 1 : idx;
  const message = args[idx];
  const restArgs = args.slice(idx + 1);
  if (!fields && info.fieldsAfter && library !== 'console') fields = restArgs.find((a) => a.type === 'ObjectExpression');
  return { call, library, objectName, method, level, message, restArgs, fields, args: args.slice(levelArgs) };
}

/** Error-like names: `e`, `err`, `error`, `ex`, `exception`, `dbError`, `parseErr`. */
export const ERROR_NAME = /^(?:e|err|error|ex|exc|exception|reason|cause)$|[a-z0-9](?:Err|Error|Exception)$/i;

function looksLikeErrorArg(n: ESTree.Node): boolean {
  return (n.type === 'Identifier' && /^(e|err|error|ex|exception)$/i.test(n.name)) || (n.type === 'NewExpression' && n.callee.type === 'Identifier' && /Error$/.test(n.callee.name));
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
      if (c.property.name === 'concat' && node.arguments.length > 0 && isStringish(c.object as ESTree.Node)) return 'concat';
    }
    if (c.type === 'Identifier' && c.name === 'format' && node.arguments.length > 1) return 'format';
  }
  return undefined;
}

/** Counts printf placeholders (`%s %d %i %f %j %o %O %c`) in a string; `%%` is a literal percent sign. */
export function countPlaceholders(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/%[sdifjoOc%]/g)) if (m[0] !== '%%') n++;
  return n;
}

/** The constant text of a string literal or expression-free template, else undefined. */
export function constantString(node: ESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? node.quasis[0]?.value.raw;
  return undefined;
}
