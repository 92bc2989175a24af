import type { InstrumentKind } from '../code/metric-instruments.js';

/**
 * How an OpenTelemetry instrument is named once it reaches Prometheus (the OpenTelemetry "Prometheus and
 * OpenMetrics compatibility" rules, as the Collector's `pkg/translator/prometheus` and Prometheus's OTLP
 * receiver apply them): non-alphanumerics become `_`, the UCUM unit is spelled out and appended
 * (`ms` → `_milliseconds`, `By` → `_bytes`, `1/s` → `_per_second`), counters end in `_total`, gauges with
 * unit `1` in `_ratio`.
 */

/** UCUM units → Prometheus unit words. Units in braces (`{request}`) are annotations and dropped. */
const UNIT_WORDS: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tebibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

/** The denominator of a rate unit (`1/s` → `per_second`). */
const PER_UNIT_WORDS: Readonly<Record<string, string>> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' };

const MONOTONIC: ReadonlySet<InstrumentKind> = new Set(['counter', 'observable-counter']);
const GAUGES: ReadonlySet<InstrumentKind> = new Set(['gauge', 'observable-gauge']);

function tokens(s: string): string[] {
  return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** An OpenTelemetry attribute key as a Prometheus label name (`http.route` → `http_route`). */
export function otelLabelName(key: string): string {
  const name = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `key_${name}` : name;
}

function unitWord(unit: string, words: Readonly<Record<string, string>>): string {
  const u = unit.trim();
  if (u === '' || /[{}]/.test(u)) return '';
  return tokens(words[u] ?? u).join('_');
}

/** The Prometheus name of an instrument with full normalization (units and type suffixes). */
export function otelPrometheusName(name: string, kind: InstrumentKind, unit?: string): string {
  let parts = tokens(name);
  if (unit) {
    const [main, per] = unit.split('/', 2);
    const mainWord = unitWord(main, UNIT_WORDS);
    if (mainWord && !parts.includes(mainWord)) parts.push(mainWord);
    const perWord = per !== undefined ? unitWord(per, PER_UNIT_WORDS) : '';
    if (perWord && !parts.includes(perWord)) parts.push('per', perWord);
  }
  if (MONOTONIC.has(kind)) parts = [...parts.filter((p) => p !== 'total'), 'total'];
  if (unit === '1' && GAUGES.has(kind)) parts = [...parts.filter((p) => p !== 'ratio'), 'ratio'];
  const out = parts.join('_');
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/**
 * Every name an instrument may have in Prometheus, the fully normalized one first: exporters that add no
 * unit suffix (older SDK exporters, the Collector with `NormalizeName` off) and UTF-8 ingestion that
 * keeps the dotted name.
 */
export function otelPrometheusNames(name: string, kind: InstrumentKind, unit?: string): string[] {
  const full = otelPrometheusName(name, kind, unit);
  const noUnit = otelPrometheusName(name, kind);
  const plain = tokens(name).join('_');
  return [...new Set([full, noUnit, plain, name])].filter(Boolean);
}
