import {
  DEFAULT_MAX_FILE_SIZE,
  SourceFile,
  buildMetricIndex,
  collectMetricFacts,
  findFiles,
  forcedKind,
  loadFile,
  metricIndexRows,
  readText,
  type AnyRule,
  type FileKind,
  type MetricFileFacts,
  type MetricIndexRow,
  relPathOf,
} from '@obslint/core';
import { UsageError, type CliArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { loadConfig } from '../load-config.js';
import { writeOutput } from './audit.js';

const MAX_CELL = 60;

function cell(s: string): string {
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
}

/** The first place and how many more. */
function places(list: string[]): string {
  if (list.length === 0) return '-';
  return list.length > 1 ? `${list[0]} (+${list.length - 1})` : list[0];
}

function labelsCell(r: MetricIndexRow): string {
  if (!r.labels) return r.queriedLabels.length ? `(queried: ${r.queriedLabels.join(', ')})` : '-';
  const shown = r.labels.join(', ') || '(none)';
  return r.labelsComplete ? shown : `${shown}, …`;
}

export function formatMetricTable(rows: MetricIndexRow[]): string {
  const header = ['metric', 'type', 'labels', 'defined at', 'used at'];
  const table = rows.map((r) => [r.metric, r.types.join(', ') || '-', labelsCell(r), places(r.definedAt), places(r.usedAt)].map(cell));
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]))).join('  ') + '\n';
  const defined = rows.filter((r) => r.definedAt.length).length;
  const usedOnly = rows.length - defined;
  const summary = `\n${defined} metric${defined === 1 ? '' : 's'} defined, ${rows.filter((r) => r.definedAt.length && r.usedAt.length).length} of them used; ${usedOnly} queried metric${usedOnly === 1 ? '' : 's'} not defined in these files.\n`;
  return line(header) + line(widths.map((w) => '-'.repeat(w))) + table.map(line).join('') + summary;
}

/**
 * `obslint metrics [paths] [--format json]`: the repository's metric index: each metric with its type,
 * labels, where it is defined (code, snapshots, recording rules) and where dashboards and rules use it.
 */
export async function metricsCommand(io: CliIO, args: CliArgs, builtin: readonly AnyRule[]): Promise<number> {
  const outputs = args.outputs.length ? args.outputs : [{ format: 'table' }];
  for (const o of outputs) {
    if (!['table', 'stylish', 'json'].includes(o.format)) throw new UsageError(`metrics writes a table or JSON only (got --format ${o.format})`);
  }
  const { config } = await loadConfig(args, io.cwd, builtin);
  const { files, missing } = await findFiles({ cwd: io.cwd, paths: args.paths, ignores: config.ignores, ignoreBase: config.baseDir, gitignore: args.gitignore });
  if (missing.length) throw new UsageError(`No such file or directory: ${missing.join(', ')}`);
  const facts: MetricFileFacts[] = [];
  for (const path of files) {
    const forced = forcedKind(config, path);
    if (forced === 'ignore') continue;
    const { text } = readText(path, args.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (text === undefined) continue;
    const relPath = relPathOf(io.cwd, path);
    facts.push(collectMetricFacts(loadFile(new SourceFile(path, relPath, text), forced as FileKind | undefined, { code: true })));
  }
  const rows = metricIndexRows(buildMetricIndex(facts));
  for (const o of outputs) {
    const text = o.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : formatMetricTable(rows);
    writeOutput(io, o.file, text, 'the metric index');
  }
  return 0;
}
