/**
 * Metric naming conventions for both dialects, shared by every source (exposition snapshots, prom-client,
 * OpenTelemetry instruments, recording rules) and by the ESLint rules.
 *
 * The `prometheus` dialect mirrors promlint (github.com/prometheus/client_golang, testutil/promlint), the
 * linter behind `promtool check metrics`: the same checks, the same conditions, the same problem texts.
 * Help text is checked separately (metric/missing-help).
 */
import type { MetricFamily, MetricType } from '../exposition/parse-exposition.js';
import { cardinalityBreakdown } from '../exposition/cardinality.js';
import { abbreviatedUnits, metricUnit, UNIT_BASES, UNIT_PREFIXES } from './units.js';

export type MetricDialect = 'prometheus' | 'otel';

export type PrometheusNameCheck =
  | 'invalid-name'
  | 'invalid-label-name'
  | 'camel-case'
  | 'label-camel-case'
  | 'counter-total'
  | 'non-counter-total'
  | 'base-unit'
  | 'abbreviated-unit'
  | 'type-in-name'
  | 'reserved-suffix'
  | 'reserved-label'
  | 'colon';

export type OtelNameCheck = 'otel-invalid-name' | 'otel-uppercase' | 'otel-not-dotted' | 'otel-unit-in-name' | 'otel-total';

export interface NameProblem<C extends string = PrometheusNameCheck | OtelNameCheck> {
  check: C;
  /** What is wrong, in promlint's words for the prometheus dialect. */
  text: string;
  /** The label the problem is about, for label checks. */
  label?: string;
}

export interface PrometheusMetricDefinition {
  name: string;
  /** The declared type; undefined, `untyped` and `unknown` skip the type-dependent checks (as promlint does). */
  type?: MetricType;
  labelNames?: readonly string[];
  /** Recording rules may (and should) use colons. */
  recordingRule?: boolean;
  /**
   * OpenMetrics counters are declared without `_total` and expose `<name>_total` samples: true when the
   * counter's samples carry the suffix.
   */
  totalSamples?: boolean;
}

const PROM_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const PROM_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const CAMEL = /[a-z][A-Z]/;
/** promlint's type names (dto.MetricType without UNTYPED), lower-cased. */
const TYPE_NAMES = ['counter', 'gauge', 'summary', 'histogram', 'gauge_histogram'];

/** The promlint checks (except help text) for one metric definition, in promlint's order. */
export function prometheusNameProblems(def: PrometheusMetricDefinition): NameProblem<PrometheusNameCheck>[] {
  const out: NameProblem<PrometheusNameCheck>[] = [];
  const { name } = def;
  const type = def.type === 'unknown' ? 'untyped' : def.type ?? 'untyped';
  const untyped = type === 'untyped';
  if (!PROM_NAME.test(name)) out.push({ check: 'invalid-name', text: 'metric names must match [a-zA-Z_:][a-zA-Z0-9_:]*' });

  // Recording rules (`level:metric:operations`): units are judged in every colon-separated part.
  const words = def.recordingRule ? name.replace(/:/g, '_') : name;
  const unit = metricUnit(words);
  if (unit && unit.unit !== unit.base) out.push({ check: 'base-unit', text: `use base unit "${unit.base}" instead of "${unit.unit}"` });

  const total = name.endsWith('_total');
  if (type === 'counter' && !total && !def.totalSamples) out.push({ check: 'counter-total', text: 'counter metrics should have "_total" suffix' });
  else if (!untyped && type !== 'counter' && total) out.push({ check: 'non-counter-total', text: 'non-counter metrics should not have "_total" suffix' });

  const labels = [...new Set(def.labelNames ?? [])];
  if (!untyped) {
    const histogram = type === 'histogram' || type === 'gaugehistogram';
    const summary = type === 'summary';
    if (!histogram && name.endsWith('_bucket')) out.push({ check: 'reserved-suffix', text: 'non-histogram metrics should not have "_bucket" suffix' });
    if (!histogram && !summary && name.endsWith('_count')) out.push({ check: 'reserved-suffix', text: 'non-histogram and non-summary metrics should not have "_count" suffix' });
    if (!histogram && !summary && name.endsWith('_sum')) out.push({ check: 'reserved-suffix', text: 'non-histogram and non-summary metrics should not have "_sum" suffix' });
    for (const l of labels) {
      if (!histogram && l === 'le') out.push({ check: 'reserved-label', text: 'non-histogram metrics should not have "le" label', label: l });
      if (!summary && l === 'quantile') out.push({ check: 'reserved-label', text: 'non-summary metrics should not have "quantile" label', label: l });
    }
  }

  const lower = name.toLowerCase();
  for (const t of TYPE_NAMES) {
    if (lower.includes(`_${t}_`) || lower.endsWith(`_${t}`)) out.push({ check: 'type-in-name', text: `metric name should not include type '${t}'` });
  }
  if (name.includes(':') && !def.recordingRule) out.push({ check: 'colon', text: "metric names should not contain ':'" });
  if (CAMEL.test(name)) out.push({ check: 'camel-case', text: "metric names should be written in 'snake_case' not 'camelCase'" });
  for (const l of labels) {
    if (!PROM_LABEL.test(l)) out.push({ check: 'invalid-label-name', text: 'label names must match [a-zA-Z_][a-zA-Z0-9_]*', label: l });
    else if (CAMEL.test(l)) out.push({ check: 'label-camel-case', text: "label names should be written in 'snake_case' not 'camelCase'", label: l });
  }
  if (abbreviatedUnits(words).length > 0) out.push({ check: 'abbreviated-unit', text: 'metric names should not contain abbreviated units' });
  return out;
}

