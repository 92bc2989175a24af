import type { SourceFile } from '../source/source-file.js';
import { makeFingerprint, type Finding } from './finding.js';

/** A finding of the tool itself (parse-error, file-skipped, rule-error, …) at an offset range of a file. */
export function toolFinding(file: SourceFile, ruleId: string, severity: Finding['severity'], message: string, start: number, end = start): Finding {
  const r = file.rangeOf(start, end);
  return {
    ruleId,
    severity,
    message,
    filePath: file.path,
    relPath: file.relPath,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    fingerprint: makeFingerprint(ruleId, file.relPath, message),
    origin: 'tool',
  };
}
