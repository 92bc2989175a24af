import type { ParseFailure } from '../document/document.js';
import { offsetRef, type NodeRef } from '../source/node-ref.js';
import type { SourceFile } from '../source/source-file.js';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'unknown' | 'info' | 'stateset' | 'gaugehistogram';

const METRIC_TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'unknown', 'info', 'stateset', 'gaugehistogram']);

export interface SampleLabel {
  name: string;
  value: string;
  /** Offset of the label name (start of the `name="value"` pair). */
  nameStart: number;
  /** Offsets of the quoted value (quotes excluded). */
  valueStart: number;
  valueEnd: number;
  /** Offset just after the closing quote of the pair. */
  end: number;
}

export interface Exemplar {
  labels: SampleLabel[];
  value: number;
  timestamp?: number;
}

export interface MetricSample {
  /** The sample's own name (`foo_bucket`, `foo_total`, ... for the family `foo`). */
  name: string;
  labels: SampleLabel[];
  value: number;
  /** As written: milliseconds in text 0.0.4, seconds in OpenMetrics. */
  timestamp?: number;
  exemplar?: Exemplar;
  ref: NodeRef;
  /** 1-based line number. */
  line: number;
  /** Offset range of the metric name in the file (the sample line starts at nameStart). */
  nameStart: number;
  nameEnd: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  /** Whether a `# TYPE` line declared the type (untyped otherwise). */
  typed: boolean;
  help?: string;
  unit?: string;
  /** Where the family is declared (its first HELP/TYPE/UNIT line, else its first sample). */
  ref: NodeRef;
  /** Offset range of the family name in that declaration (for precise locations). */
  nameStart: number;
  nameEnd: number;
  samples: MetricSample[];
  entity: string;
  snapshot: ExpositionSnapshot;
}

export interface ExpositionSnapshot {
  file: SourceFile;
  format: 'prometheus-text' | 'openmetrics';
  families: MetricFamily[];
  errors: ParseFailure[];
}

/** Sample-name suffixes each type may use for its samples (`foo_bucket` belongs to histogram `foo`). */
const TYPE_SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: ['_total', '_created'],
  gauge: [],
  histogram: ['_bucket', '_count', '_sum', '_created'],
  gaugehistogram: ['_bucket', '_gcount', '_gsum'],
  summary: ['_count', '_sum', '_created'],
  info: ['_info'],
  stateset: [],
  untyped: [],
  unknown: [],
};
const ALL_SUFFIXES = ['_total', '_created', '_bucket', '_count', '_sum', '_gcount', '_gsum', '_info'];

/** Upper bound on reported parse errors per snapshot. */
const MAX_ERRORS = 20;

/** True when text looks like Prometheus/OpenMetrics exposition. */
export function looksLikeExposition(text: string): boolean {
  const head = text.slice(0, 4096);
  return /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /m.test(head) && /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^\n]*\})?[ \t]+[-+0-9.eEIinNaf]+/m.test(head);
}

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58; // a-z A-Z _ :
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number) => c === 32 || c === 9;

/** Scans a metric name (`allowColon`) or label name starting at i; returns the end offset (i when none). */
function scanName(s: string, i: number, allowColon: boolean): number {
  const first = s.charCodeAt(i);
  if (!isNameStart(first) || (!allowColon && first === 58)) return i;
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (!isNameChar(c) || (!allowColon && c === 58)) break;
    j++;
  }
  return j;
}