/** The OpenTelemetry instrument-name syntax (API spec). */
const OTEL_NAME = /^[A-Za-z][A-Za-z0-9_.\-/]{0,254}$/;
/** Units and unit abbreviations that do not belong in an OpenTelemetry instrument name (the unit is metadata). */
const OTEL_UNIT_WORDS = new Set(['ms', 'us', 'ns', 'sec', 'secs', 'millis', 'micros', 'nanos', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'percent', 'pct']);

function otelUnitWord(word: string): string | undefined {
  if (UNIT_BASES[word] || OTEL_UNIT_WORDS.has(word)) return word;
  for (const p of UNIT_PREFIXES) if (word.startsWith(p) && UNIT_BASES[word.slice(p.length)]) return word;
  return undefined;
}

/**
 * OpenTelemetry naming: lowercase, dot-separated namespaces (`http.server.request.duration`), no unit in
 * the name (the instrument's `unit` carries it) and no `_total` (exporters add it).
 */
export function otelNameProblems(name: string): NameProblem<OtelNameCheck>[] {
  const out: NameProblem<OtelNameCheck>[] = [];
  if (!OTEL_NAME.test(name)) out.push({ check: 'otel-invalid-name', text: 'instrument names must start with a letter and use only letters, digits, "_", ".", "-" and "/" (at most 255 characters)' });
  if (/[A-Z]/.test(name)) out.push({ check: 'otel-uppercase', text: 'instrument names should be lowercase' });
  if (!name.includes('.') && name.includes('_')) out.push({ check: 'otel-not-dotted', text: `instrument names should use dots between namespaces (e.g. "${name.toLowerCase().replace(/_/g, '.')}"), not snake_case` });
  const lower = name.toLowerCase();
  if (/[._]total$/.test(lower)) out.push({ check: 'otel-total', text: 'instrument names should not end in "_total": Prometheus exporters add it to counters' });
  else {
    const unit = lower.split(/[._\-/]/).map(otelUnitWord).find(Boolean);
    if (unit) out.push({ check: 'otel-unit-in-name', text: `instrument names should not contain the unit ("${unit}"): set the instrument's \`unit\` option instead` });
  }
  return out;
}

/** The naming view of an exposition family: its name, declared type, label names and OpenMetrics counter samples. */
export function familyNameDefinition(family: MetricFamily): PrometheusMetricDefinition {
  const labelNames = cardinalityBreakdown(family).labels.map((l) => l.name);
  const totalSamples = family.type === 'counter' && family.samples.some((s) => s.name === `${family.name}_total`);
  return { name: family.name, type: family.typed ? family.type : undefined, labelNames, totalSamples };
}
