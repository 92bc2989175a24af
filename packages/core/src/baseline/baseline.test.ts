import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Finding } from '../runner/finding.js';
import {
  BaselineError,
  applyBaseline,
  baselineFromFindings,
  checkBaseline,
  parseBaseline,
  readBaseline,
  serializeBaseline,
  staleEntryFinding,
  updateBaseline,
  updatedBaselineEntries,
  baselineTextChunks,
  writeBaseline,
} from './baseline.js';
import { findingSourceOf } from '../runner/finding-set.js';

function f(fingerprint: string, relPath = 'a.yaml', line = 1, entity?: string): Finding {
  return { ruleId: 'r/x', severity: 'warning', message: `m ${line}`, filePath: `/repo/${relPath}`, relPath, line, column: 1, endLine: line, endColumn: 2, entity, fingerprint, origin: 'document' };
}

describe('baseline', () => {
  it('counts findings per fingerprint and serializes sorted and stable', () => {
    const b = baselineFromFindings([f('b', 'z.yaml'), f('a', 'a.yaml', 1, 'e1'), f('a', 'a.yaml', 5, 'e1'), f('c', 'a.yaml', 2)]);
    expect(b.findings.a).toEqual({ ruleId: 'r/x', file: 'a.yaml', entity: 'e1', message: 'm 1', count: 2 });
    const text = serializeBaseline(b);
    expect(Object.keys(JSON.parse(text).findings)).toEqual(['c', 'a', 'b']); // file, rule, entity ('' first), fingerprint
    expect(serializeBaseline(parseBaseline(text, 'x'))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('hides exactly the baselined findings, respecting counts, and reports stale entries', () => {
    const b = baselineFromFindings([f('a'), f('a'), f('gone')]);
    const m = applyBaseline([f('a', 'a.yaml', 1), f('a', 'a.yaml', 2), f('a', 'a.yaml', 3), f('new')], b);
    expect(m.hidden.map((x) => x.line)).toEqual([1, 2]);
    expect(m.kept.map((x) => [x.fingerprint, x.line])).toEqual([['a', 3], ['new', 1]]);
    expect(m.stale).toEqual([{ fingerprint: 'gone', entry: b.findings.gone, missing: 1 }]);
    const one = applyBaseline([f('a')], b);
    expect(one.stale.find((s) => s.fingerprint === 'a')).toMatchObject({ missing: 1 });
    const sf = staleEntryFinding(one.stale[0], '/repo/a.yaml', 'base.json');
    expect(sf).toMatchObject({ ruleId: 'unused-suppression', severity: 'warning', relPath: 'a.yaml', line: 1, column: 1, origin: 'tool' });
    expect(sf.message).toBe('Baseline entry in base.json no longer matches anything: r/x (1 of 2 findings gone). Remove it with "obslint baseline --prune".');
  });

  it('updates: replaces linted files, keeps others while they exist; prune only shrinks', () => {
    const prev = baselineFromFindings([f('a', 'a.yaml'), f('a', 'a.yaml'), f('o', 'other.yaml'), f('d', 'deleted.yaml')]);
    const opts = { lintedFiles: new Set(['a.yaml']), fileExists: (p: string) => p !== 'deleted.yaml' };
    const now = [f('a', 'a.yaml'), f('n', 'a.yaml')];
    expect(Object.keys(updateBaseline(prev, now, { ...opts, prune: false }).findings).sort()).toEqual(['a', 'n', 'o']);
    const pruned = updateBaseline(prev, now, { ...opts, prune: true }).findings;
    expect(Object.keys(pruned).sort()).toEqual(['a', 'o']);
    expect(pruned.a.count).toBe(1);
    expect(Object.keys(updateBaseline(undefined, now, { ...opts, prune: false }).findings).sort()).toEqual(['a', 'n']);
  });

  it('written a file at a time, gives the text of the whole baseline serialized at once', () => {
    const many: Finding[] = [];
    for (let i = 0; i < 4000; i++) many.push(f(`fp${i % 1500}-${i % 7}`, `d${i % 7}/f.yaml`, i, i % 3 ? `e${i % 5}` : undefined));
    many.sort((x, y) => (x.relPath < y.relPath ? -1 : x.relPath > y.relPath ? 1 : x.line - y.line));
    const prev = baselineFromFindings([f('old', 'gone.yaml'), f('kept', 'other.yaml'), f('fp1-1', 'd1/f.yaml'), f('zz', 'd1/f.yaml')]);
    const files = [...new Map(many.map((x) => [x.filePath, x.relPath]))];
    for (const prune of [false, true]) {
      const opts = { lintedFiles: new Set(['d1/f.yaml', 'gone.yaml', ...files.map(([, r]) => r)]), fileExists: (p: string) => p !== 'gone.yaml', prune };
      const chunks = [...baselineTextChunks(updatedBaselineEntries(prev, findingSourceOf(many), files, opts))];
      expect(chunks.join('')).toBe(serializeBaseline(updateBaseline(prev, many, opts)));
      if (!prune) expect(chunks.length).toBeGreaterThan(3);
    }
    expect([...baselineTextChunks([])].join('')).toBe(serializeBaseline({ version: 1, findings: {} }));
  });

  it('writes atomically and rejects what is not a baseline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obslint-baseline-'));
    const path = join(dir, 'b.json');
    writeBaseline(path, baselineFromFindings([f('a')]));
    expect(readdirSync(dir)).toEqual(['b.json']); // no temporary file left behind
    expect(readBaseline(path).findings.a.count).toBe(1);
    expect(readFileSync(path, 'utf8')).toContain('"version": 1');
    expect(() => readBaseline(join(dir, 'missing.json'))).toThrow(/cannot read baseline .*ENOENT/);
    expect(() => parseBaseline('{', 'x.json')).toThrow(BaselineError);
    expect(() => parseBaseline('[]', 'x.json')).toThrow(/not an obslint baseline/);
    expect(() => parseBaseline('{"version":1,"findings":{"a":{"ruleId":"r","file":"f","count":0}}}', 'x.json')).toThrow(/positive count/);
  });

  it('reads a file an entry at a time into what parsing it whole gives, errors included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obslint-baseline-'));
    const outcome = (fn: () => unknown) => {
      try {
        return { value: fn() };
      } catch (e) {
        return { error: (e as Error).message };
      }
    };
    const written = serializeBaseline(baselineFromFindings([f('a', 'x/a.json', 3, 'panel:1'), f('b', 'x/a.json'), f('a', 'x/a.json'), f('c', 'é—.yaml')]));
    for (const text of [
      written,
      written.replace(/\n\s*/g, ''),
      '{"findings":{"a":{"ruleId":"r","file":"f","count":1}},"version":1,"note":[1,{"x":"}"}]}',
      '{"version":1,"findings":{}}',
      '{"version":1,"findings":{"__proto__":{"ruleId":"r","file":"f","count":1},"a":{"ruleId":"r","file":"f","count":2}}}',
      '{"version":1,"findings":{"a":{"ruleId":"r","file":"f","count":0}}}', // a bad entry
      '{"version":2,"findings":{"a":{"ruleId":"r","file":"f","count":0}}}', // the version is reported first
      '{"version":1,"findings":{"a":{"ruleId":"r","file":"f","count":0}},}', // and syntax before both
      '{"version":1,"findings":[]}',
      '{"version":1,"findings":{"a":{"ruleId":"r","file":"f","count":1}},"findings":{}}',
      '{\n  "version": 1,\n  "findings": {\n    "a": {"ruleId": "r", "file": "f", "count": 1\n  }\n}\n',
    ]) {
      const path = join(dir, 'b.json');
      writeFileSync(path, text);
      expect(outcome(() => readBaseline(path)), text).toEqual(outcome(() => parseBaseline(text, path)));
      if (text.includes('__proto__')) {
        // Every key is an entry of its own, as JSON.parse reads it.
        expect(Object.keys(readBaseline(path).findings)).toEqual(['__proto__', 'a']);
        expect(Object.keys(parseBaseline(text, path).findings)).toEqual(['__proto__', 'a']);
      }
    }
  });

  it('never parses a baseline it wrote as one text (what keeps a large one small while it is read)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obslint-baseline-'));
    const path = join(dir, 'b.json');
    const many = Array.from({ length: 300 }, (_, i) => f(`fp${i}`, `d${i % 9}/f.json`, i, `panel:${i}`));
    writeBaseline(path, baselineFromFindings(many));
    const size = readFileSync(path, 'utf8').length;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const read = readBaseline(path);
      expect(Object.keys(read.findings)).toHaveLength(300);
      expect(Math.max(...parse.mock.calls.map(([text]) => String(text).length))).toBeLessThan(size / 50);
      checkBaseline(path);
      expect(Math.max(...parse.mock.calls.map(([text]) => String(text).length))).toBeLessThan(size / 50);
    } finally {
      parse.mockRestore();
    }
  });

  it('keeps only the messages asked for, read an entry at a time or whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obslint-baseline-'));
    const path = join(dir, 'b.json');
    const written = serializeBaseline(baselineFromFindings([f('a', 'keep.json', 3, 'panel:1'), f('b', 'drop.json'), f('c', 'drop.json', 4)]));
    const expected = {
      a: { ruleId: 'r/x', file: 'keep.json', entity: 'panel:1', message: 'm 3', count: 1 },
      b: { ruleId: 'r/x', file: 'drop.json', message: '', count: 1 },
      c: { ruleId: 'r/x', file: 'drop.json', message: '', count: 1 },
    };
    // As written, and with a member JSON.parse keeps the last of (so the file is parsed whole).
    for (const text of [written, written.replace('"version": 1,', '"version": 1, "findings": {},')]) {
      writeFileSync(path, text);
      expect(readBaseline(path, { keepsMessage: (file) => file === 'keep.json' }).findings, text).toEqual(expected);
    }
    expect(readBaseline(path).findings.b.message).toBe('m 1');
  });
});
