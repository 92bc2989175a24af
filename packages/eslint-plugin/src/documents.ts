import { createRequire } from 'node:module';

type DocumentSupport = typeof import('./document-support.js');

let support: DocumentSupport | undefined;

// Node cannot require TypeScript: run from the sources (the tests), the support is imported up front.
if (import.meta.url.endsWith('.ts')) support = await import('./document-support.js');

/**
 * The document support (`document-support.ts`), loaded the first time a document rule, config or parser
 * needs it. ESLint asks for rules, configs and parsers synchronously, so it is loaded with require(),
 * which loads ES modules since Node 20.19. It is required by package name (the `./document-support`
 * export), not by a path relative to this module: the CLI's bundle holds this module but not the support.
 */
export function documentSupport(): DocumentSupport {
  return (support ??= createRequire(import.meta.url)('@obslint/eslint-plugin/document-support') as DocumentSupport);
}

/** See `documentConfig` in document-lint.ts. */
export const documentConfig: DocumentSupport['documentConfig'] = (...args) => documentSupport().documentConfig(...args);
/** See `documentFindings` in document-lint.ts. */
export const documentFindings: DocumentSupport['documentFindings'] = (...args) => documentSupport().documentFindings(...args);
/** See `clearDocumentConfigs` in document-lint.ts. */
export const clearDocumentConfigs: DocumentSupport['clearDocumentConfigs'] = () => documentSupport().clearDocumentConfigs();
