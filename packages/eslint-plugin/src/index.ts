export { plugin, plugin as default, NAMESPACE, VERSION, eslintSeverity, JSON_FILES, YAML_FILES, EXPOSITION_FILES } from './plugin.js';
export { documentEslintRule, findingLoc, isDocument } from './document-rules.js';
export { documentConfig, documentFindings, clearDocumentConfigs } from './documents.js';
export { textParser, yamlParser } from './parsers.js';
