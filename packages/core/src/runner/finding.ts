import { hash } from 'node:crypto';
import type { Severity, TextEdit } from '../rule/types.js';

/** One finding, as every formatter sees it. Lines and columns are 1-based; endColumn is exclusive. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId?: string;
  /** Absolute path. */
  filePath: string;
  /** Path relative to the run's root, forward slashes. */
  relPath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** JSON pointer of the node, for JSON/YAML findings. */
  pointer?: string;
  /** Semantic entity (dashboard uid/panel id, group/alert name, metric name, code function). */
  entity?: string;
  /** Stable identity made of rule id, file and entity — never line numbers. */
  fingerprint: string;
  fix?: TextEdit[];
  /** Whether the finding came from a document rule or from ESLint (code). */
  origin: 'document' | 'code' | 'tool';
}

/** A stable fingerprint from rule id, file and a semantic key (entity, pointer or message). */
export function makeFingerprint(ruleId: string, relPath: string, key: string): string {
  // One-shot hashing (no Hash object per finding): the first 32 hex digits of the SHA-256. Hex straight from
  // the hash and sliced: three times as fast as going through a Buffer, whose allocation cost more than the
  // hashing (the slice keeps a 64-character digest alive, which costs less than the Buffer did).
  return hash('sha256', `${ruleId}\u0000${relPath}\u0000${key}`).slice(0, 32);
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export interface FindingCounts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const c = { errorCount: 0, warningCount: 0, infoCount: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errorCount++;
    else if (f.severity === 'warning') c.warningCount++;
    else c.infoCount++;
  }
  return c;
}

/**
 * Fingerprints made unique within a run: findings that share a fingerprint (same rule, file and entity) are
 * told apart by their order in the file — the n-th (n ≥ 2) gets `:n` — never by line numbers. Expects
 * findings in file order (as `compareFindings` sorts them); returns one id per finding, in input order.
 */
export function occurrenceFingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    return n === 1 ? f.fingerprint : `${f.fingerprint}:${n}`;
  });
}
