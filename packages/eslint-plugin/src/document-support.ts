/**
 * Everything the plugin needs for documents (dashboards, rule files, snapshots) and nothing code linting
 * needs: obslint's document rules and runner, the JSON language and the YAML parser. Loaded on first use
 * through `documentSupport()`, so ESLint runs that only lint code do not pay for it.
 */
export { documentRules } from '@obslint/rules';
export { default as json } from '@eslint/json';
export { parseForESLint as parseYaml } from 'yaml-eslint-parser';
export { documentConfig, documentFindings, clearDocumentConfigs } from './document-lint.js';
