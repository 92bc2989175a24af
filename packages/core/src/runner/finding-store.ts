import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from './finding.js';
import { findingOfTuple, findingTuple, type FindingTuple } from './finding-tuple.js';

/** Findings held in memory before a run starts writing them to its spill file (about 15 MB of findings). */
export const DEFAULT_SPILL_ABOVE = 25_000;

export interface FindingStoreOptions {
  /** Findings held in memory before they are written to the spill file (`Infinity`: never). */
  spillAbove?: number;
  /** Where the spill file is created (the system's temporary directory). */
  dir?: string;
}

/** Closes the spill files of stores that were dropped without `dispose()`. */
const orphans = new FinalizationRegistry<{ fd: number; dir?: string }>((f) => closeSpill(f));

function closeSpill(f: { fd: number; dir?: string }): void {
  try {
    closeSync(f.fd);
  } catch {
    /* already closed */
  }
  if (f.dir) rmSync(f.dir, { recursive: true, force: true });
}

/**
 * A run's findings, grouped by file. Up to `spillAbove` are held in memory; beyond that they are written to
 * a temporary file (a JSON array of tuples per file and batch) and read back one file at a time, so a run
 * with hundreds of thousands of findings keeps its heap flat. The file is removed as soon as it is open
 * (where the system allows; otherwise when the store is disposed). If it cannot be written, findings stay
 * in memory: nothing is lost.
 */
export class FindingStore {
  private readonly held = new Map<string, Finding[]>();
  private readonly relPaths = new Map<string, string>();
  /** Spilled chunks per file: [byteOffset, byteLength, ...]. */
  private readonly chunks = new Map<string, number[]>();
  private readonly spillAbove: number;
  private heldCount = 0;
  private total = 0;
  private spill?: { fd: number; dir?: string; end: number };
  private spillFailed = false;
  private scratch = Buffer.alloc(0);

  constructor(private readonly opts: FindingStoreOptions = {}) {
    this.spillAbove = opts.spillAbove ?? DEFAULT_SPILL_ABOVE;
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
      const [offset, length] = [chunks[i], chunks[i + 1]];
      if (this.scratch.length < length) this.scratch = Buffer.alloc(Math.max(length, this.scratch.length * 2));
      let got = 0;
      while (got < length) {
        const n = readSync(this.spill!.fd, this.scratch, got, length - got, offset + got);
        if (n === 0) throw new Error('obslint: the findings spill file was truncated');
        got += n;
      }
      const tuples = JSON.parse(this.scratch.toString('utf8', 0, length)) as FindingTuple[];
      for (const t of tuples) out.push(findingOfTuple(t, filePath, relPath));
    }
    if (held) for (const f of held) out.push(f);
    return out;
  }

  /** Writes the findings held in memory to the spill file (kept in memory if it cannot be written). */
  private flush(): void {
    if (this.spillFailed) return;
    try {
      if (!this.spill) {
        this.spill = openSpill(this.opts.dir ?? tmpdir());
        orphans.register(this, this.spill, this);
      }
      const parts: Buffer[] = [];
      const placed: Array<[string, number, number]> = [];
      let at = this.spill.end;
      for (const [path, list] of this.held) {
        const rel = this.relPaths.get(path)!;
        const buf = Buffer.from(JSON.stringify(list.map((f) => findingTuple(f, path, rel))));
        parts.push(buf);
        placed.push([path, at, buf.length]);
        at += buf.length;
      }
      const all = Buffer.concat(parts);
      let written = 0;
      while (written < all.length) written += writeSync(this.spill.fd, all, written, all.length - written, this.spill.end + written);
      this.spill.end = at;
      for (const [path, offset, length] of placed) {
        const list = this.chunks.get(path);
        if (list) list.push(offset, length);
        else this.chunks.set(path, [offset, length]);
      }
      this.held.clear();
      this.heldCount = 0;
    } catch {
      // No room or no temporary directory: hold everything in memory from here on.
      this.spillFailed = true;
    }
  }

  /** Closes and removes the spill file. The store must not be read afterwards. */
  dispose(): void {
    if (!this.spill) return;
    orphans.unregister(this);
    closeSpill(this.spill);
    this.spill = undefined;
  }
}

function openSpill(base: string): { fd: number; dir?: string; end: number } {
  const dir = mkdtempSync(join(base, 'obslint-findings-'));
  const fd = openSync(join(dir, 'findings.json'), 'w+', 0o600);
  try {
    // Unlinked while open (POSIX): the data stays readable through fd and disappears with the process.
    rmSync(dir, { recursive: true });
    return { fd, end: 0 };
  } catch {
    return { fd, dir, end: 0 };
  }
}
