/**
 * Everything the plugin needs for documents (dashboards, rule files, snapshots) and nothing code linting
 * needs: obslint's document rules and runner and the YAML parser. Loaded on first use
 * through `documentSupport()`, so ESLint runs that only lint code do not pay for it.
 */
export { documentRules } from '@obslint/rules';
export { parseForESLint as parseYaml } from 'yaml-eslint-parser';
export { documentConfig, documentFindings, clearDocumentConfigs } from './document-lint.js';
