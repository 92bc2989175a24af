import type { Finding } from './finding.js';

/**
 * A finding as a keyless tuple without the paths it shares with its file: how findings are written where
 * many are kept outside the heap (the cache, the spill file of a large run). Keys were half the size of a
 * finding's JSON, and the paths are stored once per file instead of once per finding.
 */
export type FindingTuple = [
  ruleId: string,
  severity: Finding['severity'],
  message: string,
  messageId: string | null,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  pointer: string | null,
  entity: string | null,
  fingerprint: string,
  origin: Finding['origin'],
  fix: Finding['fix'] | null,
  /** [filePath, relPath] when not the file's own. */
  paths: [string, string] | null,
];

/** The tuple of a finding stored with the file `filePath` (`relPath`). */
export function findingTuple(f: Finding, filePath: string, relPath: string): FindingTuple {
  const own = f.filePath === filePath && f.relPath === relPath;
  return [
    f.ruleId,
    f.severity,
    f.message,
    f.messageId ?? null,
    f.line,
    f.column,
    f.endLine,
    f.endColumn,
    f.pointer ?? null,
    f.entity ?? null,
    f.fingerprint,
    f.origin,
    f.fix ?? null,
    own ? null : [f.filePath, f.relPath],
  ];
}

/** The finding of a tuple stored with the file `filePath` (`relPath`). */
export function findingOfTuple(t: FindingTuple, filePath: string, relPath: string): Finding {
  const f: Finding = {
    ruleId: t[0],
    severity: t[1],
    message: t[2],
    filePath: t[13]?.[0] ?? filePath,
    relPath: t[13]?.[1] ?? relPath,
    line: t[4],
    column: t[5],
    endLine: t[6],
    endColumn: t[7],
    fingerprint: t[10],
    origin: t[11],
  };
  if (t[3] !== null) f.messageId = t[3];
  if (t[8] !== null) f.pointer = t[8];
  if (t[9] !== null) f.entity = t[9];
  if (t[12] !== null) f.fix = t[12];
  return f;
}
