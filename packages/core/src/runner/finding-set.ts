import type { SourceFile } from '../source/source-file.js';
import { countFindings, type Finding, type FindingCounts } from './finding.js';
import type { FindingStore } from './finding-store.js';
import { compareFilesByRelPath, finalizeFileFindings, type FinalizeContext } from './finalize.js';

/**
 * Findings a file at a time, in report order: what streaming formatters read, so a report with hundreds of
 * thousands of findings is never held whole.
 */
export interface FindingSource {
  /** Files that may have findings (absolute paths), ordered by relative path as findings are. */
  readonly files: readonly string[];
  /** One file's findings, sorted (empty for a file without any). */
  of(filePath: string): readonly Finding[];
  /**
   * The rules that may have findings, known before any file is read (formats that describe their rules
   * before the results, such as SARIF): every rule with a finding is in it, and possibly rules whose
   * findings are all suppressed or filtered out.
   */
  ruleIds(): Iterable<string>;
}

/** A source over findings already in memory (sorted as `compareFindings` sorts them). */
export function findingSourceOf(findings: readonly Finding[]): FindingSource {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.filePath);
    if (list) list.push(f);
    else byFile.set(f.filePath, [f]);
  }
  return { files: [...byFile.keys()], of: (p) => byFile.get(p) ?? [], ruleIds: () => new Set(findings.map((f) => f.ruleId)) };
}

/** Only the findings `keep` accepts (`--quiet`: errors only), of the files `keepFile` accepts. */
export function filterFindingSource(source: FindingSource, keep?: (f: Finding) => boolean, keepFile?: (filePath: string) => boolean): FindingSource {
  return {
    files: keepFile ? source.files.filter(keepFile) : source.files,
    of: (p) => (keepFile && !keepFile(p) ? [] : keep ? source.of(p).filter(keep) : source.of(p)),
    ruleIds: () => source.ruleIds(),
  };
}

/** What `capFindingSource` kept and left out. */
export interface CappedFindings {
  source: FindingSource;
  kept: number;
  omitted: number;
}

const SEVERITY_ORDER = ['error', 'warning', 'info'] as const;

/**
 * At most `max` findings, the most severe first (a consumer with a limit, such as GitHub code scanning's
 * 25,000 results per SARIF run): every finding of the severities that fit whole, then, of the first severity
 * that does not, the first ones in file order (files by path, findings as sorted) until `max`. Deterministic,
 * and the kept findings stay sorted. One counting pass reads every file once.
 */
export function capFindingSource(source: FindingSource, max: number): CappedFindings {
  const perFile: Array<[string, FindingCounts]> = [];
  const total = { error: 0, warning: 0, info: 0 };
  for (const path of source.files) {
    const c = countFindings(source.of(path));
    perFile.push([path, c]);
    total.error += c.errorCount;
    total.warning += c.warningCount;
    total.info += c.infoCount;
  }
  const all = total.error + total.warning + total.info;
  if (all <= max) return { source, kept: all, omitted: 0 };
  let room = max;
  let cut = 0; // index in SEVERITY_ORDER of the first severity that does not fit whole
  while (cut < SEVERITY_ORDER.length && total[SEVERITY_ORDER[cut]] <= room) room -= total[SEVERITY_ORDER[cut++]];
  const cutKey = (['errorCount', 'warningCount', 'infoCount'] as const)[cut];
  /** Of the cut severity: how many of each file's findings are kept (files not named: none). */
  const keepOf = new Map<string, number>();
  for (const [path, c] of perFile) {
    if (room === 0) break;
    const n = Math.min(c[cutKey], room);
    if (n === 0) continue;
    keepOf.set(path, n);
    room -= n;
  }
  const rank = (f: Finding) => SEVERITY_ORDER.indexOf(f.severity);
  const capped: FindingSource = {
    files: source.files,
    of(path) {
      const keep = keepOf.get(path) ?? 0;
      let seen = 0;
      // The file's findings come sorted, the same each time: its first `keep` of the cut severity are kept.
      return source.of(path).filter((f) => rank(f) < cut || (rank(f) === cut && seen++ < keep));
    },
    ruleIds: () => source.ruleIds(),
  };
  return { source: capped, kept: max, omitted: all - max };
}

/** A source that can also count its findings by severity (the exit code needs them). */
export interface CountedFindingSource extends FindingSource {
  counts(): FindingCounts;
}

/** Counts per file, noted as files are read, so a file a writer has read is not read again to count it. */
class PerFileCounts {
  private readonly perFile = new Map<string, FindingCounts>();

  note(filePath: string, findings: readonly Finding[]): void {
    if (!this.perFile.has(filePath)) this.perFile.set(filePath, countFindings(findings));
  }

  /** The counts over `files`; a file not read yet is read once (`read` notes it). */
  total(files: readonly string[], read: (filePath: string) => unknown): FindingCounts {
    const total: FindingCounts = { errorCount: 0, warningCount: 0, infoCount: 0 };
    for (const p of files) {
      if (!this.perFile.has(p)) read(p);
      const c = this.perFile.get(p)!;
      total.errorCount += c.errorCount;
      total.warningCount += c.warningCount;
      total.infoCount += c.infoCount;
    }
    return total;
  }
}

/** `source`, counted as it is read. */
export function countedSource(source: FindingSource): CountedFindingSource {
  const counts = new PerFileCounts();
  const of = (p: string) => {
    const fs = source.of(p);
    counts.note(p, fs);
    return fs;
  };
  return { files: source.files, of, ruleIds: () => source.ruleIds(), counts: () => counts.total(source.files, of) };
}

/** Every finding of a source, in report order. */
export function findingsOfSource(source: FindingSource): Finding[] {
  const out: Finding[] = [];
  for (const p of source.files) for (const f of source.of(p)) out.push(f);
  return out;
}

/**
 * A run's findings as reported, finalised a file at a time from the run's store (spilled findings are read
 * back per file; nothing is held after a file is given out). Reading a file again gives the same findings.
 */
export class FindingSet implements CountedFindingSource {
  readonly files: readonly string[];
  private readonly sources: Map<string, SourceFile>;
  private readonly perFile = new PerFileCounts();

  constructor(
    private readonly store: FindingStore,
    sources: readonly SourceFile[],
    private readonly ctx: FinalizeContext,
    /** Keeps only the findings this run reports (`--shard`). */
    private readonly keep?: (f: Finding) => boolean,
  ) {
    this.sources = new Map(sources.map((s) => [s.path, s]));
    const files = new Map(store.files());
    for (const s of sources) if (!files.has(s.path)) files.set(s.path, s.relPath);
    this.files = [...files].sort(compareFilesByRelPath).map(([p]) => p);
  }

  of(filePath: string): Finding[] {
    let out = finalizeFileFindings(this.store.read(filePath), this.sources.get(filePath), this.ctx);
    if (this.keep) out = out.filter(this.keep);
    this.perFile.note(filePath, out);
    return out;
  }

  ruleIds(): Iterable<string> {
    return this.store.ruleIds();
  }

  /** Findings by severity over the whole run (files not given out yet are finalised once to count them). */
  counts(): FindingCounts {
    return this.perFile.total(this.files, (p) => this.of(p));
  }

  /** Every finding, in report order (all of them in memory). */
  toArray(): Finding[] {
    return findingsOfSource(this);
  }

  /** Removes the run's spill file; the set must not be read afterwards. */
  dispose(): void {
    this.store.dispose();
  }
}
