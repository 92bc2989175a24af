import { editDistance } from '../config/resolve-config.js';
import type { Settings } from '../config/settings.js';
import type { FactFile } from '../runner/facts.js';
import { groupingsOf, usesOf, type GroupingFact, type MetricDefinitionFact, type MetricFileFacts, type MetricUseFact } from './index-facts.js';

/**
 * The repository-wide metric index, built from every file's `collectMetricFacts` summary: which metrics the
 * repository defines (code, snapshots, recording rules), where it uses metrics, and which namespaces it owns.
 */
/** An index entry with the file it comes from (its locations are relative to that file: `factRef(x.at, x.file)`). */
export type Located<T> = T & { file: FactFile };

export interface MetricIndex {
  definitions: Array<Located<MetricDefinitionFact>>;
  /** Every use of a metric by a query (objects made as they are read: iterate, do not keep them all). */
  uses: Iterable<Located<MetricUseFact>>;
  /** Every `by (label)` grouping over known metrics (made as they are read, like `uses`). */
  groupings: Iterable<Located<GroupingFact>>;
  /** Definitions by every series name they expose. */
  bySeries: Map<string, Array<Located<MetricDefinitionFact>>>;
  /** Definitions whose names are built at run time, as anchored regular expressions. */
  patterns: Array<{ re: RegExp; def: Located<MetricDefinitionFact> }>;
  /**
   * Namespaces (first word of a name, or a configured longer prefix) of metrics the repository defines in
   * code or with colon-free recording rules. Snapshots do not make a namespace the repository's: they are
   * samples, often partial, often of other software.
   */
  owned: Set<string>;
  /** Whether any recording rule is defined (names with colons are checked only then). */
  hasRecordingRules: boolean;
}

/**
 * Namespaces of exporters, platforms and shared conventions: never the repository's, whatever it defines.
 * OpenTelemetry semantic-convention namespaces (`http`, `rpc`, `db`, …) are filled by instrumentation
 * libraries as much as by the service's own code.
 */
export const EXPORTER_NAMESPACES: ReadonlySet<string> = new Set([
  'node', 'kube', 'kubelet', 'kubeproxy', 'container', 'machine', 'cadvisor', 'apiserver', 'etcd', 'coredns', 'scheduler',
  'process', 'go', 'nodejs', 'python', 'jvm', 'prometheus', 'promhttp', 'scrape', 'alertmanager', 'grafana', 'otelcol', 'otel', 'windows',
  'http', 'rpc', 'grpc', 'db', 'messaging', 'system', 'runtime', 'v8js', 'dotnet', 'aspnetcore', 'kestrel', 'target',
]);

/** Labels Prometheus adds or uses for every metric (besides `settings.externalLabels`). */
export const PROMETHEUS_LABELS: ReadonlySet<string> = new Set(['__name__', 'le', 'quantile']);

const compiled = new Map<string, RegExp | undefined>();

/** A name pattern as an anchored regular expression (compiled once; undefined when it is not valid JavaScript). */
function anchored(source: string): RegExp | undefined {
  if (compiled.has(source)) return compiled.get(source);
  let re: RegExp | undefined;
  try {
    re = new RegExp(`^(?:${source})$`);
  } catch {
    re = undefined;
  }
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(source, re);
  return re;
}

/** The namespace of a metric name: a configured prefix it starts with (longest first), else its first word. */
export function metricNamespace(name: string, prefixes: readonly string[] = []): string | undefined {
  // Recording-rule names (`level:metric:operations`) belong to the namespace of their metric part.
  const metric = name.includes(':') ? name.split(':').filter(Boolean)[1] ?? '' : name;
  let best: string | undefined;
  for (const p of prefixes) {
    const base = p.replace(/_+$/, '');
    if (base && metric.startsWith(`${base}_`) && (!best || base.length > best.length)) best = base;
  }
  if (best) return best;
  const i = metric.indexOf('_');
  return i > 0 ? metric.slice(0, i) : undefined;
}

/** The namespace a run-time name pattern certainly has (its literal head up to the first `_`). */
function patternNamespace(pattern: string, prefixes: readonly string[]): string | undefined {
  const head = /^[a-zA-Z0-9_:]*/.exec(pattern)![0];
  return head.includes('_') ? metricNamespace(head, prefixes) : undefined;
}

const CODE_SOURCES = new Set(['prom-client', 'opentelemetry', 'default-metrics']);

