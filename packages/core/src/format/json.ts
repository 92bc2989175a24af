import type { Finding } from '../runner/finding.js';
import type { FormatContext } from './types.js';

const ESLINT_SEVERITY = { info: 0, warning: 1, error: 2 } as const;

/** ESLint-compatible JSON: one entry per file, plus obslint fields (pointer, entity, fingerprint) on each message. */
export function formatJson(ctx: FormatContext): string {
  let out = '';
  for (const chunk of formatJsonChunks(ctx)) out += chunk;
  return out;
}

/**
 * The same text as `formatJson`, one file's entry at a time: a writer can stream a large report without
 * ever holding it whole (the 4x benchmark corpus gives 200 MB of JSON).
 */
export function* formatJsonChunks(ctx: FormatContext): Generator<string> {
  const byFile = new Map<string, Finding[]>();
  for (const f of ctx.files) byFile.set(f, []);
  for (const f of ctx.findings) {
    if (!byFile.has(f.filePath)) byFile.set(f.filePath, []);
    byFile.get(f.filePath)!.push(f);
  }
  const paths = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (paths.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (let i = 0; i < paths.length; i++) {
    const entry = fileEntry(paths[i], byFile.get(paths[i])!);
    byFile.delete(paths[i]);
    // Exactly what JSON.stringify(entries, null, 2) writes for this element (strings never hold raw newlines).
    yield `  ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n  ')}${i < paths.length - 1 ? ',' : ''}\n`;
  }
  yield ']\n';
}

function fileEntry(filePath: string, fs: Finding[]) {
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
    errorCount: fs.filter((f) => f.severity === 'error').length,
    warningCount: fs.filter((f) => f.severity === 'warning').length,
    infoCount: fs.filter((f) => f.severity === 'info').length,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    suppressedMessages: [],
    usedDeprecatedRules: [],
  };
}
