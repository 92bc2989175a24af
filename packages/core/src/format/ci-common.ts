import type { Finding } from '../runner/finding.js';

/** Home page of the tool, for formats that name their source. */
export const TOOL_HOME_URL = 'https://github.com/obslint/obslint';

/** Findings grouped by repo-relative path, in first-seen order (findings arrive sorted by file). */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.relPath);
    if (list) list.push(f);
    else byFile.set(f.relPath, [f]);
  }
  return byFile;
}

/** One JSON document, pretty-printed, with a final newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Byte offset in UTF-8 of a UTF-16 column (both 1-based) on a line: what tools that count bytes expect. */
export function utf8Column(lineText: string | undefined, column: number): number {
  if (lineText === undefined) return column;
  return Buffer.byteLength(lineText.slice(0, Math.max(0, column - 1)), 'utf8') + 1;
}

