import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { JsonLocationIndex } from './json-locations.js';
import { escapePointerSegment } from './pointer.js';

/** Every node of a JSON text with its pointer and offsets, from jsonc-parser's tree (an independent oracle). */
function oracle(text: string): Array<{ pointer: string; start: number; end: number; keyStart?: number; keyEnd?: number }> {
  const out: Array<{ pointer: string; start: number; end: number; keyStart?: number; keyEnd?: number }> = [];
  const walk = (n: Node, pointer: string, key?: Node) => {
    out.push({ pointer, start: n.offset, end: n.offset + n.length, ...(key ? { keyStart: key.offset, keyEnd: key.offset + key.length } : {}) });
    if (n.type === 'array') n.children?.forEach((c, i) => walk(c, `${pointer}/${i}`));
    if (n.type === 'object') {
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) walk(v, `${pointer}/${escapePointerSegment(String(k.value))}`, k);
      }
    }
  };
  const root = parseTree(text);
  if (root) walk(root, '');
  return out;
}

function expectSameAsOracle(text: string): void {
  const index = new JsonLocationIndex(text);
  // Duplicate keys: like JSON.parse, the last one wins (the oracle lists both; keep its last).
  const byPointer = new Map(oracle(text).map((n) => [n.pointer, n]));
  for (const [pointer, n] of byPointer) {
    const { pointer: _p, ...span } = n;
    expect(index.span(pointer), pointer).toEqual(span);
  }
}

describe('JsonLocationIndex', () => {
  it('maps values, keys, array items and nested containers to their offsets', () => {
    const text = '{\n  "panels": [\n    { "id": 1, "title": "A" },\n    { "id": 2, "targets": [{ "expr": "up" }] }\n  ],\n  "n": -1.5e3, "ok": true, "nil": null\n}';
    const index = new JsonLocationIndex(text);
    const at = (p: string) => {
      const s = index.span(p)!;
      return text.slice(s.start, s.end);
    };
    expect(at('')).toBe(text);
    expect(at('/panels/1/targets/0/expr')).toBe('"up"');
    expect(at('/panels/0')).toBe('{ "id": 1, "title": "A" }');
    expect(at('/n')).toBe('-1.5e3');
    expect(at('/ok')).toBe('true');
    expect(at('/nil')).toBe('null');
    const key = index.span('/panels/1/targets')!;
    expect(text.slice(key.keyStart, key.keyEnd)).toBe('"targets"');
    expect(index.span('/panels/2')).toBeUndefined();
    expect(index.span('/panels/x')).toBeUndefined();
    expect(index.span('/missing')).toBeUndefined();
    expect(index.span('/n/0')).toBeUndefined();
    expect(index.span('panels')).toBeUndefined();
  });

  it('resolves escaped pointer segments and keys written with escapes', () => {
    const text = '{"a/b": 1, "m~n": 2, "q\\"x": 3, "\\u0041": 4, "s": "he said \\"hi\\" \\\\"}';
    const index = new JsonLocationIndex(text);
    expect(text.slice(index.span('/a~1b')!.start, index.span('/a~1b')!.end)).toBe('1');
    expect(text.slice(index.span('/m~0n')!.start, index.span('/m~0n')!.end)).toBe('2');
    expect(text.slice(index.span('/q"x')!.start, index.span('/q"x')!.end)).toBe('3');
    expect(text.slice(index.span('/A')!.start, index.span('/A')!.end)).toBe('4');
    expect(text.slice(index.span('/s')!.start, index.span('/s')!.end)).toBe('"he said \\"hi\\" \\\\"');
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"a": 1, "a": 22}';
    const s = new JsonLocationIndex(text).span('/a')!;
    expect(text.slice(s.start, s.end)).toBe('22');
  });

  it('handles scalar documents, empty containers and deep nesting without recursion', () => {
    expect(new JsonLocationIndex(' 42 ').span('')).toEqual({ start: 1, end: 3 });
    expect(new JsonLocationIndex('"x"').span('')).toEqual({ start: 0, end: 3 });
    expect(new JsonLocationIndex('{}').span('')).toEqual({ start: 0, end: 2 });
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    const index = new JsonLocationIndex(deep);
    expect(index.span('/0/0/0')).toEqual({ start: 3, end: deep.length - 3 });
  });

  it('large arrays and objects: every item and key found (through lookup tables), duplicates as JSON.parse', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => ({ id: i }));
    const text = JSON.stringify({ panels: items });
    const index = new JsonLocationIndex(text);
    const wrong: number[] = [];
    for (let i = 0; i < items.length; i++) {
      const s = index.span(`/panels/${i}/id`);
      if (!s || text.slice(s.start, s.end) !== String(i)) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    expect(index.span('/panels/200000')).toBeUndefined();
    const keys = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}/x~y`, i]));
    const objText = JSON.stringify(keys).replace('}', ', "k7/x~y": "last", "esc\\u0041": 1}');
    const objIndex = new JsonLocationIndex(objText);
    const at = (p: string) => {
      const sp = objIndex.span(p);
      return sp && objText.slice(sp.start, sp.end);
    };
    expect(at('/k42~1x~0y')).toBe('42');
    expect(at('/k7~1x~0y')).toBe('"last"');
    expect(at('/escA')).toBe('1');
    expect(at('/k100~1x~0y')).toBeUndefined();
    expectSameAsOracle(objText);
    expectSameAsOracle(JSON.stringify({ a: Array.from({ length: 100 }, (_, i) => [i, { v: i }]) }, null, 1));
  });

  it('agrees with jsonc-parser on every node of real dashboards', () => {
    for (const f of ['examples/demo/dashboards/shop-overview.json', 'examples/shop/dashboards/shop-orders.json']) {
      expectSameAsOracle(readFileSync(new URL(`../../../../${f}`, import.meta.url), 'utf8'));
    }
  });

  it('agrees with jsonc-parser on every node of generated JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        expectSameAsOracle(JSON.stringify(v, null, pretty ? 2 : undefined) ?? 'null');
      }),
      { numRuns: 300, seed: 20261121 },
    );
  });

  it('answers pointers asked in any order, missing ones among them, as a fresh index answers each alone', () => {
    // One index reuses what the last pointer resolved: shuffled orders, pointers under missing nodes and
    // prefixes of the last one must not lead it astray.
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (v, picks) => {
        const text = JSON.stringify(v, null, 1) ?? 'null';
        const known = oracle(text).map((n) => n.pointer);
        const pool = [...known, ...known.map((p) => `${p}/0`), ...known.map((p) => `${p}/nope`), '/', '/0/0', '/a~1b/c'];
        const index = new JsonLocationIndex(text);
        for (const k of picks) {
          const pointer = pool[k % pool.length];
          expect(index.span(pointer), pointer).toEqual(new JsonLocationIndex(text).span(pointer));
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