function skipBlanks(s: string, i: number): number {
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Parses the Prometheus text format 0.0.4 and OpenMetrics 1.0: HELP/TYPE/UNIT metadata, escaped label
 * values, timestamps, exemplars, `_created`/`_info` samples, stateset and gaugehistogram families, `# EOF`.
 * A single pass over the text; bad lines become errors and parsing goes on with the next line.
 */
export function parseExposition(file: SourceFile): ExpositionSnapshot {
  const text = file.text;
  const snapshot: ExpositionSnapshot = { file, format: 'prometheus-text', families: [], errors: [] };
  const byName = new Map<string, MetricFamily>();
  let current: MetricFamily | undefined;
  const family = (name: string, start: number, end: number): MetricFamily => {
    let f = byName.get(name);
    if (!f) {
      f = { name, type: 'untyped', typed: false, ref: offsetRef(file, start, end), nameStart: start, nameEnd: end, samples: [], entity: `metric:${name}`, snapshot };
      byName.set(name, f);
      snapshot.families.push(f);
    }
    return f;
  };
  const belongs = (f: MetricFamily, sampleName: string): boolean => {
    if (sampleName === f.name) return true;
    if (!sampleName.startsWith(f.name)) return false;
    const suffix = sampleName.slice(f.name.length);
    return TYPE_SUFFIXES[f.type].includes(suffix);
  };
  const familyOfSample = (name: string): MetricFamily | undefined => {
    if (current && belongs(current, name)) return current;
    const direct = byName.get(name);
    if (direct) return direct;
    for (const s of ALL_SUFFIXES) {
      if (name.endsWith(s)) {
        const f = byName.get(name.slice(0, -s.length));
        if (f && belongs(f, name)) return f;
      }
    }
    return undefined;
  };
  const error = (message: string, offset: number, endOffset?: number) => {
    if (snapshot.errors.length < MAX_ERRORS) snapshot.errors.push({ message, offset, endOffset });
  };

  let lineNo = 0;
  let pos = 0;
  let eofAt = -1;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    lineNo++;
    const lineStart = pos;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    pos = nl + 1;
    if (lineEnd === lineStart) continue;
    const line = text.slice(lineStart, lineEnd);
    if (eofAt >= 0) {
      if (line.trim() !== '') error('Invalid exposition: content after "# EOF"', lineStart, lineEnd);
      continue;
    }
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.trim() === '# EOF') {
        snapshot.format = 'openmetrics';
        eofAt = lineStart;
        continue;
      }
      const m = /^#[ \t]+(HELP|TYPE|UNIT)[ \t]+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:[ \t]+(.*)|[ \t]*)$/.exec(line);
      if (!m) continue; // an ordinary comment
      const nameStart = lineStart + line.indexOf(m[2], 6);
      const f = family(m[2], nameStart, nameStart + m[2].length);
      current = f;
      const rest = m[3] ?? '';
      if (m[1] === 'HELP') f.help = unescapeHelp(rest);
      else if (m[1] === 'UNIT') {
        f.unit = rest.trim();
        snapshot.format = 'openmetrics';
      } else {
        const t = rest.trim().toLowerCase();
        if (METRIC_TYPES.has(t)) {
          f.type = t as MetricType;
          f.typed = true;
        } else error(`Invalid exposition: unknown metric type "${rest.trim()}"`, lineStart, lineEnd);
      }
      continue;
    }
    if (line.trim() === '') continue;
    const sample = parseSampleLine(line, lineStart, lineNo, file);
    if ('error' in sample) {
      error(`Invalid exposition: ${sample.error}`, lineStart + sample.at, lineEnd);
      continue;
    }
    const f = familyOfSample(sample.name) ?? family(sample.name, sample.nameStart, sample.nameEnd);
    current = f;
    f.samples.push(sample);
  }
  return snapshot;
}

