import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import {
  createLoggerResolver,
  defineCodeRule,
  importsFastify,
  libraryBindings,
  recognizeLogCall,
  ruleDocsUrl,
  type CodeRule,
  type LogCall,
  type LoggerLibrary,
  type RulePreset,
  type Severity,
  type ScopeLike,
} from '@obslint/core/code';
import { sharedFileState } from '../file-state.js';

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
 * The log calls of a file, recognised once for all log rules (see `sharedFileState`): the first log rule created
 * for a file listens to `CallExpression` and recognises the log calls (`recognizeLogCall`,
 * `createLoggerResolver`); every log rule goes through the list at `Program:exit`. ESLint's dispatch of each
 * call to nine rules cost more than their checks. Rules with other logger settings share another list.
 */
type FileLogCalls = Array<{ call: LogCall; node: Rule.Node }>;

function fileLogCalls(context: Rule.RuleContext, loggers: string[] | undefined): { state: FileLogCalls; feed?: Rule.RuleListener } {
  return sharedFileState(context, `log-calls ${JSON.stringify(loggers ?? [])}`, () => {
    const program = context.sourceCode.ast as ESTree.Program;
    const bindings = libraryBindings(program);
    const resolveLibrary = createLoggerResolver(scopeResolver(context), { fastifyFile: importsFastify(program) });
    const libraryOf = (root: string): LoggerLibrary | undefined => {
      const l = bindings.get(root);
      return l === 'prom-client' || l === 'opentelemetry' ? undefined : (l as LoggerLibrary | undefined);
    };
    const calls: FileLogCalls = [];
    const feed: Rule.RuleListener = {
      CallExpression(node) {
        const call = recognizeLogCall(node as ESTree.CallExpression, { loggers, libraryOf, resolveLibrary });
        if (call) calls.push({ call, node });
      },
    };
    return { state: calls, feed };
  });
}

/** Listeners that call `onCall` for every recognised log call of the file, in source order, when the file has been traversed. */
export function logCallVisitors(context: Rule.RuleContext, onCall: (call: LogCall, node: Rule.Node) => void): Rule.RuleListener {
  const { state, feed } = fileLogCalls(context, obslintSettings(context).loggers);
  return {
    ...feed,
    'Program:exit'() {
      for (const { call, node } of state) onCall(call, node);
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
