import type { FileFactLocation } from '../runner/facts.js';
import type { NodeRef } from '../source/node-ref.js';
import { sharedName } from '../util/intern.js';
import { SpilledText, type SpillFile } from '../util/spill-file.js';

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
    /** The metrics an aggregation reads, joined by commas (one shared string per distinct list). */
    metrics: string[];
  };
  /** The JSON text of `PackedLocations` (in a large run, kept in the run's spill file). */
  locations: string | SpilledText;
}

/** Where each use, label and grouping of a file is. */
interface PackedLocations {
  /** Distinct query sites; the `*Site` columns index into them. */
  sites: { where: string[]; entity: string[]; pointer: Array<string | null>; docIndex: number[] };
  useSite: number[];
  /**
   * Four numbers per range: line, column, endLine, endColumn. Empty when the ranges were not worked out: for a
   * file outside the shard (its uses are never reported), or until asked for (`later`, where the sites too are
   * left out: only a reported use needs its message text, entity or place).
   */
  useRange: number[];
  labelSite: number[];
  labelRange: number[];
  groupingSite: number[];
  groupingRange: number[];
  /** The file, when the ranges are worked out only if a rule reports a use (the run reads it again: `withUseLocator`). */
  later?: { path: string; relPath: string };
}

/**
 * When the ranges of a file's uses are worked out: as the summary is made (`now`: editors, `obslint metrics`),
 * only when a cross-file rule reports one of them (`later`: the lint run, which can read the file again), or
 * never (a file outside the shard: only its own findings would point at them, and they are not reported).
 */
export type UseLocating = 'now' | 'later' | 'never';

/** A label of a use, as the collector gives it to the packer. */
export interface LabelRef {
  name: string;
  ref: NodeRef;
}

/**
 * Builds a file's `PackedUses` as its queries are read: names and labels into columns, locations as
 * numbers (never formatted and parsed again), one site per query.
 */
export class UsePacker {
  /** `file`: the file the uses are in (for `later`). */
  constructor(
    private readonly locating: UseLocating = 'now',
    private readonly file?: { path: string; relPath: string },
  ) {}

  private readonly loc: PackedLocations = { sites: { where: [], entity: [], pointer: [], docIndex: [] }, useSite: [], useRange: [], labelSite: [], labelRange: [], groupingSite: [], groupingRange: [] };
  private readonly u: PackedUses['uses'] = { metric: [], pattern: [], source: [], labelStart: [0], labelName: [] };
  private readonly g: PackedUses['groupings'] = { label: [], metrics: [] };
  private last = -1;

  /** How many uses so far. */
  get useCount(): number {
    return this.u.source.length;
  }

  /** The metric of use k, when written out. */
  metricOf(k: number): string | undefined {
    return this.u.metric[k] ?? undefined;
  }

  use(metric: string | undefined, pattern: string | undefined, source: UseSource, where: string, entity: string, ref: NodeRef, labels: readonly LabelRef[]): void {
    // Names are cut from query text, itself often cut from the file's: one shared copy of their own.
    this.u.metric.push(metric === undefined ? null : sharedName(metric));
    this.u.pattern.push(pattern === undefined ? null : sharedName(pattern));
    this.u.source.push(source);
    if (this.locating !== 'later') this.loc.useSite.push(this.site(where, entity, ref));
    this.pushRange(this.loc.useRange, ref);
    for (const l of labels) this.addLabel(where, entity, l);
    this.u.labelStart.push(this.u.labelName.length);
  }

  /** One more label on the last use (the label of `label_values(metric, label)`). */
  labelOnLast(where: string, entity: string, label: LabelRef): void {
    this.addLabel(where, entity, label);
    this.u.labelStart[this.u.labelStart.length - 1] = this.u.labelName.length;
  }

  grouping(label: string, metrics: string[], where: string, entity: string, ref: NodeRef): void {
    this.g.label.push(sharedName(label));
    this.g.metrics.push(sharedName(metrics.join(',')));
    if (this.locating !== 'later') this.loc.groupingSite.push(this.site(where, entity, ref));
    this.pushRange(this.loc.groupingRange, ref);
  }