/** Builds the index; prom-client default labels (`setDefaultLabels`) are added to every prom-client metric. */
export function buildMetricIndex(files: readonly MetricFileFacts[], prefixes: readonly string[] = []): MetricIndex {
  const index: MetricIndex = {
    definitions: [],
    uses: { *[Symbol.iterator]() {
      for (const f of files) for (const u of usesOf(f.queries)) yield located(u, f.file);
    } },
    groupings: { *[Symbol.iterator]() {
      for (const f of files) for (const g of groupingsOf(f.queries)) yield located(g, f.file);
    } },
    bySeries: new Map(),
    patterns: [],
    owned: new Set(),
    hasRecordingRules: false,
  };
  let defaultLabels: string[] | null = [];
  for (const f of files) {
    if (f.defaultLabels === null) defaultLabels = null;
    else if (f.defaultLabels && defaultLabels) defaultLabels.push(...f.defaultLabels);
  }
  for (const f of files) {
    const file = f.file;
    for (const d of f.definitions) {
      const def: Located<MetricDefinitionFact> =
        d.source === 'prom-client'
          ? { ...d, labels: [...new Set([...d.labels, ...(defaultLabels ?? [])])], labelsComplete: d.labelsComplete && defaultLabels !== null, file }
          : located(d, file);
      index.definitions.push(def);
      for (const s of def.series) {
        const list = index.bySeries.get(s);
        if (list) list.push(def);
        else index.bySeries.set(s, [def]);
      }
      if (def.pattern !== undefined) {
        const re = anchored(def.pattern);
        if (re) index.patterns.push({ re, def });
      }
      if (def.source === 'recording-rule') index.hasRecordingRules = true;
      const owns = CODE_SOURCES.has(def.source) || (def.source === 'recording-rule' && !def.name.includes(':'));
      const ns = owns ? (def.pattern !== undefined ? patternNamespace(def.pattern, prefixes) : metricNamespace(def.name, prefixes)) : undefined;
      if (ns && !EXPORTER_NAMESPACES.has(ns)) index.owned.add(ns);
    }
  }
  return index;
}

const shared = new WeakMap<object, Map<string, MetricIndex>>();

/**
 * The index of a `reduce` phase's summaries (`[{ relPath, data }]` of `collectMetricFacts`), built once and
 * shared by every rule that asks with the same namespaces (the runner hands them the same list).
 */
export function metricIndexOf(facts: ReadonlyArray<{ data: unknown }>, prefixes: readonly string[] = []): MetricIndex {
  let byPrefixes = shared.get(facts);
  if (!byPrefixes) shared.set(facts, (byPrefixes = new Map()));
  const key = prefixes.join('\u0000');
  let index = byPrefixes.get(key);
  if (!index) byPrefixes.set(key, (index = buildMetricIndex(facts.map((f) => f.data as MetricFileFacts), prefixes)));
  return index;
}

/** Marks a fact (in place: summaries are large) with the file its locations are relative to. */
function located<T extends object>(fact: T, file: FactFile): Located<T> {
  (fact as Located<T>).file = file;
  return fact as Located<T>;
}

/** Every definition of a series name (run-time names included). */
export function definitionsOf(index: MetricIndex, name: string): Array<Located<MetricDefinitionFact>> {
  const exact = index.bySeries.get(name) ?? [];
  const dynamic = index.patterns.filter((p) => p.re.test(name)).map((p) => p.def);
  return dynamic.length ? [...exact, ...dynamic] : exact;
}

export interface OwnershipOptions {
  /** Longer namespaces than the first word (`acme_shop` when `acme_` is shared by many teams). */
  namespaces?: readonly string[];
  settings: Pick<Settings, 'externalMetrics'>;
}

/** Whether a metric name lies in a namespace this repository defines (and nobody else is said to own). */
export function isOwnedMetric(index: MetricIndex, name: string, opts: OwnershipOptions): boolean {
  if (opts.settings.externalMetrics.some((p) => name.startsWith(p))) return false;
  if (name.includes(':') && !index.hasRecordingRules) return false;
  const ns = metricNamespace(name, opts.namespaces);
  return ns !== undefined && index.owned.has(ns);
}

/** The labels a metric's series carry, when every definition knows them all; undefined otherwise. */
export function completeLabels(defs: readonly MetricDefinitionFact[]): Set<string> | undefined {
  if (defs.length === 0 || defs.some((d) => !d.labelsComplete)) return undefined;
  return new Set(defs.flatMap((d) => d.labels));
}

/** Labels no definition has to list: Prometheus's own and `settings.externalLabels`. */
export function isExternalLabel(name: string, settings: Pick<Settings, 'externalLabels'>): boolean {
  return PROMETHEUS_LABELS.has(name) || settings.externalLabels.includes(name);
}

/** The closest candidate to `name` by edit distance, when close enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const max = Math.max(2, Math.floor(name.length / 4));
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c);
    if (d <= max && (!best || d < best.d || (d === best.d && c < best.c))) best = { c, d };
  }
  return best?.c;
}

/** Whether a use selects the series name (by name, or by its pattern). */
export function useSelects(use: Pick<MetricUseFact, 'metric' | 'pattern'>, series: readonly string[]): boolean {
  if (use.metric !== undefined) return series.includes(use.metric);
  const re = use.pattern !== undefined ? anchored(use.pattern) : undefined;
  return re !== undefined && series.some((s) => re.test(s));
}
