import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LintCache } from './cache.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'obslint-cache-')), 'sub', '.obslintcache');

function filled(location: string, key = 'k1', n = 3): void {
  const c = new LintCache<{ n: number; s: string }>(location, key);
  for (let i = 0; i < n; i++) c.set(`f${i}.yaml`, `h${i}`, { n: i, s: `é\n"${i}"` });
  c.save(new Set(Array.from({ length: n }, (_, i) => `f${i}.yaml`)));
  expect(c.problem).toBeUndefined();
}

describe('LintCache', () => {
  it('gives back what was saved for an unchanged hash, nothing for a changed one, and counts both', () => {
    const loc = fresh();
    filled(loc);
    const c = new LintCache<{ n: number; s: string }>(loc, 'k1');
    expect(c.get('f1.yaml', 'h1')).toEqual({ n: 1, s: 'é\n"1"' });
    expect(c.get('f2.yaml', 'changed')).toBeUndefined();
    expect(c.get('new.yaml', 'h9')).toBeUndefined();
    expect([c.hits, c.misses]).toEqual([1, 2]);
  });

  it('is empty under another key (config, rules or version changed)', () => {
    const loc = fresh();
    filled(loc, 'k1');
    expect(new LintCache(loc, 'k2').get('f0.yaml', 'h0')).toBeUndefined();
  });

  it('does not rewrite the file when nothing changed', () => {
    const loc = fresh();
    filled(loc);
    const before = statSync(loc);
    const c = new LintCache(loc, 'k1');
    c.get('f0.yaml', 'h0');
    c.save(new Set(['f0.yaml', 'f1.yaml', 'f2.yaml']));
    expect(statSync(loc).ino).toBe(before.ino);
  });

  it('keeps unchanged entries when one is replaced, and drops files that are gone', () => {
    const loc = fresh();
    filled(loc);
    const c = new LintCache<{ n: number; s: string }>(loc, 'k1');
    expect(c.get('f0.yaml', 'h0')).toBeDefined();
    c.set('f1.yaml', 'h1b', { n: 10, s: 'new' });
    c.save(new Set(['f0.yaml', 'f1.yaml'])); // f2.yaml was deleted
    const again = new LintCache<{ n: number; s: string }>(loc, 'k1');
    expect(again.get('f0.yaml', 'h0')).toEqual({ n: 0, s: 'é\n"0"' });
    expect(again.get('f1.yaml', 'h1b')).toEqual({ n: 10, s: 'new' });
    expect(again.get('f1.yaml', 'h1')).toBeUndefined();
    expect(again.get('f2.yaml', 'h2')).toBeUndefined();
  });

  it('a truncated file keeps the entries before the damage', () => {
    const loc = fresh();
    filled(loc);
    truncateSync(loc, statSync(loc).size - 5);
    const c = new LintCache(loc, 'k1');
    expect(c.get('f0.yaml', 'h0')).toBeDefined();
    expect(c.get('f1.yaml', 'h1')).toBeDefined();
    expect(c.get('f2.yaml', 'h2')).toBeUndefined();
  });

  it('a damaged value is a miss, not an error', () => {
    const loc = fresh();
    filled(loc);
    writeFileSync(loc, readFileSync(loc, 'utf8').replace('{"n":1,', '{"n":1;'));
    const c = new LintCache(loc, 'k1');
    expect(c.get('f1.yaml', 'h1')).toBeUndefined();
    expect(c.get('f0.yaml', 'h0')).toBeDefined();
  });

  it('a file of an older format, or not a cache at all, is an empty cache', () => {
    const loc = fresh();
    filled(loc);
    writeFileSync(loc, JSON.stringify({ format: 7, key: 'k1', entries: { 'f0.yaml': { hash: 'h0', unit: {} } } }));
    expect(new LintCache(loc, 'k1').get('f0.yaml', 'h0')).toBeUndefined();
    writeFileSync(loc, Buffer.from([0, 1, 2, 255]));
    expect(new LintCache(loc, 'k1').get('f0.yaml', 'h0')).toBeUndefined();
  });

  it('when the cache cannot be written, says why and does not throw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obslint-cache-'));
    writeFileSync(join(dir, 'file'), 'x');
    const c = new LintCache(join(dir, 'file', '.obslintcache'), 'k1');
    c.set('a.yaml', 'h', { n: 1 });
    c.save(new Set(['a.yaml']));
    expect(c.problem).toMatch(/^cannot write .*\.obslintcache: ENOTDIR/);
  });
});
