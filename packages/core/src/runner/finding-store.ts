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
export class FindingStore {
  private readonly held = new Map<string, Finding[]>();
  private readonly relPaths = new Map<string, string>();
  /** Spilled chunks per file: [byteOffset, byteLength, ...]. */
  private readonly chunks = new Map<string, number[]>();
  private readonly spillAbove: number;
  private readonly spill: SpillFile;
  private heldCount = 0;
  private total = 0;
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
    return this.chunks.size > 0;
  }

  add(f: Finding): void {
    let list = this.held.get(f.filePath);
    if (!list) {
      this.held.set(f.filePath, (list = []));
      if (!this.relPaths.has(f.filePath)) this.relPaths.set(f.filePath, f.relPath);
    }
    list.push(f);
    this.total++;
    if (++this.heldCount > this.spillAbove) this.flush();
  }

  addAll(findings: readonly Finding[]): void {
    for (let i = 0; i < findings.length; i++) this.add(findings[i]);
  }

  /** Every file with findings (absolute paths), with the relative path of its first finding. */
  files(): Map<string, string> {
    return this.relPaths;
  }

  /** One file's findings, in the order they were added (spilled ones read back). */
  read(filePath: string): Finding[] {
    const chunks = this.chunks.get(filePath);
    const held = this.held.get(filePath);
    if (!chunks) return held ? held.slice() : [];
    const relPath = this.relPaths.get(filePath)!;
    const out: Finding[] = [];
    for (let i = 0; i < chunks.length; i += 2) {
      const tuples = JSON.parse(this.spill.read({ offset: chunks[i], length: chunks[i + 1] })) as FindingTuple[];
      for (const t of tuples) out.push(findingOfTuple(t, filePath, relPath));
    }
    if (held) for (const f of held) out.push(f);
    return out;
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
    paths.forEach((path, i) => {
      const list = this.chunks.get(path);
      if (list) list.push(refs[i].offset, refs[i].length);
      else this.chunks.set(path, [refs[i].offset, refs[i].length]);
    });
    this.held.clear();
    this.heldCount = 0;
  }

  /** Closes and removes the spill file. The store must not be read afterwards. */
  dispose(): void {
    this.spill.dispose();
  }
}
