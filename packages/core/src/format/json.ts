import type { Finding } from '../runner/finding.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import type { FormatContext, StreamFormatContext } from './types.js';

const ESLINT_SEVERITY = { info: 0, warning: 1, error: 2 } as const;

/** ESLint-compatible JSON: one entry per file, plus obslint fields (pointer, entity, fingerprint) on each message. */
export function formatJson(ctx: FormatContext): string {
  let out = '';
  for (const chunk of formatJsonChunks(ctx, findingSourceOf(ctx.findings))) out += chunk;
  return out;
}

/**
 * Findings per batch of entries stringified at once. It bounds what the writer holds at a time, and keeps
 * each piece (about 100 KB) below the size V8 allocates in its large-object space, where pieces would stay
 * until the next full collection instead of going with the next minor one.
 */
const BATCH_FINDINGS = 200;

/**
 * The same text as `formatJson`, a batch of file entries at a time: a writer can stream a large report
 * without ever holding it whole (the 4x benchmark corpus gives 200 MB of JSON).
 */
export function* formatJsonChunks(ctx: StreamFormatContext, source: FindingSource): Generator<string> {
  const withFindings = new Set(source.files);
  const paths = [...new Set([...ctx.files, ...source.files])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (paths.length === 0) {
    yield '[]\n';
    return;
  }
  // JSON.stringify(batch, null, 2) is "[\n" + the entries exactly as they stand in the whole report + "\n]":
  // batches are stringified natively and joined with ",\n".
  let batch: object[] = [];
  let size = 0;
  let first = true;
  const flush = (): string => {
    const text = JSON.stringify(batch, null, 2);
    const chunk = `${first ? '[\n' : ',\n'}${text.slice(2, -2)}`;
    first = false;
    batch = [];
    size = 0;
    return chunk;
  };
  for (const path of paths) {
    const fs = withFindings.has(path) ? source.of(path) : [];
    batch.push(fileEntry(path, fs));
    size += fs.length + 1;
    if (size >= BATCH_FINDINGS) yield flush();
  }
  if (batch.length) yield flush();
  yield '\n]\n';
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
