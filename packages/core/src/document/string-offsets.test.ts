import { describe, expect, it } from 'vitest';
import { SourceFile } from '../source/source-file.js';
import { parseJsonDocument } from './json-document.js';
import { stringRangeRef, stringValueOffsets } from './string-offsets.js';
import { parseYamlDocuments } from './yaml-document.js';

function yamlDoc(text: string) {
  return parseYamlDocuments(new SourceFile('/x.yaml', 'x.yaml', text)).documents[0];
}

/** Asserts that every character of the value maps to the same character in the file. */
function assertExact(text: string, pointer: string, doc = yamlDoc(text)) {
  const map = stringValueOffsets(doc, pointer)!;
  expect(map.exact).toBe(true);
  const v = map.value;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    const at = text[map.toFile(i)];
    if (c === ' ' || c === '\n') expect([' ', '\n', '\r', '\\'].includes(at) || at === c, `char ${i}`).toBe(true);
    else if (!/["'\\]/.test(at)) expect(at, `char ${i} of ${JSON.stringify(v)}`).toBe(c);
  }
  return map;
}

describe('stringValueOffsets', () => {
  it('maps plain scalars, single and multi-line', () => {
    assertExact('expr: rate(x[5m]) > 1\n', '/expr');
    const t = 'a:\n  expr: sum by (job) (rate(x[5m]))\n    > 1\n';
    const m = assertExact(t, '/a/expr');
    expect(m.value).toBe('sum by (job) (rate(x[5m])) > 1');
    expect(t.slice(m.toFile(m.value.indexOf('> 1')))).toMatch(/^> 1/);
  });

  it('maps double-quoted scalars with escapes', () => {
    const t = 'expr: "up{job=\\"api\\"} == 0"\n';
    const m = assertExact(t, '/expr');
    expect(m.value).toBe('up{job="api"} == 0');
    expect(t.slice(m.toFile(m.value.indexOf('== 0')), m.toFile(m.value.indexOf('== 0')) + 4)).toBe('== 0');
  });

  it('maps single-quoted scalars with doubled quotes', () => {
    const t = "expr: 'up{job=''api''} == 0'\n";
    const m = assertExact(t, '/expr');
    expect(t.slice(m.toFile(m.value.indexOf('== 0')))).toMatch(/^== 0'/);
  });

  it('maps literal and folded block scalars', () => {
    const lit = 'expr: |\n  sum(rate(x[5m]))\n    / 2\n  > 1\n';
    const m = assertExact(lit, '/expr');
    expect(m.value).toBe('sum(rate(x[5m]))\n  / 2\n> 1\n');
    const r = stringRangeRef(yamlDoc(lit), '/expr', m.value.indexOf('> 1'), m.value.indexOf('> 1') + 3).range()!;
    expect([r.line, r.column, r.endColumn]).toEqual([4, 3, 6]);
    const fold = 'rules:\n  - expr: >-\n      sum(rate(x[5m]))\n      > 1\n';
    const f = assertExact(fold, '/rules/0/expr');
    expect(f.value).toBe('sum(rate(x[5m])) > 1');
    const fr = stringRangeRef(yamlDoc(fold), '/rules/0/expr', f.value.indexOf('> 1'), f.value.length).range()!;
    expect([fr.line, fr.column]).toEqual([4, 7]);
  });

  it('maps JSON strings with escapes', () => {
    const text = '{"expr": "up{job=\\"a\\"}\\n > 0"}';
    const file = new SourceFile('/x.json', 'x.json', text);
    const res = parseJsonDocument(file);
    if (!res.ok) throw new Error('parse');
    const m = stringValueOffsets(res.value, '/expr')!;
    expect(m.exact).toBe(true);
    expect(text.slice(m.toFile(m.value.indexOf('> 0')))).toMatch(/^> 0"/);
  });

  it('returns undefined for non-strings and falls back to the whole node when inexact', () => {
    expect(stringValueOffsets(yamlDoc('a: 5\n'), '/a')).toBeUndefined();
    expect(stringValueOffsets(yamlDoc('a: x\n'), '/b')).toBeUndefined();
    const r = stringRangeRef(yamlDoc('a: 5\n'), '/a', 0, 1).range()!;
    expect([r.line, r.column]).toEqual([1, 4]);
  });
});
