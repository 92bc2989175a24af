import type { ESLint, Linter, Rule } from 'eslint';
import { codeRules } from '@obslint/rules';
import type { SeveritySetting } from '@obslint/core';

/**
 * ESLint resolves a rule id whose plugin name starts with `@` at the last slash, so rule names with a
 * slash need an unscoped namespace: rules are `obslint/log/structured-message`.
 */
export const NAMESPACE = 'obslint';
export const VERSION = '0.1.0';

const rules: Record<string, Rule.RuleModule> = {};
for (const r of codeRules) rules[r.meta.id] = r.eslint as Rule.RuleModule;

/** obslint severities in ESLint terms: info has no ESLint level, so it runs as a warning. */
export function eslintSeverity(s: SeveritySetting): Linter.RuleSeverity {
  return s === 'off' ? 'off' : s === 'error' ? 'error' : 'warn';
}

function presetRules(preset: 'recommended' | 'strict'): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const r of codeRules) {
    if (r.meta.preset === 'recommended' || (preset === 'strict' && r.meta.preset === 'strict')) out[`${NAMESPACE}/${r.meta.id}`] = eslintSeverity(r.meta.severity);
  }
  return out;
}

export const plugin: ESLint.Plugin & { configs: Record<string, Linter.Config> } = {
  meta: { name: '@obslint/eslint-plugin', version: VERSION, namespace: NAMESPACE },
  rules,
  configs: {},
};

const CODE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

plugin.configs.recommended = { name: 'obslint/recommended', files: CODE_FILES, plugins: { [NAMESPACE]: plugin }, rules: presetRules('recommended') };
plugin.configs.strict = { name: 'obslint/strict', files: CODE_FILES, plugins: { [NAMESPACE]: plugin }, rules: presetRules('strict') };
