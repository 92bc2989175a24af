import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFileWriter, CannotWriteError, makeParentDirs, readFully, writeFully } from './file-io.js';

const dir = () => mkdtempSync(join(tmpdir(), 'obslint-io-'));

describe('AtomicFileWriter', () => {
  it('puts the file in place only on commit; an abort leaves the old file and no temporary one', () => {
    const d = dir();
    const path = join(d, 'new', 'deep', 'f.txt');
    const w = new AtomicFileWriter(path);
    w.write('é'.repeat(70_000)); // over the gathering size: written in more than one piece
    w.writeBytes(Buffer.from('\n'));
    w.write('end');
    expect(readdirSync(join(d, 'new', 'deep'))).toHaveLength(1); // the temporary file only
    w.commit();
    expect(readFileSync(path, 'utf8')).toBe(`${'é'.repeat(70_000)}\nend`);
    const again = new AtomicFileWriter(path);
    again.write('replacement');
    again.abort();
    expect(readFileSync(path, 'utf8').endsWith('end')).toBe(true);
    expect(readdirSync(join(d, 'new', 'deep'))).toEqual(['f.txt']);
  });

  it('a path under a file is a CannotWriteError with the system reason', () => {
    const d = dir();
    writeFileSync(join(d, 'file'), 'x');
    expect(() => new AtomicFileWriter(join(d, 'file', 'sub', 'f.txt'))).toThrow(CannotWriteError);
    expect(() => new AtomicFileWriter(join(d, 'file', 'sub', 'f.txt'))).toThrow(/cannot write .*f\.txt: ENOTDIR: not a directory/);
    expect(() => makeParentDirs(join(d, 'file', 'f.txt'))).toThrow(/ENOTDIR/);
  });
});

describe('readFully and writeFully', () => {
  it('read back what was written at a position, grow the buffer, and refuse to read past the end', () => {
    const path = join(dir(), 'f');
    const fd = openSync(path, 'w+');
    try {
      const n = writeFully(fd, 'ünï', 10);
      expect(n).toBe(5);
      const buf = readFully(fd, Buffer.alloc(2), 10, n);
      expect(buf.toString('utf8', 0, n)).toBe('ünï');
      expect(() => readFully(fd, buf, 12, 10)).toThrow(/truncated/);
    } finally {
      closeSync(fd);
    }
  });
});
