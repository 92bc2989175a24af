import type { MetricIndex } from './metric-index.js';
import { definitionsOf, useSelects } from './metric-index.js';
import { factPosition } from '../runner/facts.js';

/** One metric of the index as `obslint metrics` shows it. */
export interface MetricIndexRow {
  metric: string;
  /** Types of its definitions (`counter`, `histogram`, `recording rule`, …); empty when the repository does not define it. */
  types: string[];
  sources: string[];
  /** Labels of its definitions (undefined when it is not defined here). */
  labels?: string[];
  /** False when some definition's labels are not all known (OpenTelemetry attributes, computed labelNames). */
  labelsComplete: boolean;
  /** Labels queries filter or group it by. */
  queriedLabels: string[];
  definedAt: string[];
  usedAt: string[];
}

const sorted = (s: Iterable<string>) => [...new Set(s)].sort();

/**
 * The index as rows: one per defined metric (with the places that query any of its series), then one per
 * metric that is queried but not defined in the repository. Sorted by name.
 */
export function metricIndexRows(index: MetricIndex): MetricIndexRow[] {
  const byName = new Map<string, MetricIndex['definitions']>();
  for (const d of index.definitions) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  const rows = new Map<string, MetricIndexRow & { queried: Set<string> }>();
  for (const [name, defs] of byName) {
    rows.set(name, {
      metric: name,
      types: sorted(defs.map((d) => d.type)),
      sources: sorted(defs.map((d) => d.source)),
      labels: sorted(defs.flatMap((d) => d.labels)),
      labelsComplete: defs.every((d) => d.labelsComplete),
      queriedLabels: [],
      queried: new Set(),
      definedAt: defs.map((d) => factPosition(d.at, d.file)),
      usedAt: [],
    });
  }
  const rowsOf = (metric: string): Array<MetricIndexRow & { queried: Set<string> }> => {
    const defined = [...new Set(definitionsOf(index, metric).map((d) => d.name))].map((n) => rows.get(n)!);
    if (defined.length) return defined;
    let row = rows.get(metric);
    if (!row) {
      row = { metric, types: [], sources: [], labelsComplete: false, queriedLabels: [], queried: new Set(), definedAt: [], usedAt: [] };
      rows.set(metric, row);
    }
    return [row];
  };
  for (const u of index.uses) {
    if (u.metric !== undefined) {
      for (const row of rowsOf(u.metric)) {
        row.usedAt.push(factPosition(u.at, u.file));
        u.labels.forEach((l) => row.queried.add(l.name));
      }
    } else {
      // A pattern (`{__name__=~"shop_.*"}`, a Grafana variable in the name) uses every defined metric it matches.
      for (const [name, defs] of byName) if (useSelects(u, defs.flatMap((d) => d.series))) rows.get(name)!.usedAt.push(factPosition(u.at, u.file));
    }
  }
  for (const g of index.groupings) for (const m of g.metrics) for (const row of rowsOf(m)) row.queried.add(g.label);
  return [...rows.values()]
    .map(({ queried, ...row }) => ({ ...row, queriedLabels: sorted(queried), usedAt: [...new Set(row.usedAt)] }))
    .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
}
