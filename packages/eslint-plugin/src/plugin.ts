import type { ESLint, Linter, Rule } from 'eslint';
import { codeDomainRules, type RuleFace } from '@obslint/rules/code';
import { hasEslintRule, type AnyRule, type SeveritySetting } from '@obslint/core/code';
import { DOCUMENT_RULE_IDS } from './document-rule-ids.js';
import { documentEslintRule } from './document-rules.js';
import { EXPOSITION_FILES, JSON_FILES, YAML_FILES } from './document-files.js';
import { documentSupport } from './documents.js';
import { textParser } from './parsers.js';

/**
 * ESLint resolves a rule id whose plugin name starts with `@` at the last slash, so rule names with a
 * slash need an unscoped namespace: rules are `obslint/log/structured-message`, `obslint/dashboard/max-panels`.
 */
export const NAMESPACE = 'obslint';
export const VERSION = '0.1.0';

/**
 * Importing the plugin loads the code rules only (`@obslint/rules/code`): ESLint runs on code load it every
 * time. The document rules, the JSON language and the YAML parser load on first use (see `documentSupport`).
 */
const codeRules = codeDomainRules.filter((r) => hasEslintRule(r as AnyRule));
const faces = new Map<string, RuleFace>(codeDomainRules.map((r) => [r.meta.id, r]));

const rules: Record<string, Rule.RuleModule> = {};
// Document rules (and tool findings such as parse-error) run on JSON/YAML/exposition files through lintText;
// a document rule that also has a code face keeps serving code with it.
for (const r of codeRules) rules[r.meta.id] = r.kind === 'document' ? documentEslintRule(r, r.eslint as Rule.RuleModule | undefined) : (r.eslint as Rule.RuleModule);
for (const id of DOCUMENT_RULE_IDS) {
  const face = faces.get(id);
  if (face) rules[id] ??= documentEslintRule(face, face.eslint as Rule.RuleModule | undefined);
  else lazyProperty(rules, id, () => documentEslintRule(documentRule(id)));
}

function documentRule(id: string): AnyRule {
  const rule = documentSupport().documentRules.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`obslint: no document rule ${id}`);
  return rule;
}

/** Defines `key` on `target` as computed on first read (then kept as a plain property). */
function lazyProperty<T>(target: Record<string, T>, key: string, compute: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

/** obslint severities in ESLint terms: info has no ESLint level, so it runs as a warning. */
export function eslintSeverity(s: SeveritySetting): Linter.RuleSeverity {
  return s === 'off' ? 'off' : s === 'error' ? 'error' : 'warn';
}

type PresetLevel = 'recommended' | 'strict';

function presetRules(from: readonly RuleFace[], preset: PresetLevel): Linter.RulesRecord {
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
export { JSON_FILES, YAML_FILES, EXPOSITION_FILES } from './document-files.js';
/** JSON-with-comments files that are never dashboards. */
const JSONC_FILES = ['**/tsconfig*.json', '**/jsconfig*.json', '**/.vscode/**', '**/.devcontainer/**', '**/package-lock.json'];

const plugins = { [NAMESPACE]: plugin };

function documentConfigs(preset: PresetLevel): Linter.Config[] {
  const { documentRules } = documentSupport();
  const suffix = preset === 'strict' ? '-strict' : '';
  const docRules = presetRules(documentRules, preset);
  return [
    // Documents go through the text parser: the document rules read the text with obslint's own parsers, and
    // building ESLint's tree of it took most of a large file's lint (JSON with @eslint/json: three quarters;
    // a 730 KB rule file took 0.71 s with yaml-eslint-parser's tree, 0.20 s without). Text that does not parse
    // is obslint's parse-error, and ESLint's own directive comments in YAML do nothing, as in the CLI. Beside
    // a config that gives these files another language or parser, the rules still run (see isDocument).
    ...([['dashboards', JSON_FILES, JSONC_FILES], ['rules', YAML_FILES], ['exposition', EXPOSITION_FILES]] as const).map(([name, files, ignores]) => ({
      name: `obslint/${name}${suffix}`,
      files: [...files],
      ...(ignores ? { ignores } : {}),
      plugins,
      languageOptions: { parser: textParser },
      rules: docRules,
    })),
  ];
}

plugin.configs.recommended = { name: 'obslint/recommended', files: CODE_FILES, plugins, rules: presetRules(codeRules, 'recommended') };
plugin.configs.strict = { name: 'obslint/strict', files: CODE_FILES, plugins, rules: presetRules(codeRules, 'strict') };
// The document configs are made on first read: they need the document rules.
const documents = (): Linter.Config[] => plugin.configs.documents as Linter.Config[];
/** Dashboard JSON (and any JSON obslint recognises: ConfigMaps, operator CRDs), read as text by obslint. */
lazyProperty(plugin.configs, 'dashboards', () => documents()[0]);
/** Prometheus/Loki rule files, PrometheusRule CRDs, Alertmanager config and YAML-embedded dashboards. */
lazyProperty(plugin.configs, 'rules', () => documents()[1]);
/** Prometheus exposition / OpenMetrics snapshots. */
lazyProperty(plugin.configs, 'exposition', () => documents()[2]);
/** All document configs: `...obslint.configs.documents` (recommended presets). */
lazyProperty(plugin.configs, 'documents', () => documentConfigs('recommended'));
lazyProperty(plugin.configs, 'documents-strict', () => documentConfigs('strict'));
/** Code and documents, recommended: `...obslint.configs.editor`. */
lazyProperty(plugin.configs, 'editor', () => [plugin.configs.recommended as Linter.Config, ...documents()]);
