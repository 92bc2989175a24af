import { defineRule, type DocumentRule } from './types.js';

/**
 * Findings of the tool itself (not of a rule): they have ids, severities and docs like rules so they can be
 * configured (`unused-suppression: off`), suppressed and baselined, but no visitors.
 */
function toolRule(id: string, description: string, severity: 'error' | 'warning' | 'info'): DocumentRule {
  return defineRule({
    meta: { id, domain: 'query', description, severity, preset: 'recommended', messages: {}, defaultOptions: {}, tags: ['tool'] },
    create: () => ({}),
  });
}

export const TOOL_RULES: DocumentRule[] = [
  toolRule('parse-error', 'A file of a known kind cannot be parsed (bad JSON/YAML/exposition, wrong structure).', 'error'),
  toolRule('unused-suppression', 'An inline suppression or baseline entry that no longer matches anything.', 'warning'),
  toolRule('suppression-missing-reason', 'An inline suppression without a "-- reason".', 'warning'),
  toolRule('file-skipped', 'A file was not linted (too large, binary, unreadable, or a Helm template).', 'warning'),
  toolRule('rule-error', 'A rule failed on a file (a bug in obslint or in a plugin); the other rules still ran.', 'error'),
];

export const TOOL_RULE_ID_SET = new Set(TOOL_RULES.map((r) => r.meta.id));
