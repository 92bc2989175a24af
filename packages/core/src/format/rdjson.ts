import { ruleDocsUrl } from '../rule/types.js';
import type { Severity } from '../rule/types.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import { STREAMED_VALUE, TOOL_HOME_URL, jsonTextChunks, utf8Column } from './ci-common.js';
import type { FormatContext, StreamFormatContext } from './types.js';

const RDJSON_SEVERITY: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

/**
 * reviewdog Diagnostic Format (rdjson): one DiagnosticResult with a diagnostic per finding. Columns are
 * 1-based UTF-8 byte offsets as reviewdog counts them (computed from the file when it can be read).
 */
export function formatRdjson(ctx: FormatContext): string {
  return [...formatRdjsonChunks(ctx, findingSourceOf(ctx.findings))].join('');
}

/** The same text as `formatRdjson`, read a file at a time (each file's text read once) and written a batch at a time. */
export function formatRdjsonChunks(ctx: StreamFormatContext, source: FindingSource): Iterable<string> {
  function* diagnostics() {
    for (const path of source.files) {
      const fs = source.of(path);
      if (fs.length === 0) continue;
      const lines = ctx.readSource?.(path)?.split(/\r\n|[\r\n\u2028\u2029]/);
      for (const f of fs) {
        yield {
          message: f.message,
          location: {
            path: f.relPath,
            range: {
              start: { line: f.line, column: utf8Column(lines?.[f.line - 1], f.column) },
              end: { line: f.endLine, column: utf8Column(lines?.[f.endLine - 1], f.endColumn) },
            },
          },
          severity: RDJSON_SEVERITY[f.severity],
          code: { value: f.ruleId, url: ruleDocsUrl(f.ruleId) },
        };
      }
    }
  }
  return jsonTextChunks({ source: { name: 'obslint', url: TOOL_HOME_URL }, diagnostics: STREAMED_VALUE }, diagnostics());
}
