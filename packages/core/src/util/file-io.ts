import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a whole string (as UTF-8) at `position`, or at the file's current offset: a short write is finished
 * from a buffer. Returns the bytes written.
 */
export function writeFully(fd: number, text: string, position?: number): number {
  const length = Buffer.byteLength(text);
  // The string as it is (no buffer of the whole text: large buffers come back to the system late, if ever).
  let written = writeSync(fd, text, position, 'utf8');
  if (written < length) {
    const bytes = Buffer.from(text);
    while (written < length) written += writeSync(fd, bytes, written, length - written, position === undefined ? null : position + written);
  }
  return length;
}

/** Writes all of `bytes` at the file's current offset. */
export function writeBytesFully(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Reads exactly `length` bytes at `position` into the start of `scratch` (grown when too small; the caller
 * keeps the returned buffer for the next read). Throws when the file ends first.
 */
export function readFully<B extends Buffer>(fd: number, scratch: B, position: number, length: number): B {
  const buf = scratch.length >= length ? scratch : (Buffer.alloc(Math.max(length, Math.min(scratch.length * 2, 1 << 26))) as B);
  for (let got = 0; got < length; ) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) throw new Error('obslint: the file ended before the data it should hold (truncated)');
    got += n;
  }
  return buf;
}

/** A file obslint was asked to write (a report, the cache, a baseline) could not be written. */
export class CannotWriteError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot write ${path}: ${reasonOf(cause)}`);
  }
}

/** The system's reason, without the stack and the repeated path (`EACCES: permission denied`). */
export function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    const m = /^([A-Z]+: [^,]+)/.exec(err.message);
    return m ? m[1] : err.code;
  }
  return e instanceof Error ? e.message : String(e);
}

/** At most this many missing directories are created for one file (a guard against a path that never resolves). */
const MAX_NEW_DIRS = 64;

/**
 * Creates the missing directories above `path`, one level at a time. (Node's recursive mkdir never returns on
 * some paths, e.g. under /proc; a bounded walk fails with the system's reason instead.)
 */
export function makeParentDirs(path: string): void {
  const missing: string[] = [];
  for (let dir = dirname(path); missing.length <= MAX_NEW_DIRS; dir = dirname(dir)) {
    try {
      if (statSync(dir).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(dir) === dir) throw e;
      missing.push(dir);
    }
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Pieces up to this size are gathered and written together; larger ones are written as they come. */
const BUFFER_CHARS = 1 << 16;

/**
 * A file written in pieces under a temporary name beside `path` and renamed over it by `commit()`, so that a
 * reader (another run, a crash half-way) never sees half a file. Failures throw `CannotWriteError`.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(readonly path: string) {
    this.tmp = `${path}.${randomBytes(6).toString('hex')}.obslint-tmp`;
    try {
      makeParentDirs(path);
      this.fd = openSync(this.tmp, 'w');
    } catch (e) {
      throw new CannotWriteError(path, e);
    }
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= BUFFER_CHARS) this.flush();
  }

  /** Writes bytes as they are (a piece copied from another file). */
  writeBytes(bytes: Uint8Array): void {
    this.flush();
    this.guard((fd) => writeBytesFully(fd, bytes));
  }

  /** Completes the file and puts it in place. */
  commit(): void {
    this.flush();
    this.guard((fd) => {
      closeSync(fd);
      this.fd = undefined;
      renameSync(this.tmp, this.path);
    });
  }

  /** Drops what was written (the file at `path` stays as it was). */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      /* already gone */
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.guard((fd) => writeFully(fd, text));
  }

  private guard(step: (fd: number) => void): void {
    if (this.fd === undefined) throw new CannotWriteError(this.path, new Error('the file was already completed or dropped'));
    try {
      step(this.fd);
    } catch (e) {
      this.abort();
      throw e instanceof CannotWriteError ? e : new CannotWriteError(this.path, e);
    }
  }
}

/** Writes a whole file atomically (see AtomicFileWriter). */
export function writeFileAtomic(path: string, text: string): void {
  const w = new AtomicFileWriter(path);
  w.write(text);
  w.commit();
}
