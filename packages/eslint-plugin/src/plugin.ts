import type { ESLint, Linter, Rule } from 'eslint';
import json from '@eslint/json';
import { codeRules, documentRules } from '@obslint/rules';
import type { AnyRule, SeveritySetting } from '@obslint/core';
import { documentEslintRule } from './document-rules.js';
import { textParser, yamlParser } from './parsers.js';

/**
 * ESLint resolves a rule id whose plugin name starts with `@` at the last slash, so rule names with a
 * slash need an unscoped namespace: rules are `obslint/log/structured-message`, `obslint/dashboard/max-panels`.
 */
export const NAMESPACE = 'obslint';
export const VERSION = '0.1.0';

const rules: Record<string, Rule.RuleModule> = {};
for (const r of codeRules) rules[r.meta.id] = r.eslint as Rule.RuleModule;
// Document rules (and tool findings such as parse-error) run on JSON/YAML/exposition files through lintText;
// a document rule that also has a code face keeps serving code with it.
for (const r of documentRules) rules[r.meta.id] = documentEslintRule(r, r.eslint as Rule.RuleModule | undefined);

/** obslint severities in ESLint terms: info has no ESLint level, so it runs as a warning. */
export function eslintSeverity(s: SeveritySetting): Linter.RuleSeverity {
  return s === 'off' ? 'off' : s === 'error' ? 'error' : 'warn';
}

type PresetLevel = 'recommended' | 'strict';

function presetRules(from: readonly AnyRule[], preset: PresetLevel): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const r of from) {
    if (r.meta.preset === 'recommended' || (preset === 'strict' && r.meta.preset === 'strict')) out[`${NAMESPACE}/${r.meta.id}`] = eslintSeverity(r.meta.severity);
  }
  return out;
}

export const plugin: ESLint.Plugin & { configs: Record<string, Linter.Config | Linter.Config[]> } = {
  meta: { name: '@obslint/eslint-plugin', version: VERSION, namespace: NAMESPACE },
  rules,
  configs: {},
};

const CODE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];
export const JSON_FILES = ['**/*.json'];
export const YAML_FILES = ['**/*.{yaml,yml}'];
export const EXPOSITION_FILES = ['**/*.{prom,metrics,openmetrics}'];
/** JSON-with-comments files that are never dashboards. */
const JSONC_FILES = ['**/tsconfig*.json', '**/jsconfig*.json', '**/.vscode/**', '**/.devcontainer/**', '**/package-lock.json'];

const plugins = { [NAMESPACE]: plugin };

function documentConfigs(preset: PresetLevel): Linter.Config[] {
  const suffix = preset === 'strict' ? '-strict' : '';
  const docRules = presetRules(documentRules, preset);
  return [
    {
      name: `obslint/dashboards${suffix}`,
      files: JSON_FILES,
      ignores: JSONC_FILES,
      plugins: { json: json as unknown as ESLint.Plugin, ...plugins },
      // JSONC accepts comments and trailing commas, so obslint itself reports them as parse-error, like the CLI
      language: 'json/jsonc',
      languageOptions: { allowTrailingCommas: true },
      rules: docRules,
    },
    { name: `obslint/rules${suffix}`, files: YAML_FILES, plugins, languageOptions: { parser: yamlParser }, rules: docRules },
    { name: `obslint/exposition${suffix}`, files: EXPOSITION_FILES, plugins, languageOptions: { parser: textParser }, rules: docRules },
  ];
}

const [dashboards, ruleFiles, exposition] = documentConfigs('recommended');

plugin.configs.recommended = { name: 'obslint/recommended', files: CODE_FILES, plugins, rules: presetRules(codeRules, 'recommended') };
plugin.configs.strict = { name: 'obslint/strict', files: CODE_FILES, plugins, rules: presetRules(codeRules, 'strict') };
/** Dashboard JSON (and any JSON obslint recognises: ConfigMaps, operator CRDs) through `@eslint/json`. */
plugin.configs.dashboards = dashboards;
/** Prometheus/Loki rule files, PrometheusRule CRDs, Alertmanager config and YAML-embedded dashboards. */
plugin.configs.rules = ruleFiles;
/** Prometheus exposition / OpenMetrics snapshots. */
plugin.configs.exposition = exposition;
/** All document configs: `...obslint.configs.documents` (recommended presets). */
plugin.configs.documents = [dashboards, ruleFiles, exposition];
plugin.configs['documents-strict'] = documentConfigs('strict');
/** Code and documents, recommended: `...obslint.configs.editor`. */
plugin.configs.editor = [plugin.configs.recommended, ...plugin.configs.documents];
