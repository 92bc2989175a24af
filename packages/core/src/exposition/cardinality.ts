import type { ExpositionSnapshot, MetricFamily, MetricSample, SampleLabel } from './parse-exposition.js';

/** Labels that the metric type adds (bucket bounds, quantiles, stateset states): structure, not cardinality. */
export const STRUCTURAL_LABELS: ReadonlySet<string> = new Set(['le', 'quantile']);

export interface LabelBreakdown {
  name: string;
  /** Distinct values of the label in the family. */
  distinctValues: number;
  /** Number of samples that carry the label. */
  samples: number;
  /** The first sample carrying the label, and the label itself (for precise locations). */
  firstSample: MetricSample;
  firstLabel: SampleLabel;
  /** A few example values (the first ones seen). */
  examples: string[];
}

export interface CardinalityBreakdown {
  family: MetricFamily;
  /** Distinct series (sample name + label set) the family exposes. */
  series: number;
  /** Every label name (structural labels included), in order of first appearance. */
  labels: LabelBreakdown[];
  /** Non-structural labels by distinct values, worst first. */
  worstLabels: LabelBreakdown[];
  /** Distinct finite `le` bounds of a histogram (0 for other types). */
  buckets: number;
}

const EXAMPLES = 5;
const cache = new WeakMap<MetricFamily, CardinalityBreakdown>();

/**
 * The cardinality breakdown of one metric family: series count, distinct values per label and the worst
 * labels. One pass over the family's samples; cached per family so every rule shares it.
 */
export function cardinalityBreakdown(family: MetricFamily): CardinalityBreakdown {
  const hit = cache.get(family);
  if (hit) return hit;
  const seriesKeys = new Set<string>();
  const byLabel = new Map<string, { values: Set<string>; info: LabelBreakdown }>();
  const bounds = new Set<number>();
  const text = family.snapshot.file.text;
  for (const s of family.samples) {
    // The sample's name and label text as written: one slice, no concatenation per label.
    seriesKeys.add(s.labels.length ? text.slice(s.nameStart, s.labels[s.labels.length - 1].end) : s.name);
    for (const l of s.labels) {
      let e = byLabel.get(l.name);
      if (!e) {
        e = { values: new Set(), info: { name: l.name, distinctValues: 0, samples: 0, firstSample: s, firstLabel: l, examples: [] } };
        byLabel.set(l.name, e);
      }
      e.info.samples++;
      if (!e.values.has(l.value)) {
        e.values.add(l.value);
        if (e.info.examples.length < EXAMPLES) e.info.examples.push(l.value);
      }
      if (l.name === 'le' && (family.type === 'histogram' || family.type === 'gaugehistogram')) {
        const b = Number(l.value);
        if (Number.isFinite(b)) bounds.add(b);
      }
    }
  }
  const labels = [...byLabel.values()].map((e) => {
    e.info.distinctValues = e.values.size;
    return e.info;
  });
  const worstLabels = labels.filter((l) => !STRUCTURAL_LABELS.has(l.name) && l.name !== family.name).sort((a, b) => b.distinctValues - a.distinctValues);
  const out: CardinalityBreakdown = { family, series: seriesKeys.size, labels, worstLabels, buckets: bounds.size };
  cache.set(family, out);
  return out;
}

export interface SnapshotCardinality {
  snapshot: ExpositionSnapshot;
  /** Total distinct series in the snapshot. */
  series: number;
  /** Families by series count, largest first. */
  families: CardinalityBreakdown[];
}

/** Cardinality of a whole snapshot: the families ranked by series (what the audit report's top offenders show). */
export function snapshotCardinality(snapshot: ExpositionSnapshot): SnapshotCardinality {
  const families = snapshot.families.map(cardinalityBreakdown).sort((a, b) => b.series - a.series);
  return { snapshot, series: families.reduce((n, f) => n + f.series, 0), families };
}

/** The first sample of the family whose label `name` satisfies `test`, with that label. */
export function firstSampleWhere(family: MetricFamily, name: string, test: (value: string) => boolean): { sample: MetricSample; label: SampleLabel } | undefined {
  for (const sample of family.samples) {
    for (const label of sample.labels) if (label.name === name && test(label.value)) return { sample, label };
  }
  return undefined;
}