  finish(): PackedUses {
    // The columns live until the end of the run: copies without the spare room arrays grow with.
    const u = this.u;
    const uses: PackedUses['uses'] = { metric: u.metric.slice(), pattern: u.pattern.slice(), source: u.source.slice(), labelStart: u.labelStart.slice(), labelName: u.labelName.slice() };
    if (this.locating === 'later' && this.file && u.source.length + this.g.label.length > 0) this.loc.later = { path: this.file.path, relPath: this.file.relPath };
    return { uses, groupings: { label: this.g.label.slice(), metrics: this.g.metrics.slice() }, locations: JSON.stringify(this.loc) };
  }

  private addLabel(where: string, entity: string, l: LabelRef): void {
    this.u.labelName.push(sharedName(l.name));
    if (this.locating !== 'later') this.loc.labelSite.push(this.site(where, entity, l.ref));
    this.pushRange(this.loc.labelRange, l.ref);
  }

  private pushRange(to: number[], ref: NodeRef): void {
    if (this.locating !== 'now') return;
    const r = ref.range() ?? ref.file.rangeOf(0, 0);
    to.push(r.line, r.column, r.endLine, r.endColumn);
  }

  /** The site of a location: the last one again while the query is the same (the usual case), else a new one. */
  private site(where: string, entity: string, ref: NodeRef): number {
    const s = this.loc.sites;
    const pointer = ref.pointer ?? null;
    const docIndex = ref.docIndex ?? 0;
    const k = this.last;
    if (k >= 0 && s.where[k] === where && s.entity[k] === entity && s.pointer[k] === pointer && s.docIndex[k] === docIndex) return k;
    s.where.push(where);
    s.entity.push(entity);
    s.pointer.push(pointer);
    s.docIndex.push(docIndex);
    return (this.last = s.where.length - 1);
  }
}

/** The last file's decoded locations: uses are read a file at a time, and only reported ones need them. */
let decoded: { p: PackedUses; loc: PackedLocations } | undefined;

function decode(p: PackedUses): NonNullable<typeof decoded> {
  if (decoded?.p !== p) decoded = { p, loc: JSON.parse(String(p.locations)) as PackedLocations };
  return decoded;
}

/**
 * Works out where the uses of a file are, again (the file's summary made with its ranges): set by the run for
 * its repo-wide phase, where summaries made with `later` ask for it. Undefined when the file cannot be read.
 */
export type UseLocator = (file: { path: string; relPath: string }) => PackedUses | undefined;

let locator: UseLocator | undefined;

/**
 * The locations of the files read again in this repo-wide phase, by summary: each cross-file rule goes over
 * every file (uses, then groupings), so a file with findings of two rules would otherwise be read again twice.
 */
const relocated = new Map<PackedUses, PackedLocations>();

/** Runs `work` with `locate` working out the ranges of summaries made with `later`. */
export function withUseLocator<T>(locate: UseLocator, work: () => T): T {
  const before = locator;
  locator = locate;
  try {
    return work();
  } finally {
    locator = before;
    decoded = undefined;
    relocated.clear();
  }
}

const sameColumn = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether two summaries of a file have the same uses, labels and groupings (the file did not change between them). */
function sameUses(a: PackedUses, b: PackedUses): boolean {
  return (
    sameColumn(a.uses.metric, b.uses.metric) &&
    sameColumn(a.uses.pattern, b.uses.pattern) &&
    sameColumn(a.uses.source, b.uses.source) &&
    sameColumn(a.uses.labelName, b.uses.labelName) &&
    sameColumn(a.groupings.label, b.groupings.label)
  );
}

/**
 * Where a file's uses are, for a file that changed since its summary was made (other uses) or cannot be read
 * again: the file as a whole, at line 1.
 */
