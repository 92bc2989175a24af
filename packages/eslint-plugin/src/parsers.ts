import type { Linter } from 'eslint';
import { documentSupport } from './documents.js';

/**
 * ESLint parsers for the document files obslint lints in the editor. Document rules only read the file's
 * text (they run obslint's own parsers through `lintText`), so the AST only has to exist:
 * - YAML goes through `yaml-eslint-parser`; a file it cannot parse (a Helm template, broken YAML) becomes an
 *   empty program instead of an ESLint parsing error, so obslint reports it the way the CLI does
 *   (`parse-error` at the error's position, or `file-skipped` for templates).
 * - Exposition snapshots (`*.prom`, `*.metrics`, `*.openmetrics`) are plain text.
 */
export function textProgram(text: string) {
  const lines = text.split(/\r\n|\r|\n/);
  return {
    type: 'Program' as const,
    body: [],
    sourceType: 'module' as const,
    comments: [],
    tokens: [],
    range: [0, text.length] as [number, number],
    loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines[lines.length - 1].length } },
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
