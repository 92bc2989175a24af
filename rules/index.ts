import { TOOL_RULES, type AnyRule, type CodeRule, type DocumentRule } from '@obslint/core';
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
export const codeRules = builtinRules.filter((r): r is CodeRule<any> => r.kind === 'code');


export { dashboardRules, alertRules, recordingRules, alertmanagerRules, metricRules, logRules, traceRules, queryRules };
export { ruleDocsFile, ruleDocsPath } from './docs-path.js';
