import { TOOL_RULES, hasEslintRule, type AnyRule, type DocumentRule } from '@obslint/core';
import { dashboardRules } from './dashboard/index.js';
import { alertRules } from './alert/index.js';
import { recordingRules } from './recording/index.js';
import { alertmanagerRules } from './alertmanager/index.js';
import { metricRules } from './metric/index.js';
import { logRules } from './log/index.js';
import { traceRules } from './trace/index.js';
import { queryRules } from './query/index.js';

/** Every built-in rule, tool findings included, in catalogue order. */
export const builtinRules: AnyRule[] = [
  ...dashboardRules,
  ...alertRules,
  ...recordingRules,
  ...alertmanagerRules,
  ...metricRules,
  ...logRules,
  ...traceRules,
  ...queryRules,
  ...TOOL_RULES,
];

export const documentRules = builtinRules.filter((r): r is DocumentRule<any> => r.kind === 'document');
/** Rules that run on code through ESLint (code rules, and document rules that also have an ESLint face). */
export const codeRules = builtinRules.filter(hasEslintRule) as Array<AnyRule & { eslint: unknown }>;


export { dashboardRules, alertRules, recordingRules, alertmanagerRules, metricRules, logRules, traceRules, queryRules };
export { ruleDocsFile, ruleDocsPath } from './docs-path.js';
