import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { FindingStore } from './finding-store.js';
import { findingTuple } from './finding-tuple.js';
import { findingsJsonOf } from './lint-unit.js';

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'dashboard/panel-title', severity: 'warning', message: 'm', filePath: '/r/a.json', relPath: 'a.json', line: 1, column: 1, endLine: 1, endColumn: 2, fingerprint: 'fp', origin: 'document', ...over };
}

describe('FindingStore', () => {
  const findings = [
    finding({ line: 3, message: 'Panel title "Ünïcode ✓" — "quoted"\nnext line', pointer: '/panels/0/title', entity: 'dashboard:x/panel:1', messageId: 'placeholder' }),
    finding({ filePath: '/r/b.yaml', relPath: 'b.yaml', ruleId: 'alert/missing-for', severity: 'error', line: 9, fix: [{ start: 10, end: 12, text: 'for: 5m' }] }),
    finding({ line: 1, origin: 'tool', ruleId: 'parse-error' }),
    finding({ filePath: '/r/b.yaml', relPath: 'b.yaml', line: 2 }),
    finding({ line: 7 }),
  ];

  it('gives back every finding of a file, in the order added, whether held or written to its spill file', () => {
    const held = new FindingStore({ spillAbove: Infinity });
    const spilled = new FindingStore({ spillAbove: 2 });
    held.addAll(findings);
    spilled.addAll(findings);
    expect(held.spilled).toBe(false);
    expect(spilled.spilled).toBe(true);
    expect(spilled.size).toBe(5);
    expect([...spilled.files()]).toEqual([...held.files()]);
    expect([...spilled.files()]).toEqual([
      ['/r/a.json', 'a.json'],
      ['/r/b.yaml', 'b.yaml'],
    ]);
    for (const path of ['/r/a.json', '/r/b.yaml']) expect(spilled.read(path)).toEqual(held.read(path));
    expect(spilled.read('/r/a.json').map((f) => f.line)).toEqual([3, 1, 7]);
    // Read again: the same (spilled findings are not consumed).
    expect(spilled.read('/r/b.yaml')).toEqual(findings.filter((f) => f.relPath === 'b.yaml'));
    expect(spilled.read('/r/none.json')).toEqual([]);
    spilled.dispose();
  });

  it('holds findings given as cache tuples as they are, in the order of addition among the others', () => {
    const store = new FindingStore({ spillAbove: 1 });
    const [a, b, c] = [finding({ line: 1 }), finding({ line: 2, entity: 'e' }), finding({ line: 3, pointer: '/p' })];
    store.add(a);
    store.add(finding({ filePath: '/r/x.json', relPath: 'x.json' })); // the second finding: a spill
    store.add(b); // held
    store.addTuples('/r/a.json', 'a.json', [findingTuple(c, '/r/a.json', 'a.json')]);
    store.add(finding({ line: 4 }));
    expect(store.size).toBe(5);
    expect(store.read('/r/a.json').map((f) => f.line)).toEqual([1, 2, 3, 4]);
    expect(store.read('/r/a.json')[2]).toEqual(c);
    store.addTuples('/r/new.json', 'new.json', [findingTuple(c, '/r/new.json', 'new.json')]);
    // A tuple of another file's finding keeps that file's paths.
    expect(store.read('/r/new.json')).toEqual([c]);
    store.dispose();
  });

  it("takes a file's findings as their tuples' JSON (from a worker thread): spilled as they are, read back in order of addition", () => {
    const store = new FindingStore({ spillAbove: 1000 });
    const [a, b, c] = [finding({ line: 1 }), finding({ line: 2, ruleId: 'dashboard/rate-interval', fix: [{ start: 1, end: 2, text: 'x' }] }), finding({ line: 3 })];
    store.add(a); // held: comes first
    const json = findingsJsonOf([b, finding({ line: 9, filePath: '/r/other.json', relPath: 'other.json' })], '/r/a.json', 'a.json')!;
    expect(json.count).toBe(2);
    expect(json.ruleIds).toEqual(['dashboard/rate-interval', 'dashboard/panel-title']);
    store.addTuplesJson('/r/a.json', 'a.json', json);
    store.add(c);
    expect(store.spilled).toBe(true);
    expect(store.size).toBe(4);
    expect([...store.ruleIds()].sort()).toEqual(['dashboard/panel-title', 'dashboard/rate-interval']);
    const read = store.read('/r/a.json');
    expect(read.map((f) => f.line)).toEqual([1, 2, 9, 3]);
    expect(read[1]).toEqual(b);
    // A finding of another file keeps that file's paths.
    expect(read[2].relPath).toBe('other.json');
    expect(findingsJsonOf([], '/r/a.json', 'a.json')).toBeUndefined();
    store.dispose();
  });

  it("keeps tuples' JSON decoded in memory in a store that never spills", () => {
    const store = new FindingStore({ spillAbove: Infinity });
    store.addTuplesJson('/r/a.json', 'a.json', findingsJsonOf(findings.slice(0, 1), '/r/a.json', 'a.json')!);
    expect(store.spilled).toBe(false);
    expect(store.read('/r/a.json')).toEqual(findings.slice(0, 1));
  });

  it("keeps tuples' JSON decoded in memory when its spill file cannot be made", () => {
    const store = new FindingStore({ spillAbove: 1, dir: '/nonexistent/obslint-spill' });
    store.addTuplesJson('/r/a.json', 'a.json', findingsJsonOf(findings.slice(0, 1), '/r/a.json', 'a.json')!);
    expect(store.spilled).toBe(false);
    expect(store.read('/r/a.json')).toEqual(findings.slice(0, 1));
  });

  it('keeps findings in memory when its spill file cannot be made: nothing is lost', () => {
    const store = new FindingStore({ spillAbove: 1, dir: '/nonexistent/obslint-spill' });
    store.addAll(findings);
    expect(store.spilled).toBe(false);
    expect(store.read('/r/a.json')).toHaveLength(3);
    expect(store.read('/r/b.yaml')).toHaveLength(2);
  });
});
