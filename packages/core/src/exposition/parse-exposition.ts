import type { ParseFailure } from '../document/document.js';
import { offsetRef, type NodeRef } from '../source/node-ref.js';
import type { SourceFile } from '../source/source-file.js';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'unknown' | 'info' | 'stateset' | 'gaugehistogram';

export interface SampleLabel {
  name: string;
  value: string;
  /** Offsets of the label name and of the whole `name="value"` pair. */
  nameStart: number;
  end: number;
}

export interface MetricSample {
  name: string;
  labels: SampleLabel[];
  value: number;
  timestamp?: number;
  ref: NodeRef;
  line: number;
  /** Offset range of the metric name in the line. */
  nameStart: number;
  nameEnd: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  unit?: string;
  /** Where the family is declared (its first HELP/TYPE line, else its first sample). */
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

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const SUFFIXES = ['_bucket', '_count', '_sum', '_total', '_created', '_info', '_gcount', '_gsum'];
/** Upper bound on reported parse errors per snapshot. */
const MAX_ERRORS = 20;

/** True when text looks like Prometheus/OpenMetrics exposition. */
export function looksLikeExposition(text: string): boolean {
  const head = text.slice(0, 4096);
  return /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /m.test(head) && /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^\n]*\})?[ \t]+[-+0-9.eEIinNaf]+/m.test(head);
}

/**
 * Parses the Prometheus text format 0.0.4 and OpenMetrics 1.0 (HELP/TYPE/UNIT, escaped label values,
 * timestamps, exemplars, `# EOF`). Bad lines become errors; parsing goes on with the next line.
 */
export function parseExposition(file: SourceFile): ExpositionSnapshot {
  const text = file.text;
  const snapshot: ExpositionSnapshot = { file, format: 'prometheus-text', families: [], errors: [] };
  const byName = new Map<string, MetricFamily>();
  const family = (name: string, start: number, end: number): MetricFamily => {
    let f = byName.get(name);
    if (!f) {
      f = { name, type: 'untyped', ref: offsetRef(file, start, end), nameStart: start, nameEnd: end, samples: [], entity: `metric:${name}`, snapshot };
      byName.set(name, f);
      snapshot.families.push(f);
    }
    return f;
  };
  const familyOfSample = (name: string): MetricFamily | undefined => {
    const direct = byName.get(name);
    if (direct) return direct;
    for (const s of SUFFIXES) {
      if (name.endsWith(s)) {
        const f = byName.get(name.slice(0, -s.length));
        if (f && f.type !== 'untyped') return f;
      }
    }
    return undefined;
  };
  const error = (message: string, offset: number, endOffset?: number) => {
    if (snapshot.errors.length < MAX_ERRORS) snapshot.errors.push({ message, offset, endOffset });
  };

  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    lineNo++;
    const lineStart = pos;
    let line = text.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = nl + 1;
    if (line.trim() === '') {
      if (nl >= text.length) break;
      continue;
    }
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE|UNIT)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\s+(.*))?$/.exec(line);
      if (line.trim() === '# EOF') {
        snapshot.format = 'openmetrics';
      } else if (m) {
        const nameStart = lineStart + line.indexOf(m[2], 6);
        const f = family(m[2], nameStart, nameStart + m[2].length);
        const rest = m[3] ?? '';
        if (m[1] === 'HELP') f.help = unescapeHelp(rest);
        else if (m[1] === 'UNIT') {
          f.unit = rest;
          snapshot.format = 'openmetrics';
        } else {
          const t = rest.trim().toLowerCase();
          if (['counter', 'gauge', 'histogram', 'summary', 'untyped', 'unknown', 'info', 'stateset', 'gaugehistogram'].includes(t)) f.type = t as MetricType;
          else error(`Invalid exposition: unknown metric type "${rest.trim()}"`, lineStart, lineStart + line.length);
        }
      }
      if (nl >= text.length) break;
      continue;
    }
    const sample = parseSampleLine(line, lineStart, lineNo, file);
    if ('error' in sample) {
      error(`Invalid exposition: ${sample.error}`, lineStart + sample.at, lineStart + line.length);
    } else {
      const f = familyOfSample(sample.name) ?? family(sample.name, sample.nameStart, sample.nameEnd);
      f.samples.push(sample);
    }
    if (nl >= text.length) break;
  }
  return snapshot;
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function parseSampleLine(line: string, lineStart: number, lineNo: number, file: SourceFile): MetricSample | { error: string; at: number } {
  const nm = METRIC_NAME.exec(line);
  if (!nm) return { error: `expected a metric name, found "${line.slice(0, 20)}"`, at: 0 };
  const name = nm[0];
  let i = name.length;
  const labels: SampleLabel[] = [];
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      const ln = LABEL_NAME.exec(line.slice(i));
      if (!ln) return { error: `expected a label name at column ${i + 1}`, at: i };
      const labelStart = i;
      i += ln[0].length;
      while (line[i] === ' ') i++;
      if (line[i] !== '=') return { error: `expected "=" after label ${ln[0]}`, at: i };
      i++;
      while (line[i] === ' ') i++;
      if (line[i] !== '"') return { error: `expected a quoted value for label ${ln[0]}`, at: i };
      i++;
      let value = '';
      let closed = false;
      while (i < line.length) {
        const c = line[i];
        if (c === '\\') {
          const n = line[i + 1];
          value += n === 'n' ? '\n' : n === '"' ? '"' : n === '\\' ? '\\' : '\\' + (n ?? '');
          i += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) return { error: `unterminated value of label ${ln[0]}`, at: labelStart };
      labels.push({ name: ln[0], value, nameStart: lineStart + labelStart, end: lineStart + i });
      while (line[i] === ' ') i++;
      if (line[i] === ',') {
        i++;
        continue;
      }
      if (line[i] === '}') {
        i++;
        break;
      }
      return { error: `expected "," or "}" at column ${i + 1}`, at: i };
    }
  }
  if (line[i] !== ' ' && line[i] !== '\t') return { error: `expected a space before the value at column ${i + 1}`, at: i };
  const rest = line.slice(i).trim();
  // Exemplar (OpenMetrics): "value [ts] # {labels} value [ts]"
  const hash = rest.indexOf(' # ');
  const fields = (hash >= 0 ? rest.slice(0, hash) : rest).split(/[ \t]+/);
  const value = parseValue(fields[0]);
  if (value === undefined) return { error: `invalid sample value "${fields[0]}"`, at: i };
  let timestamp: number | undefined;
  if (fields.length > 1) {
    timestamp = Number(fields[1]);
    if (!Number.isFinite(timestamp)) return { error: `invalid timestamp "${fields[1]}"`, at: i };
  }
  if (fields.length > 2) return { error: `unexpected text after the timestamp`, at: i };
  return {
    name,
    labels,
    value,
    timestamp,
    ref: offsetRef(file, lineStart, lineStart + line.length),
    line: lineNo,
    nameStart: lineStart,
    nameEnd: lineStart + name.length,
  };
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
