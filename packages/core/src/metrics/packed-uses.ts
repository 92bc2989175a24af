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
 * repository's summaries were most of a run's memory. What the repo-wide rules look at for every use (names,
 * labels) is kept in columns of shared strings; where each use is (query site, ranges) is needed only for
 * the few that are reported, so it is kept as one JSON text per file and decoded when asked for. All of it
 * stays JSON (cache, worker threads). Read it through `usesOf` and `groupingsOf`.
 */
export interface PackedUses {
  uses: {
    metric: Array<string | null>;
    pattern: Array<string | null>;
    source: UseSource[];
    /** Labels of use k are `labelName[labelStart[k] .. labelStart[k + 1])`. */
    labelStart: number[];
    labelName: string[];
  };
  groupings: {
    label: string[];
    metrics: string[][];
  };
  /** The JSON text of `PackedLocations`. */
  locations: string;
}

/** Where each use, label and grouping of a file is. */
interface PackedLocations {
  /** Distinct query sites; the `*Site` columns index into them. */
  sites: { where: string[]; entity: string[]; pointer: Array<string | null>; docIndex: number[] };
  useSite: number[];
  /** Four numbers per range: line, column, endLine, endColumn. */
  useRange: number[];
  labelSite: number[];
  labelRange: number[];
  groupingSite: number[];
  groupingRange: number[];
}

function pushRange(to: number[], range: string): void {
  const a = range.split(':');
  to.push(+a[0], +a[1], +a[2], +a[3]);
}

/** Packs uses and groupings (built as objects while a file is read) into columns. */
export function packUses(uses: readonly MetricUseFact[], groupings: readonly GroupingFact[]): PackedUses {
  const loc: PackedLocations = { sites: { where: [], entity: [], pointer: [], docIndex: [] }, useSite: [], useRange: [], labelSite: [], labelRange: [], groupingSite: [], groupingRange: [] };
  const sites = loc.sites;
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
  const u: PackedUses['uses'] = { metric: [], pattern: [], source: [], labelStart: [0], labelName: [] };
  for (const use of uses) {
    u.metric.push(use.metric ?? null);
    u.pattern.push(use.pattern ?? null);
    u.source.push(use.source);
    loc.useSite.push(siteOf(use.where, use.entity, use.at));
    pushRange(loc.useRange, use.at.range);
    for (const l of use.labels) {
      u.labelName.push(l.name);
      loc.labelSite.push(siteOf(use.where, use.entity, l.at));
      pushRange(loc.labelRange, l.at.range);
    }
    u.labelStart.push(u.labelName.length);
  }
  const g: PackedUses['groupings'] = { label: [], metrics: [] };
  for (const x of groupings) {
    g.label.push(x.label);
    g.metrics.push(x.metrics);
    loc.groupingSite.push(siteOf(x.where, x.entity, x.at));
    pushRange(loc.groupingRange, x.at.range);
  }
  return { uses: u, groupings: g, locations: JSON.stringify(loc) };
}

/** The last file's decoded locations: uses are read a file at a time, and only reported ones need them. */
let decoded: { p: PackedUses; loc: PackedLocations } | undefined;

function locationsOf(p: PackedUses): PackedLocations {
  if (decoded?.p !== p) decoded = { p, loc: JSON.parse(p.locations) as PackedLocations };
  return decoded.loc;
}

function locationAt(loc: PackedLocations, site: number, ranges: number[], k: number): FileFactLocation {
  const range = `${ranges[4 * k]}:${ranges[4 * k + 1]}:${ranges[4 * k + 2]}:${ranges[4 * k + 3]}`;
  const pointer = loc.sites.pointer[site];
  const docIndex = loc.sites.docIndex[site];
  return pointer === null ? (docIndex ? { range, docIndex } : { range }) : docIndex ? { range, pointer, docIndex } : { range, pointer };
}

/** A label of a use: its name at once, its location when asked for. */
class LabelView implements LabelRefFact {
  constructor(
    readonly name: string,
    private readonly p: PackedUses,
    private readonly i: number,
  ) {}

  get at(): FileFactLocation {
    const loc = locationsOf(this.p);
    return locationAt(loc, loc.labelSite[this.i], loc.labelRange, this.i);
  }
}

/** A use: names and labels at once; where it is (message text, entity, location) when asked for. */
class UseView implements MetricUseFact {
  readonly metric?: string;
  readonly pattern?: string;
  readonly source: UseSource;
  readonly labels: LabelRefFact[];

  constructor(
    private readonly p: PackedUses,
    private readonly k: number,
  ) {
    const c = p.uses;
    if (c.metric[k] !== null) this.metric = c.metric[k]!;
    if (c.pattern[k] !== null) this.pattern = c.pattern[k]!;
    this.source = c.source[k];
    this.labels = [];
    for (let i = c.labelStart[k]; i < c.labelStart[k + 1]; i++) this.labels.push(new LabelView(c.labelName[i], p, i));
  }

  get where(): string {
    const loc = locationsOf(this.p);
    return loc.sites.where[loc.useSite[this.k]];
  }

  get entity(): string {
    const loc = locationsOf(this.p);
    return loc.sites.entity[loc.useSite[this.k]];
  }

  get at(): FileFactLocation {
    const loc = locationsOf(this.p);
    return locationAt(loc, loc.useSite[this.k], loc.useRange, this.k);
  }
}

/** A grouping: label and metrics at once; where it is when asked for. */
class GroupingView implements GroupingFact {
  readonly label: string;
  readonly metrics: string[];

  constructor(
    private readonly p: PackedUses,
    private readonly k: number,
  ) {
    this.label = p.groupings.label[k];
    this.metrics = p.groupings.metrics[k];
  }

  get where(): string {
    const loc = locationsOf(this.p);
    return loc.sites.where[loc.groupingSite[this.k]];
  }

  get entity(): string {
    const loc = locationsOf(this.p);
    return loc.sites.entity[loc.groupingSite[this.k]];
  }

  get at(): FileFactLocation {
    const loc = locationsOf(this.p);
    return locationAt(loc, loc.groupingSite[this.k], loc.groupingRange, this.k);
  }
}

/** How many uses the columns hold. */
export function useCount(p: PackedUses): number {
  return p.uses.source.length;
}

/** The k-th use (made when asked for: nothing holds it afterwards). Its location is read on first access. */
export function useAt(p: PackedUses, k: number): MetricUseFact {
  return new UseView(p, k);
}

/** Every use, made one at a time. */
export function* usesOf(p: PackedUses): Generator<MetricUseFact> {
  const n = useCount(p);
  for (let k = 0; k < n; k++) yield new UseView(p, k);
}

/** Every grouping, made one at a time. */
export function* groupingsOf(p: PackedUses): Generator<GroupingFact> {
  for (let k = 0; k < p.groupings.label.length; k++) yield new GroupingView(p, k);
}

/** A use or grouping as a plain object, with its location read (tests, reports that list every use). */
export function plainFact<T extends MetricUseFact | GroupingFact>(f: T): T {
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
