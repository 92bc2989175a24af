import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFully, writeFully } from './file-io.js';

/** Where a text was written in a spill file. */
export interface SpillRef {
  offset: number;
  length: number;
}

interface OpenSpill {
  fd: number;
  /** The directory to remove at the end, when the file could not be unlinked while open. */
  dir?: string;
}

/** Closes the files of spills that were dropped without `dispose()`. */
const orphans = new FinalizationRegistry<OpenSpill>((f) => closeSpill(f));

function closeSpill(f: OpenSpill): void {
  try {
    closeSync(f.fd);
  } catch {
    /* already closed */
  }
  if (f.dir) rmSync(f.dir, { recursive: true, force: true });
}

/**
 * A temporary file a run writes what it need not hold in memory to (findings beyond a budget, where each
 * metric use is), to read back a piece at a time. It is created on the first write and removed as soon as
 * it is open where the system allows (the data stays readable through the open file and goes with the
 * process); otherwise when disposed. When it cannot be created or written (no temporary directory, a full
 * disk), `write` returns undefined and the caller keeps its text: nothing is lost.
 */
export class SpillFile {
  private file?: OpenSpill & { end: number };
  private failed = false;
  private scratch = Buffer.alloc(0);

  constructor(private readonly dir: string = tmpdir()) {}

  /** Appends texts; their places, or undefined when they stay with the caller. */
  write(texts: readonly string[]): SpillRef[] | undefined {
    if (this.failed) return undefined;
    try {
      if (!this.file) {
        this.file = { ...openSpill(this.dir), end: 0 };
        orphans.register(this, this.file, this);
      }
      const refs: SpillRef[] = [];
      for (const text of texts) {
        const length = writeFully(this.file.fd, text, this.file.end);
        refs.push({ offset: this.file.end, length });
        this.file.end += length;
      }
      return refs;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  /** A text written before. */
  read(ref: SpillRef): string {
    if (!this.file) throw new Error('obslint: reading from a spill file that was closed');
    this.scratch = readFully(this.file.fd, this.scratch, ref.offset, ref.length);
    return this.scratch.toString('utf8', 0, ref.length);
  }

  /** Closes and removes the file; nothing can be read from it afterwards. */
  dispose(): void {
    if (!this.file) return;
    orphans.unregister(this);
    closeSpill(this.file);
    this.file = undefined;
  }
}

/** A text kept in a spill file: read back with `String(x)` (or `toString()`), where a string is expected. */
export class SpilledText {
  constructor(
    private readonly file: SpillFile,
    private readonly ref: SpillRef,
  ) {}

  toString(): string {
    return this.file.read(this.ref);
  }

  toJSON(): string {
    return this.toString();
  }
}

function openSpill(base: string): OpenSpill {
  const dir = mkdtempSync(join(base, 'obslint-spill-'));
  const fd = openSync(join(dir, 'spill'), 'w+', 0o600);
  try {
    rmSync(dir, { recursive: true });
    return { fd };
  } catch {
    return { fd, dir };
  }
}
