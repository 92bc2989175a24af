/**
 * `@obslint/core/code`: what code rules (ESLint rules on JavaScript and TypeScript) need, and nothing else.
 * The main entry loads the whole of core (document parsers, PromQL, the runner, formatters); ESLint loads a
 * plugin's rules on every run, so code rules import from here to keep that load small. Everything here is
 * also exported by the main entry.
 */
export * from './loggers.js';
export * from './library-bindings.js';
export * from './log-resolve.js';
export * from './log-ast.js';
export * from './log-message.js';
export * from './log-paths.js';
export * from './log-sensitive.js';
export * from './metric-expressions.js';
export * from './metric-instruments.js';
export * from './span-calls.js';
export * from '../rule/types.js';
export * from '../config/settings.js';
export * from '../source/node-ref.js';
export * from '../document/pointer.js';
export * from '../exposition/cardinality.js';
export * from '../metrics/naming.js';
export * from '../metrics/units.js';
export * from '../metrics/labels.js';
export * from '../metrics/metric-names.js';
export type { MetricFamily, MetricSample, SampleLabel } from '../exposition/parse-exposition.js';
export type { RecordingRule } from '../model/rules.js';
