import { ruleDocsUrl } from '../rule/types.js';
import type { Severity } from '../rule/types.js';
import type { Finding } from '../runner/finding.js';
import { TOOL_HOME_URL, jsonText, utf8Column } from './ci-common.js';
import type { FormatContext } from './types.js';

const RDJSON_SEVERITY: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

/**
 * reviewdog Diagnostic Format (rdjson): one DiagnosticResult with a diagnostic per finding. Columns are
 * 1-based UTF-8 byte offsets as reviewdog counts them (computed from the file when it can be read).
 */
export function formatRdjson(ctx: FormatContext): string {
  const lineCache = new Map<string, string[] | undefined>();
  const lineText = (f: Finding, line: number) => {
    if (!lineCache.has(f.filePath)) lineCache.set(f.filePath, ctx.readSource?.(f.filePath)?.split(/\r\n|[\r\n\u2028\u2029]/));
    return lineCache.get(f.filePath)?.[line - 1];
  };
  return jsonText({
    source: { name: 'obslint', url: TOOL_HOME_URL },
    diagnostics: ctx.findings.map((f) => ({
      message: f.message,
      location: {
        path: f.relPath,
        range: {
          start: { line: f.line, column: utf8Column(lineText(f, f.line), f.column) },
          end: { line: f.endLine, column: utf8Column(lineText(f, f.endLine), f.endColumn) },
        },
      },
      severity: RDJSON_SEVERITY[f.severity],
      code: { value: f.ruleId, url: ruleDocsUrl(f.ruleId) },
    })),
  });
}
