import type { Linter } from 'eslint';
import { documentSupport } from './documents.js';

/**
 * ESLint parsers for the document files obslint lints in the editor. Document rules only read the file's
 * text (they run obslint's own parsers through `lintText`), so the AST only has to exist: the document
 * configs give JSON, YAML and exposition snapshots the text parser, an empty program over the file. A file
 * that does not parse (broken JSON or YAML, a Helm template) is obslint's finding (`parse-error` at the
 * error's position, or `file-skipped` for templates), never an ESLint parsing error.
 * `yamlParser` (yaml-eslint-parser with the same fallback) stays exported for configs that want ESLint's tree
 * of a YAML file; the document configs used it until session 14.
 */
export function textProgram(text: string) {
  // The number of lines and the length of the last one (no array of lines: a document can be megabytes)
  let lines = 1;
  let lastStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lines++;
    lastStart = i + 1;
  }
  return {
    type: 'Program' as const,
    body: [],
    sourceType: 'module' as const,
    comments: [],
    tokens: [],
    range: [0, text.length] as [number, number],
    loc: { start: { line: 1, column: 0 }, end: { line: lines, column: text.length - lastStart } },
  };
}

const TEXT_VISITOR_KEYS = { Program: [] as string[] };

/** A parser that accepts any text: an empty program over the file (services mark it as an obslint document). */
export const textParser: Linter.Parser = {
  meta: { name: 'obslint/text', version: '0.1.0' },
  parseForESLint(text: string) {
    return { ast: textProgram(text) as never, visitorKeys: TEXT_VISITOR_KEYS, services: { obslintDocument: true } };
  },
};

/** yaml-eslint-parser, with the text program as fallback for files that are not valid YAML. */
export const yamlParser: Linter.Parser = {
  meta: { name: 'obslint/yaml', version: '0.1.0' },
  parseForESLint(text: string, options?: Record<string, unknown>) {
    const { parseYaml } = documentSupport();
    try {
      const r = parseYaml(text, options as never);
      return { ...r, ast: r.ast as never, services: { ...r.services, obslintDocument: true } } as never;
    } catch {
      return { ast: textProgram(text) as never, visitorKeys: TEXT_VISITOR_KEYS, services: { obslintDocument: true } };
    }
  },
};
