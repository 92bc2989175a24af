import { describe, expect, it } from 'vitest';
import type { FileFactLocation } from '../runner/facts.js';
import type { NodeRef } from '../source/node-ref.js';
import { UsePacker, groupingsOf, usesOf, withUseLocator, type GroupingFact, type MetricUseFact, type PackedUses, type UseLocating } from './packed-uses.js';

/** A location given as a compact fact location, as the collector's NodeRef. */
function refOf(at: FileFactLocation): NodeRef {
  const [line, column, endLine, endColumn] = at.range.split(':').map(Number);
  const range = { line, column, endLine, endColumn, startOffset: 0, endOffset: 0 };
  return { file: undefined as never, pointer: at.pointer, docIndex: at.docIndex ?? 0, range: () => range };
}

/** Packs uses and groupings given as objects, through the collector's packer. */
function packUses(uses: readonly MetricUseFact[], groupings: readonly GroupingFact[], locating: UseLocating = 'now'): PackedUses {
  const packer = new UsePacker(locating, { path: '/repo/shop.json', relPath: 'shop.json' });
  for (const u of uses) packer.use(u.metric, u.pattern, u.source, u.where, u.entity, refOf(u.at), u.labels.map((l) => ({ name: l.name, ref: refOf(l.at) })));
  for (const g of groupings) packer.grouping(g.label, g.metrics, g.where, g.entity, refOf(g.at));
  return packer.finish();
}

/** A view as a plain object, every field (locations included) read. */
function plainFact<T extends MetricUseFact | GroupingFact>(f: T): T {
  if ('labels' in f) {
    const u = f as MetricUseFact;
    const out: MetricUseFact = { source: u.source, where: u.where, entity: u.entity, at: u.at, labels: u.labels.map((l) => ({ name: l.name, at: l.at })) };
    if (u.metric !== undefined) out.metric = u.metric;
    if (u.pattern !== undefined) out.pattern = u.pattern;
    return out as T;
  }
  const g = f as GroupingFact;
  return { label: g.label, metrics: g.metrics, where: g.where, entity: g.entity, at: g.at } as T;
}

