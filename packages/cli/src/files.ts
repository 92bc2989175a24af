import { closeSync, openSync } from 'node:fs';
import { CannotWriteError, makeParentDirs, writeFully } from '@obslint/core';

/**
 * Writes an output file (a report), creating its directory; a streamed report piece by piece, each piece
 * written as it comes (nothing accumulates).
 */
export function writeOutputFile(path: string, text: string | Iterable<string>): void {
  let fd: number;
  try {
    makeParentDirs(path);
    fd = openSync(path, 'w');
  } catch (e) {
    throw new CannotWriteError(path, e);
  }
  try {
    if (typeof text === 'string') writeFully(fd, text);
    else for (const chunk of text) writeFully(fd, chunk);
  } catch (e) {
    throw new CannotWriteError(path, e);
  } finally {
    closeSync(fd);
  }
}
