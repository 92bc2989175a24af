import { SourceFile } from '../source/source-file.js';
import { parseJsonDocument } from './json-document.js';
import { parseYamlDocuments } from './yaml-document.js';
import { getAtPointer, joinPointer, parsePointer } from './pointer.js';

const at = (text: string, needle: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
};

describe('JSON pointers map to source ranges', () => {
  const text = '{\n  "title": "T",\n  "panels": [\n    { "id": 1, "title": "a/b~c" },\n    {\n      "id": 2,\n      "targets": [{ "expr": "up" }]\n    }\n  ],\n  "a/b": { "~x": true }\n}\n';
  const file = new SourceFile('/d.json', 'd.json', text);
  const res = parseJsonDocument(file);
  if (!res.ok) throw new Error('fixture must parse');
  const doc = res.value;

  it('values, keys, nested arrays', () => {
    expect(doc.locate('/title')).toMatchObject({ ...at(text, '"T"'), endColumn: at(text, '"T"').column + 3 });
    expect(doc.locate('/title', 'key')).toMatchObject(at(text, '"title"'));
    expect(doc.locate('/panels/1/targets/0/expr')).toMatchObject(at(text, '"up"'));
    expect(doc.locate('/panels/0')).toMatchObject({ ...at(text, '{ "id": 1'), endLine: 4 });
    expect(doc.locate('')).toMatchObject({ line: 1, column: 1, endLine: 11 });
  });
  it('escaped pointer segments (~0, ~1)', () => {
    expect(doc.locate('/a~1b/~0x')).toMatchObject(at(text, 'true'));
  });
  it('absent nodes: undefined; a ref falls back to the nearest ancestor', () => {
    expect(doc.locate('/panels/7')).toBeUndefined();
    expect(doc.locate('/panels/x')).toBeUndefined();
    expect(doc.ref('/panels/1/nope').range()).toMatchObject({ line: 5 });
  });
  it('a BOM does not shift columns', () => {
    const f = new SourceFile('/b.json', 'b.json', '\ufeff{"a": 1}');
    const r = parseJsonDocument(f);
    expect(r.ok && r.value.locate('/a')).toMatchObject({ line: 1, column: 8 });
  });
  it('parse errors carry the offset of the fault', () => {
    const f = new SourceFile('/e.json', 'e.json', '{\n  "a": 1,\n  "b" 2\n}');
    const r = parseJsonDocument(f);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(f.positionAt(r.error.offset)).toEqual({ line: 3, column: 7 });
  });
});

describe('YAML pointers map to source ranges', () => {
  const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          up == 0\n        labels: { severity: page }\n---\nkind: X\nitems: [1, "two"]\n';
  const file = new SourceFile('/r.yaml', 'r.yaml', text);
  const { documents, errors } = parseYamlDocuments(file);

  it('parses every document of the stream', () => {
    expect(errors).toEqual([]);
    expect(documents.map((d) => d.docIndex)).toEqual([0, 1]);
    expect(getAtPointer(documents[0].value, '/groups/0/rules/0/alert')).toBe('A');
  });
  it('block scalars, flow maps, keys, second document', () => {
    const d = documents[0];
    expect(d.locate('/groups/0/rules/0/alert')).toMatchObject(at(text, 'A\n'));
    expect(d.locate('/groups/0/rules/0/alert', 'key')).toMatchObject(at(text, 'alert'));
    expect(d.locate('/groups/0/rules/0/expr')).toMatchObject(at(text, '|'));
    expect(d.locate('/groups/0/rules/0/labels/severity')).toMatchObject(at(text, 'page'));
    expect(documents[1].locate('/items/1')).toMatchObject(at(text, '"two"'));
  });
  it('a broken document is an error with a position; the others still parse', () => {
    const f = new SourceFile('/m.yaml', 'm.yaml', 'a: 1\n---\nb: [1, 2\n---\nc: 3\n');
    const out = parseYamlDocuments(f);
    expect(out.documents.map((d) => d.value)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(out.errors).toHaveLength(1);
    expect(f.positionAt(out.errors[0].offset).line).toBeGreaterThanOrEqual(3);
  });
  it('merge keys are resolved as Prometheus (Go yaml) does', () => {
    const f = new SourceFile('/k.yaml', 'k.yaml', 'base: &b { severity: warning }\nlabels:\n  <<: *b\n  team: x\n');
    expect(parseYamlDocuments(f).documents[0].value).toEqual({ base: { severity: 'warning' }, labels: { severity: 'warning', team: 'x' } });
  });
});

describe('pointer helpers', () => {
  it('round-trips segments with / and ~', () => {
    const p = joinPointer('', 'data', 'a/b.json', '~x', 3);
    expect(p).toBe('/data/a~1b.json/~0x/3');
    expect(parsePointer(p)).toEqual(['data', 'a/b.json', '~x', '3']);
  });
});

describe('SourceFile positions', () => {
  it('handles \\n, \\r\\n and \\r line ends', () => {
    const f = new SourceFile('/x', 'x', 'a\r\nbb\rccc\nd');
    expect(f.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(f.positionAt(3)).toEqual({ line: 2, column: 1 });
    expect(f.positionAt(6)).toEqual({ line: 3, column: 1 });
    expect(f.positionAt(10)).toEqual({ line: 4, column: 1 });
    expect(f.lineText(2)).toBe('bb');
  });
});
