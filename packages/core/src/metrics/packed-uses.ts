import type { FileFactLocation } from '../runner/facts.js';

export type UseSource = 'dashboard' | 'variable' | 'alert' | 'recording';

/** A label a query filters a selector by (a matcher, the label of `label_values`). */
export interface LabelRefFact {
  name: string;
  at: FileFactLocation;
}

/** One use of a metric by a query. */
export interface MetricUseFact {
  /** The metric name, when written out. */
  metric?: string;
  /** Otherwise a regular expression (source) for the names it may select (Grafana variables, `__name__=~`). */
  pattern?: string;
  source: UseSource;
  /** For messages: `panel "Orders" of dashboard "Shop"`, `alert "HighErrors"`. */
  where: string;
  entity: string;
  /** The metric name as written (the whole selector when it has no name). */
  at: FileFactLocation;
  /** Labels the query filters this selector by (matchers, the label of `label_values`). */
  labels: LabelRefFact[];
}

/** `by (label)` of an aggregation over selectors of known metrics. */
export interface GroupingFact {
  label: string;
  metrics: string[];
  where: string;
  entity: string;
  at: FileFactLocation;
}

/**
 * A file's metric uses and groupings, a column per field. A dashboard has hundreds of uses; as one object
 * each (with its location, labels and their locations) they took about 600 bytes apiece, and a large
 * repository's summaries were most of a run's memory. Columns of shared strings take a quarter of that, and
 * stay JSON (cache, worker threads). Read them through `usesOf` and `groupingsOf`.
 */
export interface PackedUses {
  /** Distinct query sites (where, entity, pointer, document index); the `site` columns index into them. */
  sites: { where: string[]; entity: string[]; pointer: Array<string | null>; docIndex: number[] };
  uses: {
    metric: Array<string | null>;
    pattern: Array<string | null>;
    source: UseSource[];
    site: number[];
    /** `"line:column:endLine:endColumn"`. */
    range: string[];
    /** Labels of use k are `label*[labelStart[k] .. labelStart[k + 1])`. */
    labelStart: number[];
    labelName: string[];
    labelSite: number[];
    labelRange: string[];
  };
  groupings: {
    label: string[];
    metrics: string[][];
    site: number[];
    range: string[];
  };
}

/** Packs uses and groupings (built as objects while a file is read) into columns. */
export function packUses(uses: readonly MetricUseFact[], groupings: readonly GroupingFact[]): PackedUses {
  const sites: PackedUses['sites'] = { where: [], entity: [], pointer: [], docIndex: [] };
  const siteIds = new Map<string, number>();
  let last = -1;
  const siteOf = (where: string, entity: string, at: FileFactLocation): number => {
    // A query's uses and groupings come one after another: most often the site of the one before.
    if (last >= 0 && sites.where[last] === where && sites.entity[last] === entity && sites.pointer[last] === (at.pointer ?? null) && sites.docIndex[last] === (at.docIndex ?? 0)) return last;
    const key = `${where}\u0000${entity}\u0000${at.pointer ?? ''}\u0000${at.docIndex ?? 0}`;
    let id = siteIds.get(key);
    if (id === undefined) {
      siteIds.set(key, (id = sites.where.length));
      sites.where.push(where);
      sites.entity.push(entity);
      sites.pointer.push(at.pointer ?? null);
      sites.docIndex.push(at.docIndex ?? 0);
    }
    return (last = id);
  };
  const u: PackedUses['uses'] = { metric: [], pattern: [], source: [], site: [], range: [], labelStart: [0], labelName: [], labelSite: [], labelRange: [] };
  for (const use of uses) {
    u.metric.push(use.metric ?? null);
    u.pattern.push(use.pattern ?? null);
    u.source.push(use.source);
    u.site.push(siteOf(use.where, use.entity, use.at));
    u.range.push(use.at.range);
    for (const l of use.labels) {
      u.labelName.push(l.name);
      u.labelSite.push(siteOf(use.where, use.entity, l.at));
      u.labelRange.push(l.at.range);
    }
    u.labelStart.push(u.labelName.length);
  }
  const g: PackedUses['groupings'] = { label: [], metrics: [], site: [], range: [] };
  for (const x of groupings) {
    g.label.push(x.label);
    g.metrics.push(x.metrics);
    g.site.push(siteOf(x.where, x.entity, x.at));
    g.range.push(x.at.range);
  }
  return { sites, uses: u, groupings: g };
}

function locationAt(p: PackedUses, site: number, range: string): FileFactLocation {
  const pointer = p.sites.pointer[site];
  const docIndex = p.sites.docIndex[site];
  return pointer === null ? (docIndex ? { range, docIndex } : { range }) : docIndex ? { range, pointer, docIndex } : { range, pointer };
}

/** How many uses the columns hold. */
export function useCount(p: PackedUses): number {
  return p.uses.source.length;
}

/** The k-th use, as an object (made when asked for: nothing holds it afterwards). */
export function useAt(p: PackedUses, k: number): MetricUseFact {
  const c = p.uses;
  const site = c.site[k];
  const labels: LabelRefFact[] = [];
  for (let i = c.labelStart[k]; i < c.labelStart[k + 1]; i++) labels.push({ name: c.labelName[i], at: locationAt(p, c.labelSite[i], c.labelRange[i]) });
  const use: MetricUseFact = { source: c.source[k], where: p.sites.where[site], entity: p.sites.entity[site], at: locationAt(p, site, c.range[k]), labels };
  if (c.metric[k] !== null) use.metric = c.metric[k]!;
  if (c.pattern[k] !== null) use.pattern = c.pattern[k]!;
  return use;
}

/** Every use, as objects made one at a time. */
export function* usesOf(p: PackedUses): Generator<MetricUseFact> {
  const n = useCount(p);
  for (let k = 0; k < n; k++) yield useAt(p, k);
}

/** Every grouping, as objects made one at a time. */
export function* groupingsOf(p: PackedUses): Generator<GroupingFact> {
  const c = p.groupings;
  for (let k = 0; k < c.label.length; k++) {
    const site = c.site[k];
    yield { label: c.label[k], metrics: c.metrics[k], where: p.sites.where[site], entity: p.sites.entity[site], at: locationAt(p, site, c.range[k]) };
  }
}
