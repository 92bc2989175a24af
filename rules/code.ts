import { metricRuleFaces, type RuleFace } from './metric/code.js';
import { logRules } from './log/index.js';
import { traceRules } from './trace/index.js';

export type { RuleFace };

/**
 * `@obslint/rules/code`: the rules of the code domains (metric, log, trace) in catalogue order, as the ESLint
 * plugin loads them on every run: without the document rules and the machinery behind them (document
 * parsers, PromQL, the runner). The main entry has every rule.
 */
export const codeDomainRules: RuleFace[] = [...metricRuleFaces, ...logRules, ...traceRules];
