import type { Finding } from '../runner/finding.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import type { FormatContext, StreamFormatContext } from './types.js';
import { jsonTextChunks, STREAMED_VALUE } from './ci-common.js';

const ESLINT_SEVERITY = { info: 0, warning: 1, error: 2 } as const;

/** ESLint-compatible JSON: one entry per file, plus obslint fields (pointer, entity, fingerprint) on each message. */
export function formatJson(ctx: FormatContext): string {
  let out = '';
  for (const chunk of formatJsonChunks(ctx, findingSourceOf(ctx.findings))) out += chunk;
  return out;
}

/**
 * The same text as `formatJson`, a batch of file entries at a time: a writer can stream a large report
 * without ever holding it whole (the 4x benchmark corpus gives 200 MB of JSON).
 */
export function formatJsonChunks(ctx: StreamFormatContext, source: FindingSource): Iterable<string> {
  const withFindings = new Set(source.files);
  const paths = [...new Set([...ctx.files, ...source.files])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  function* entries() {
    for (const path of paths) yield fileEntry(path, withFindings.has(path) ? source.of(path) : []);
  }
  return jsonTextChunks(STREAMED_VALUE, entries(), { weight: (e) => (e as { messages: unknown[] }).messages.length + 1 });
}

function fileEntry(filePath: string, fs: readonly Finding[]) {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const f of fs) {
    if (f.severity === 'error') errorCount++;
    else if (f.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return {
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
    errorCount,
    warningCount,
    infoCount,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    suppressedMessages: [],
    usedDeprecatedRules: [],
  };
}