function wholeFile(p: PackedUses, file: { relPath: string }): PackedLocations {
  const zeros = (n: number) => new Array<number>(n).fill(0);
  return {
    sites: { where: [`a query of ${file.relPath}`], entity: [`file:${file.relPath}`], pointer: [null], docIndex: [0] },
    useSite: zeros(p.uses.source.length),
    useRange: [],
    labelSite: zeros(p.uses.labelName.length),
    labelRange: [],
    groupingSite: zeros(p.groupings.label.length),
    groupingRange: [],
  };
}

/**
 * The locations of a file's uses: as made, or (`later`) from the file read again. A file that changed since
 * (other uses) or cannot be read is pointed at as a whole, at line 1 (`wholeFile`).
 */
function locationsOf(p: PackedUses): PackedLocations {
  const { loc } = decode(p);
  if (!loc.later) return loc;
  let found = relocated.get(p);
  if (!found) {
    const again = locator?.(loc.later);
    found = again && sameUses(again, p) ? (JSON.parse(String(again.locations)) as PackedLocations) : wholeFile(p, loc.later);
    if (locator) relocated.set(p, found);
  }
  return found;
}

function locationAt(loc: PackedLocations, site: number, ranges: number[], k: number): FileFactLocation {
  const range = ranges.length >= 4 * (k + 1) ? `${ranges[4 * k]}:${ranges[4 * k + 1]}:${ranges[4 * k + 2]}:${ranges[4 * k + 3]}` : '1:1:1:1';
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

/** Where a use or grouping is (message text, entity, location), read from the file's locations when asked for. */
abstract class SiteView {
  constructor(
    protected readonly p: PackedUses,
    protected readonly k: number,
  ) {}

  /** The site column and the ranges column of this kind of fact. */
  protected abstract columns(loc: PackedLocations): { site: number[]; ranges: number[] };

  get where(): string {
    const loc = locationsOf(this.p);
    return loc.sites.where[this.columns(loc).site[this.k]];
  }

  get entity(): string {
    const loc = locationsOf(this.p);
    return loc.sites.entity[this.columns(loc).site[this.k]];
  }

  get at(): FileFactLocation {
    const loc = locationsOf(this.p);
    const c = this.columns(loc);
    return locationAt(loc, c.site[this.k], c.ranges, this.k);
  }
}

/** A use: names and labels at once; where it is when asked for. */
class UseView extends SiteView implements MetricUseFact {
  readonly metric?: string;
  readonly pattern?: string;
  readonly source: UseSource;
  readonly labels: LabelRefFact[];

  constructor(p: PackedUses, k: number) {
    super(p, k);
    const c = p.uses;
    if (c.metric[k] !== null) this.metric = c.metric[k]!;
    if (c.pattern[k] !== null) this.pattern = c.pattern[k]!;
    this.source = c.source[k];
    this.labels = [];
    for (let i = c.labelStart[k]; i < c.labelStart[k + 1]; i++) this.labels.push(new LabelView(c.labelName[i], p, i));
  }

  protected columns(loc: PackedLocations) {
    return { site: loc.useSite, ranges: loc.useRange };
  }
}

/** A grouping: label and metrics at once; where it is when asked for. */
class GroupingView extends SiteView implements GroupingFact {
  readonly label: string;
  readonly metrics: string[];

  constructor(p: PackedUses, k: number) {
    super(p, k);
    this.label = p.groupings.label[k];
    this.metrics = p.groupings.metrics[k].split(',');
  }

  protected columns(loc: PackedLocations) {
    return { site: loc.groupingSite, ranges: loc.groupingRange };
  }
}

/** How many uses the columns hold. */
function useCount(p: PackedUses): number {
  return p.uses.source.length;
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

/** The columns with their location text moved to the run's spill file (a copy; unchanged if it cannot be written). */
export function offloadLocations(p: PackedUses, spill: SpillFile): PackedUses {
  if (typeof p.locations !== 'string' || p.locations.length < 256) return p;
  const refs = spill.write([p.locations]);
  return refs ? { ...p, locations: new SpilledText(spill, refs[0]) } : p;
}
