import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Files larger than this are not parsed (a warning says so). */
export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Files up to this size are read into one reused buffer. */
const MAX_SCRATCH = 4 << 20;
let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * Reads a file as UTF-8 within a size limit; binary and unreadable files give a `problem` (the file is not
 * linted), invalid UTF-8 a `notice` (linted with replacement characters).
 */
export function readText(path: string, maxSize: number): { text?: string; problem?: string; notice?: string } {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > maxSize) return { problem: `Skipped: file is ${(size / 1048576).toFixed(1)} MB, above the ${(maxSize / 1048576).toFixed(0)} MB limit (--max-file-size).` };
    // One buffer for every ordinary file this thread reads (the text is decoded out of it); a large file
    // gets one of its own, let go with it.
    if (size <= MAX_SCRATCH && scratch.length < size) scratch = Buffer.allocUnsafe(Math.min(MAX_SCRATCH, Math.max(size, 2 * scratch.length)));
    const buf = size <= MAX_SCRATCH ? scratch : Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    const head = buf.subarray(0, Math.min(off, 8000));
    if (head.includes(0)) return { problem: 'Skipped: binary file (contains NUL bytes).' };
    const bytes = buf.subarray(0, off);
    try {
      return { text: STRICT_UTF8.decode(bytes) };
    } catch {
      return { text: bytes.toString('utf8'), notice: 'This file is not valid UTF-8: invalid bytes were read as U+FFFD.' };
    }
  } catch (e) {
    return { problem: `Skipped: cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