function unescapeHelp(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(\\|n|")/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

type LabelsResult = { labels: SampleLabel[]; end: number } | { error: string; at: number };

/** Parses `{name="value",...}` starting at the `{` at index i of line. */
function parseLabels(line: string, i: number, lineStart: number): LabelsResult {
  const labels: SampleLabel[] = [];
  i++;
  for (;;) {
    i = skipBlanks(line, i);
    if (line.charCodeAt(i) === 125 /* } */) return { labels, end: i + 1 };
    const nameEnd = scanName(line, i, false);
    if (nameEnd === i) return { error: `expected a label name at column ${i + 1}`, at: i };
    const name = line.slice(i, nameEnd);
    const labelStart = i;
    i = skipBlanks(line, nameEnd);
    if (line[i] !== '=') return { error: `expected "=" after label ${name}`, at: i };
    i = skipBlanks(line, i + 1);
    if (line[i] !== '"') return { error: `expected a quoted value for label ${name}`, at: i };
    const valueStart = i + 1;
    let value = '';
    let j = valueStart;
    let closed = false;
    for (;;) {
      const q = line.indexOf('"', j);
      const b = line.indexOf('\\', j);
      if (q === -1) break;
      if (b !== -1 && b < q) {
        value += line.slice(j, b);
        const n = line[b + 1];
        value += n === 'n' ? '\n' : n === '"' ? '"' : n === '\\' ? '\\' : '\\' + (n ?? '');
        j = b + 2;
        continue;
      }
      value += line.slice(j, q);
      j = q + 1;
      closed = true;
      break;
    }
    if (!closed) return { error: `unterminated value of label ${name}`, at: labelStart };
    labels.push({ name, value, nameStart: lineStart + labelStart, valueStart: lineStart + valueStart, valueEnd: lineStart + j - 1, end: lineStart + j });
    i = skipBlanks(line, j);
    if (line[i] === ',') {
      i++;
      continue;
    }
    if (line[i] === '}') return { labels, end: i + 1 };
    return { error: `expected "," or "}" at column ${i + 1}`, at: i };
  }
}

/** A sample; its NodeRef is created only when a rule asks for it. */
class Sample implements MetricSample {
  timestamp?: number;
  exemplar?: Exemplar;
  constructor(
    readonly file: SourceFile,
    public name: string,
    public labels: SampleLabel[],
    public value: number,
    public line: number,
    public nameStart: number,
    public nameEnd: number,
    private readonly lineEnd: number,
  ) {}
  get ref(): NodeRef {
    return offsetRef(this.file, this.nameStart, this.lineEnd);
  }
}

/** Splits the value part of a sample line (`value [timestamp]`) without regexes. */
function valueFields(line: string, from: number, to: number): string[] {
  const out: string[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isBlank(line.charCodeAt(i))) i++;
    if (i >= to) break;
    let j = i;
    while (j < to && !isBlank(line.charCodeAt(j))) j++;
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}

function parseSampleLine(line: string, lineStart: number, lineNo: number, file: SourceFile): MetricSample | { error: string; at: number } {
  const nameEnd = scanName(line, 0, true);
  if (nameEnd === 0) return { error: `expected a metric name, found "${line.slice(0, 20)}"`, at: 0 };
  const name = line.slice(0, nameEnd);
  let i = nameEnd;
  let labels: SampleLabel[] = [];
  if (line[i] === '{') {
    const r = parseLabels(line, i, lineStart);
    if ('error' in r) return r;
    labels = r.labels;
    i = r.end;
  }
  if (!isBlank(line.charCodeAt(i))) return { error: `expected a space before the value at column ${i + 1}`, at: i };
  // value [timestamp] [# {exemplar labels} value [timestamp]]
  const hash = line.indexOf('#', i);
  const fields = valueFields(line, i, hash >= 0 ? hash : line.length);
  const value = parseValue(fields[0]);
  if (value === undefined) return { error: `invalid sample value "${fields[0] ?? ''}"`, at: i };
  const sample = new Sample(file, name, labels, value, lineNo, lineStart, lineStart + nameEnd, lineStart + line.length);
  if (fields.length > 1) {
    const timestamp = Number(fields[1]);
    if (!Number.isFinite(timestamp)) return { error: `invalid timestamp "${fields[1]}"`, at: i };
    sample.timestamp = timestamp;
  }
  if (fields.length > 2) return { error: 'unexpected text after the timestamp', at: i };
  if (hash >= 0) {
    const ex = parseExemplar(line, hash + 1, lineStart);
    if ('error' in ex) return ex;
    sample.exemplar = ex;
  }
  return sample;
}

function parseExemplar(line: string, i: number, lineStart: number): Exemplar | { error: string; at: number } {
  i = skipBlanks(line, i);
  if (line[i] !== '{') return { error: 'expected exemplar labels after "#"', at: i };
  const r = parseLabels(line, i, lineStart);
  if ('error' in r) return r;
  const fields = valueFields(line, r.end, line.length);
  const value = parseValue(fields[0]);
  if (value === undefined) return { error: `invalid exemplar value "${fields[0] ?? ''}"`, at: r.end };
  let timestamp: number | undefined;
  if (fields.length > 1) {
    timestamp = Number(fields[1]);
    if (!Number.isFinite(timestamp) || fields.length > 2) return { error: `invalid exemplar timestamp "${fields.slice(1).join(' ')}"`, at: r.end };
  }
  return { labels: r.labels, value, timestamp };
}

function parseValue(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return undefined;
  const l = s.toLowerCase();
  if (l === 'nan') return NaN;
  if (l === '+inf' || l === 'inf') return Infinity;
  if (l === '-inf') return -Infinity;
  const n = Number(s);
  return Number.isNaN(n) ? undefined : n;
}

