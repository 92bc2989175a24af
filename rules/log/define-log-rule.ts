import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import {
  createLoggerResolver,
  defineCodeRule,
  importsFastify,
  libraryBindings,
  logMethodOf,
  recognizeLogCall,
  ruleDocsUrl,
  type CodeRule,
  type LogCall,
  type LoggerLibrary,
  type RulePreset,
  type Severity,
  type ScopeLike,
} from '@obslint/core/code';

/** obslint's shared settings, read from ESLint's `settings.obslint` (the CLI passes the config's settings there). */
export interface ObslintEslintSettings {
  loggers?: string[];
}

export function obslintSettings(context: Rule.RuleContext): ObslintEslintSettings {
  return (context.settings as { obslint?: ObslintEslintSettings } | undefined)?.obslint ?? {};
}

export interface LogRuleSpec<O extends Record<string, unknown>> {
  id: string;
  description: string;
  severity: Severity;
  preset: RulePreset;
  type?: 'problem' | 'suggestion';
  messages: Record<string, string>;
  /** JSON Schema `properties` of the options object (additional properties are rejected). */
  options?: Record<string, unknown>;
  defaultOptions: O;
  hasSuggestions?: boolean;
  create(context: Rule.RuleContext, options: O): Rule.RuleListener;
}

/** Stands for an explicit `undefined` option value in the options cache key (JSON would drop the key). */
const UNDEFINED_KEY = '\u0000undefined';

/**
 * Defines a code rule of the `log` domain: the ESLint rule module (docs url, messages by id, option schema,
 * default options) and the obslint rule wrapping it, with one source for id, description and messages.
 */
export function defineLogRule<O extends Record<string, unknown>>(spec: LogRuleSpec<O>): CodeRule<O> {
  // One options object per distinct ESLint options (not one per file), so rules can cache what they derive from
  // it. ESLint passes the same object for every file when the config gives no options, a copy per file otherwise.
  const merged = new Map<string, O>();
  const byObject = new WeakMap<object, O>();
  const mergedOptions = (given: Partial<O> | undefined): O => {
    if (given === undefined) return mergedFor('', given);
    return (typeof given === 'object' && given !== null ? byObject.get(given) : undefined) ?? mergedFor(JSON.stringify(given, (_k, v: unknown) => (v === undefined ? UNDEFINED_KEY : v)), given);
  };
  const mergedFor = (key: string, given: Partial<O> | undefined): O => {
    let options = merged.get(key);
    if (!options) {
      options = { ...spec.defaultOptions, ...(given ?? {}) } as O;
      merged.set(key, options);
    }
    if (typeof given === 'object' && given !== null) byObject.set(given, options);
    return options;
  };
  const optionSchema = spec.options ? { type: 'object', properties: spec.options, additionalProperties: false } : undefined;
  const eslintRule: Rule.RuleModule = {
    meta: {
      type: spec.type ?? 'suggestion',
      docs: { description: spec.description, url: ruleDocsUrl(spec.id), recommended: spec.preset === 'recommended' },
      messages: spec.messages,
      schema: optionSchema ? [optionSchema as never] : [],
      defaultOptions: optionSchema ? [spec.defaultOptions] : [],
      ...(spec.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    create(context) {
      return spec.create(context, mergedOptions(context.options[0] as Partial<O> | undefined));
    },
  };
  return defineCodeRule<O>({
    meta: {
      id: spec.id,
      domain: 'log',
      description: spec.description,
      severity: spec.severity,
      preset: spec.preset,
      messages: spec.messages,
      ...(spec.options ? { schema: { properties: spec.options } } : {}),
      defaultOptions: spec.defaultOptions,
      tags: ['logging'],
    },
    eslint: eslintRule,
  });
}

/**
 * Visitors that call `onCall` for every recognised log call of the file: loggers known by import, factory,
 * type annotation, class member or name (see `recognizeLogCall` and `createLoggerResolver`), plus the
 * object names configured in `settings.obslint.loggers`.
 */
/**
 * What every log rule needs per file and per call, computed once and shared by all of them (they see the
 * same AST objects): the file's library bindings and logger resolver, and each call's recognition.
 */
interface ProgramLogState {
  loggersKey: string;
  recognize: (call: ESTree.CallExpression) => LogCall | undefined;
}
const programStates = new WeakMap<ESTree.Program, ProgramLogState>();

function programLogState(context: Rule.RuleContext, program: ESTree.Program, loggers: string[] | undefined): ProgramLogState {
  const loggersKey = JSON.stringify(loggers ?? []);
  const hit = programStates.get(program);
  if (hit && hit.loggersKey === loggersKey) return hit;
  const bindings = libraryBindings(program);
  const resolveLibrary = createLoggerResolver(scopeResolver(context), { fastifyFile: importsFastify(program) });
  const libraryOf = (root: string): LoggerLibrary | undefined => {
    const l = bindings.get(root);
    return l === 'prom-client' || l === 'opentelemetry' ? undefined : (l as LoggerLibrary | undefined);
  };
  const calls = new WeakMap<ESTree.CallExpression, LogCall | null>();
  const state: ProgramLogState = {
    loggersKey,
    recognize(call) {
      let c = calls.get(call);
      if (c === undefined) {
        c = recognizeLogCall(call, { loggers, libraryOf, resolveLibrary }) ?? null;
        calls.set(call, c);
      }
      return c ?? undefined;
    },
  };
  programStates.set(program, state);
  return state;
}

export function logCallVisitors(context: Rule.RuleContext, onCall: (call: LogCall, node: Rule.Node) => void, extra: Rule.RuleListener = {}): Rule.RuleListener {
  const { loggers } = obslintSettings(context);
  let state: ProgramLogState | undefined;
  return {
    ...extra,
    Program(node) {
      state = programLogState(context, node as ESTree.Program, loggers);
      extra.Program?.(node);
    },
    CallExpression(node) {
      // most calls are not shaped like log calls: skip them before the shared per-call cache
      const call = logMethodOf(node as ESTree.CallExpression) === undefined ? undefined : state?.recognize(node as ESTree.CallExpression);
      if (call) onCall(call, node);
      extra.CallExpression?.(node);
    },
  };
}

/** The innermost scope of a node, in the structural form `@obslint/core`'s resolvers take. */
export function scopeResolver(context: Rule.RuleContext): (node: ESTree.Node) => ScopeLike {
  return (n) => context.sourceCode.getScope(n as Rule.Node) as unknown as ScopeLike;
}

/** The ESLint node type for a node from `@obslint/core`'s ESTree helpers. */
export function asRuleNode(node: ESTree.Node): Rule.Node {
  return node as unknown as Rule.Node;
}