describe('packed metric uses', () => {
  const uses: MetricUseFact[] = [
    { metric: 'shop_orders_total', source: 'dashboard', where: 'panel "Orders" of dashboard "Shop"', entity: 'dashboard:shop/panel:1/target:A', at: { range: '4:10:4:27', pointer: '/panels/0/targets/0/expr' }, labels: [{ name: 'status', at: { range: '4:28:4:34', pointer: '/panels/0/targets/0/expr' } }] },
    { pattern: 'shop_.*_total', source: 'dashboard', where: 'panel "Orders" of dashboard "Shop"', entity: 'dashboard:shop/panel:1/target:A', at: { range: '4:40:4:60', pointer: '/panels/0/targets/0/expr' }, labels: [] },
    { metric: 'up', source: 'alert', where: 'alert "Down"', entity: 'group:g/alert:Down', at: { range: '2:9:2:11', pointer: '/groups/0/rules/0/expr', docIndex: 2 }, labels: [{ name: 'job', at: { range: '3:1:3:4', pointer: '/groups/0/rules/0/labels/job', docIndex: 2 } }, { name: 'env', at: { range: '2:12:2:15', pointer: '/groups/0/rules/0/expr', docIndex: 2 } }] },
    { metric: 'x', source: 'recording', where: 'recording rule "x"', entity: 'r', at: { range: '1:1:1:2' }, labels: [] },
  ];
  const groupings: GroupingFact[] = [{ label: 'route', metrics: ['shop_orders_total'], where: 'panel "Orders" of dashboard "Shop"', entity: 'dashboard:shop/panel:1/target:A', at: { range: '4:5:4:10', pointer: '/panels/0/targets/0/expr' } }];

  it('gives back the same uses and groupings, through JSON too (cache and worker threads)', () => {
    const packed = packUses(uses, groupings);
    expect([...usesOf(packed)].map(plainFact)).toEqual(uses);
    expect([...groupingsOf(packed)].map(plainFact)).toEqual(groupings);
    const copy = JSON.parse(JSON.stringify(packed)) as typeof packed;
    expect([...usesOf(copy)].map(plainFact)).toEqual(uses);
    expect([...groupingsOf(copy)].map(plainFact)).toEqual(groupings);
    // Names and labels without decoding locations; locations of any use when asked for, in any order.
    const views = [...usesOf(copy)];
    expect(views.map((u) => u.metric ?? u.pattern)).toEqual(['shop_orders_total', 'shop_.*_total', 'up', 'x']);
    expect(views[2].labels[0].at).toEqual(uses[2].labels[0].at);
    expect(views[0].at).toEqual(uses[0].at);
  });

  it('stores a query site once for the uses, labels and groupings that follow one another in it', () => {
    const loc = JSON.parse(packUses(uses, groupings).locations as string) as { sites: { where: string[] }; useSite: number[]; labelSite: number[]; groupingSite: number[] };
    expect(loc.sites.where).toEqual(['panel "Orders" of dashboard "Shop"', 'alert "Down"', 'alert "Down"', 'alert "Down"', 'recording rule "x"', 'panel "Orders" of dashboard "Shop"']);
    expect(loc.useSite).toEqual([0, 0, 1, 4]);
    // The label in another node (the alert's labels) has a site of its own.
    expect(loc.labelSite).toEqual([0, 2, 3]);
    expect(loc.groupingSite).toEqual([5]);
  });

  it('made `later`, works out the ranges only when a location is read, from the file read again', () => {
    const later = JSON.parse(JSON.stringify(packUses(uses, groupings, 'later'))) as PackedUses;
    const asked: string[] = [];
    const views = withUseLocator(
      (f) => {
        asked.push(f.relPath);
        return packUses(uses, groupings);
      },
      () => {
        const views = [...usesOf(later)];
        // Names, sources and labels need nothing else; a use's message text, entity and place are read for a finding.
        expect(views.map((u) => [u.metric ?? u.pattern, u.source, u.labels.map((l) => l.name)])).toEqual(uses.map((u) => [u.metric ?? u.pattern, u.source, u.labels.map((l) => l.name)]));
        expect(asked).toEqual([]);
        expect(views.map(plainFact)).toEqual(uses);
        expect([...groupingsOf(later)].map(plainFact)).toEqual(groupings);
        return views;
      },
    );
    // The file is read again once for all its uses and groupings.
    expect(asked).toEqual(['shop.json']);
    // Outside the run's repo-wide phase nothing reads the file again: the whole file stands in.
    expect(views[0].where).toBe('a query of shop.json');
  });

  it('made `later`, points at the whole file when it changed since or cannot be read', () => {
    const later = packUses(uses, groupings, 'later');
    const changed = packUses(uses.slice(1), groupings);
    const read = (u: MetricUseFact) => ({ where: u.where, entity: u.entity, at: u.at, labels: u.labels.map((l) => l.at) });
    const whole = uses.map((u) => ({ where: 'a query of shop.json', entity: 'file:shop.json', at: { range: '1:1:1:1' }, labels: u.labels.map(() => ({ range: '1:1:1:1' })) }));
    expect(withUseLocator(() => changed, () => [...usesOf(later)].map(read))).toEqual(whole);
    expect(withUseLocator(() => undefined, () => [...usesOf(later)].map(read))).toEqual(whole);
    expect(withUseLocator(() => undefined, () => [...groupingsOf(later)].map((g) => [g.where, g.at]))).toEqual([['a query of shop.json', { range: '1:1:1:1' }]]);
    // Never located (a file outside the shard, whose findings are not reported): line 1 with the pointer, and
    // nothing is read.
    const pointers = uses.map((u) => ({ range: '1:1:1:1', ...(u.at.pointer ? { pointer: u.at.pointer } : {}), ...(u.at.docIndex ? { docIndex: u.at.docIndex } : {}) }));
    expect(withUseLocator(() => { throw new Error('read'); }, () => [...usesOf(packUses(uses, groupings, 'never'))].map((u) => u.at))).toEqual(pointers);
  });

  it('made `later`, reads each file again once in a repo-wide phase, however often its uses are gone over', () => {
    const a = packUses(uses, groupings, 'later');
    const b = packUses(uses, groupings, 'later');
    let reads = 0;
    withUseLocator(
      () => (reads++, packUses(uses, groupings)),
      () => {
        // Rules go over every file in turn, uses then groupings, and each rule again.
        for (let pass = 0; pass < 3; pass++) for (const p of [a, b, a]) [...usesOf(p), ...groupingsOf(p)].forEach((f) => f.at);
      },
    );
    expect(reads).toBe(2);
  });
});
