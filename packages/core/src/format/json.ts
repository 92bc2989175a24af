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
    const fs = byFile.get(paths[i])!;
    byFile.delete(paths[i]);
    yield `${entryText(paths[i], fs)}${i < paths.length - 1 ? ',' : ''}\n`;
  }
  yield ']\n';
}

/**
 * One file's entry, written out directly: exactly the text JSON.stringify(entries, null, 2) gives for this
 * element (the test compares them), without building the entry object and re-indenting its text.
 */
function entryText(filePath: string, fs: Finding[]): string {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const parts: Array<string | number> = [];
  for (let k = 0; k < fs.length; k++) {
    const f = fs[k];
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
    parts.push(k === 0 ? '      {\n        "ruleId": ' : ',\n      {\n        "ruleId": ', JSON.stringify(f.ruleId), ',\n        "severity": ', ESLINT_SEVERITY[f.severity]);
    parts.push(',\n        "message": ', JSON.stringify(f.message), ',\n        "line": ', f.line, ',\n        "column": ', f.column);
    parts.push(',\n        "endLine": ', f.endLine, ',\n        "endColumn": ', f.endColumn);
    if (f.messageId) parts.push(',\n        "messageId": ', JSON.stringify(f.messageId));
    if (f.pointer !== undefined) parts.push(',\n        "pointer": ', JSON.stringify(f.pointer));
    if (f.entity !== undefined) parts.push(',\n        "entity": ', JSON.stringify(f.entity));
    parts.push(',\n        "fingerprint": ', JSON.stringify(f.fingerprint), '\n      }');
  }
  return (
    `  {\n    "filePath": ${JSON.stringify(filePath)},\n    "messages": ${fs.length ? `[\n${parts.join('')}\n    ]` : '[]'},\n` +
    `    "errorCount": ${errors},\n    "warningCount": ${warnings},\n    "infoCount": ${infos},\n    "fatalErrorCount": 0,\n` +
    `    "fixableErrorCount": 0,\n    "fixableWarningCount": 0,\n    "suppressedMessages": [],\n    "usedDeprecatedRules": []\n  }`
  );
}
