import type { Finding } from '../runner/finding.js';
import type { FormatContext } from './types.js';

const ESLINT_SEVERITY = { info: 0, warning: 1, error: 2 } as const;

/** ESLint-compatible JSON: one entry per file, plus obslint fields (pointer, entity, fingerprint) on each message. */
export function formatJson(ctx: FormatContext): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of ctx.files) byFile.set(f, []);
  for (const f of ctx.findings) {
    if (!byFile.has(f.filePath)) byFile.set(f.filePath, []);
    byFile.get(f.filePath)!.push(f);
  }
  const out = [...byFile.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([filePath, fs]) => ({
      filePath,
      messages: fs.map((f) => ({
        ruleId: f.ruleId,
        severity: ESLINT_SEVERITY[f.severity],
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        ...(f.messageId ? { messageId: f.messageId } : {}),
        ...(f.pointer !== undefined ? { pointer: f.pointer } : {}),
        ...(f.entity !== undefined ? { entity: f.entity } : {}),
        fingerprint: f.fingerprint,
      })),
      errorCount: fs.filter((f) => f.severity === 'error').length,
      warningCount: fs.filter((f) => f.severity === 'warning').length,
      infoCount: fs.filter((f) => f.severity === 'info').length,
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      suppressedMessages: [],
      usedDeprecatedRules: [],
    }));
  return JSON.stringify(out, null, 2) + '\n';
}
