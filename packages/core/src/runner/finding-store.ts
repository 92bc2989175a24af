import { SpillFile } from '../util/spill-file.js';
import type { Finding } from './finding.js';
import { findingOfTuple, findingTuple, type FindingTuple } from './finding-tuple.js';

/** Findings held in memory before a run starts writing them to its spill file (about 6 MB of findings). */
export const DEFAULT_SPILL_ABOVE = 10_000;

export interface FindingStoreOptions {
  /** Findings held in memory before they are written to the spill file (`Infinity`: never). */
  spillAbove?: number;
  /** The run's spill file (one is made, in the system's temporary directory, when not given). */
  spill?: SpillFile;
  /** Where a spill file of its own is created (the system's temporary directory). */
  dir?: string;
}

/**
 * A run's findings, grouped by file. Up to `spillAbove` are held in memory; beyond that they are written to
 * the run's spill file (a JSON array of tuples per file and batch) and read back one file at a time, so a
 * run with hundreds of thousands of findings keeps its heap flat. If the file cannot be written, findings
 * stay in memory: nothing is lost.
 */
/** Findings of a file added before its held ones: written to the spill file, or kept as given. */
type Part = { offset: number; length: number } | { tuples: readonly FindingTuple[] } | { findings: Finding[] };

export class FindingStore {
  private readonly held = new Map<string, Finding[]>();
  private readonly relPaths = new Map<string, string>();
  private readonly ruleIdSet = new Set<string>();
  /** Older findings per file, in the order they were added (the held ones come after them). */
  private readonly parts = new Map<string, Part[]>();
  private readonly spillAbove: number;
  private readonly spill: SpillFile;
  private heldCount = 0;
  private total = 0;
  private spillCount = 0;
  private spillFailed = false;

  constructor(opts: FindingStoreOptions = {}) {
    this.spillAbove = opts.spillAbove ?? DEFAULT_SPILL_ABOVE;
    this.spill = opts.spill ?? new SpillFile(opts.dir);
  }

  /** How many findings were added. */
  get size(): number {
    return this.total;
  }

  /** Whether some findings were written to the spill file. */
  get spilled(): boolean {
    return this.spillCount > 0;
  }

  add(f: Finding): void {
    let list = this.held.get(f.filePath);
    if (!list) {
      this.held.set(f.filePath, (list = []));
      if (!this.relPaths.has(f.filePath)) this.relPaths.set(f.filePath, f.relPath);
    }
    list.push(f);
    this.ruleIdSet.add(f.ruleId);
    this.total++;
    if (++this.heldCount > this.spillAbove) this.flush();
  }

  addAll(findings: readonly Finding[]): void {
    for (let i = 0; i < findings.length; i++) this.add(findings[i]);
  }

  /**
   * A file's findings as the cache keeps them (tuples): held as they are and turned into findings only when
   * read, so a re-run from the cache does not build, write and read back what it already has in memory.
   */
  addTuples(filePath: string, relPath: string, tuples: readonly FindingTuple[]): void {
    if (tuples.length === 0) return;
    if (!this.relPaths.has(filePath)) this.relPaths.set(filePath, relPath);
    this.keepHeldFirst(filePath);
    this.partsOf(filePath).push({ tuples });
    for (let i = 0; i < tuples.length; i++) this.ruleIdSet.add(tuples[i][0]);
    this.total += tuples.length;
  }

  /**
   * A file's findings as the JSON text of their tuples (from a worker thread): written to the spill file as
   * they are (decoded when the file is read); kept as decoded tuples when the store never spills
   * (`spillAbove: Infinity`) or the spill file cannot be written.
   */
  addTuplesJson(filePath: string, relPath: string, findings: { tuples: string; count: number; ruleIds: readonly string[] }): void {
    if (findings.count === 0) return;
    if (!this.relPaths.has(filePath)) this.relPaths.set(filePath, relPath);
    this.keepHeldFirst(filePath);
    const refs = this.spillFailed || this.spillAbove === Infinity ? undefined : this.spill.write([findings.tuples]);
    if (refs) {
      this.partsOf(filePath).push(refs[0]);
      this.spillCount += findings.count;
    } else {
      if (this.spillAbove !== Infinity) this.spillFailed = true;
      this.partsOf(filePath).push({ tuples: JSON.parse(findings.tuples) as FindingTuple[] });
    }
    for (const id of findings.ruleIds) this.ruleIdSet.add(id);
    this.total += findings.count;
  }

  /** Findings of `filePath` held in memory become a part of their own, so findings added now come after them. */
  private keepHeldFirst(filePath: string): void {
    const held = this.held.get(filePath);
    if (!held) return;
    this.partsOf(filePath).push({ findings: held });
    this.held.delete(filePath);
    this.heldCount -= held.length;
  }

  /** The rules that have findings (before suppressions and severities are applied). */
  ruleIds(): ReadonlySet<string> {
    return this.ruleIdSet;
  }

  /** Every file with findings (absolute paths), with the relative path of its first finding. */
  files(): Map<string, string> {
    return this.relPaths;
  }

  /** One file's findings, in the order they were added (spilled ones read back). */
  read(filePath: string): Finding[] {
    const parts = this.parts.get(filePath);
    const held = this.held.get(filePath);
    if (!parts) return held ? held.slice() : [];
    const relPath = this.relPaths.get(filePath)!;
    const out: Finding[] = [];
    for (const part of parts) {
      if ('findings' in part) for (const f of part.findings) out.push(f);
      else {
        const tuples = 'tuples' in part ? part.tuples : (JSON.parse(this.spill.read(part)) as FindingTuple[]);
        for (const t of tuples) out.push(findingOfTuple(t, filePath, relPath));
      }
    }
    if (held) for (const f of held) out.push(f);
    return out;
  }

  private partsOf(filePath: string): Part[] {
    let parts = this.parts.get(filePath);
    if (!parts) this.parts.set(filePath, (parts = []));
    return parts;
  }

  /** Writes the findings held in memory to the spill file (kept in memory if it cannot be written). */
  private flush(): void {
    if (this.spillFailed) return;
    const paths = [...this.held.keys()];
    const refs = this.spill.write(paths.map((p) => JSON.stringify(this.held.get(p)!.map((f) => findingTuple(f, p, this.relPaths.get(p)!)))));
    if (!refs) {
      // No room or no temporary directory: hold everything in memory from here on.
      this.spillFailed = true;
      return;
    }
    paths.forEach((path, i) => this.partsOf(path).push(refs[i]));
    this.spillCount += this.heldCount;
    this.held.clear();
    this.heldCount = 0;
  }

  /** Closes and removes the spill file. The store must not be read afterwards. */
  dispose(): void {
    this.spill.dispose();
  }
}
