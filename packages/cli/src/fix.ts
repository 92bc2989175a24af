import { readFileSync } from 'node:fs';
import { writeFileAtomic, type Finding, type TextEdit } from '@obslint/core';

export interface FixOutcome {
  /** Files changed (or that would change, in dry runs) with their new text. */
  changed: Map<string, { before: string; after: string; applied: Finding[] }>;
}

/**
 * Applies the document findings' fixes: minimal text edits, non-overlapping (an overlapping edit is left
 * for the next run), never on a file with a parse error. Leaves every other byte untouched.
 */
export function applyFixes(findings: Finding[], opts: { write: boolean }): FixOutcome {
  const broken = new Set(findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.filePath));
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.fix?.length || f.origin !== 'document' || broken.has(f.filePath)) continue;
    if (!byFile.has(f.filePath)) byFile.set(f.filePath, []);
    byFile.get(f.filePath)!.push(f);
  }
  const changed: FixOutcome['changed'] = new Map();
  for (const [path, fs] of byFile) {
    const before = readFileSync(path, 'utf8');
    const taken: TextEdit[] = [];
    const applied: Finding[] = [];
    for (const f of fs) {
      const edits = f.fix!;
      const overlaps = edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end));
      if (overlaps) continue;
      taken.push(...edits);
      applied.push(f);
    }
    taken.sort((a, b) => b.start - a.start);
    let after = before;
    for (const e of taken) after = after.slice(0, e.start) + e.text + after.slice(e.end);
    if (after === before) continue;
    if (opts.write) writeFileAtomic(path, after);
    changed.set(path, { before, after, applied });
  }
  return { changed };
}

/** A small line diff for --fix-dry-run. */
export function lineDiff(relPath: string, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const out = [`--- ${relPath}`, `+++ ${relPath} (fixed)`];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    out.push(`@@ line ${i + 1} @@`);
    if (a[i] !== undefined) out.push(`-${a[i]}`);
    if (b[i] !== undefined) out.push(`+${b[i]}`);
  }
  return out.join('\n') + '\n';
}
