import type { Rule } from 'eslint';
import type { Finding } from '@obslint/core';
import { ruleDocsUrl, type AnyRule } from '@obslint/core/code';
import { isDocumentFile } from './document-files.js';
import { documentFindings } from './documents.js';

/**
 * ESLint's location for a finding. obslint's lines and columns are 1-based with an exclusive end column;
 * ESLint's JavaScript language (YAML and text parsers included) counts columns from 0, while the JSON
 * language counts them from 1, so the same finding shows at the same place as in the CLI.
 */
export function findingLoc(f: Finding, columnStart: 0 | 1): { start: { line: number; column: number }; end: { line: number; column: number } } {
  const shift = 1 - columnStart;
  return {
    start: { line: f.line, column: f.column - shift },
    end: { line: f.endLine, column: Math.max(f.endColumn, f.endLine === f.line ? f.column : 1) - shift },
  };
}

/**
 * True when ESLint is linting a document, not code: the JSON language, obslint's YAML and text parsers, or
 * another plugin's parser for the same files (eslint-plugin-jsonc's, say, when its config comes after
 * obslint's): the document rules only read the file's text, whoever parsed it.
 */
export function isDocument(context: Rule.RuleContext): boolean {
  const sc = context.sourceCode;
  if ((sc.ast as { type: string }).type === 'Document' || (sc.parserServices as { obslintDocument?: boolean } | undefined)?.obslintDocument === true) return true;
  return isDocumentFile(context.filename);
}

/** The columnStart of the language in use: JSON's AST root is `Document` (columns from 1). */
function columnStart(context: Rule.RuleContext): 0 | 1 {
  return (context.sourceCode.ast as { type: string }).type === 'Document' ? 1 : 0;
}

/**
 * The ESLint rule for a document rule id: on a document it reports that rule's findings from `lintText`;
 * on code it delegates to the rule's own ESLint face when it has one (e.g. `metric/high-cardinality-label`).
 */
export function documentEslintRule(rule: Pick<AnyRule, 'meta'>, codeFace?: Rule.RuleModule): Rule.RuleModule {
  const id = rule.meta.id;
  const schema = rule.meta.schema ? [{ type: 'object', additionalProperties: false, ...rule.meta.schema }] : [];
  return {
    meta: {
      type: rule.meta.severity === 'error' ? 'problem' : 'suggestion',
      docs: { description: rule.meta.description, url: ruleDocsUrl(id), recommended: rule.meta.preset === 'recommended' },
      messages: { ...(codeFace?.meta?.messages ?? {}), finding: '{{message}}' },
      // a rule with a code face keeps that face's option schema (the CLI passes the same options to both)
      schema: codeFace?.meta?.schema ?? (schema as never),
      ...(codeFace?.meta?.hasSuggestions ? { hasSuggestions: true } : {}),
      ...(codeFace?.meta?.fixable ? { fixable: codeFace.meta.fixable } : {}),
    },
    create(context) {
      if (!isDocument(context)) return codeFace ? codeFace.create(context) : {};
      const findings = documentFindings({
        sourceCode: context.sourceCode,
        path: context.physicalFilename ?? context.filename,
        cwd: context.cwd,
        ruleId: id,
        options: context.options[0] as Record<string, unknown> | undefined,
      });
      const start = columnStart(context);
      for (const f of findings) context.report({ loc: findingLoc(f, start), messageId: 'finding', data: { message: f.message } });
      return {};
    },
  };
}
