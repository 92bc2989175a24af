import type { AuditReport, SeverityCounts } from './audit.js';

export interface AuditTextOptions {
  color: boolean;
  /** Rows per section (default 10). */
  top?: number;
}

const sgr = (on: number, off: number) => (s: string) => `\u001b[${on}m${s}\u001b[${off}m`;
const ANSI = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39) };
type Paint = typeof ANSI;
const PLAIN: Paint = { bold: String, dim: String, red: String, yellow: String, green: String };

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Printed width (ANSI colour codes take no room). */
const visible = (s: string) => s.replace(/\u001b\[\d+m/g, '').length;

/** Left-aligned columns, except those listed in `right`. */
export function textTable(header: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string[] {
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const pad = (c: string, i: number) => ' '.repeat(Math.max(0, widths[i] - visible(c)));
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : right.has(i) ? pad(c, i) + c : c + pad(c, i)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** A bar of `width` cells for value/max. */
export function textBar(value: number, max: number, width = 20): string {
  const n = max > 0 ? Math.round((Math.min(value, max) / max) * width) : 0;
  return '█'.repeat(n) + '░'.repeat(width - n);
}

function counts(c: SeverityCounts): string[] {
  return [String(c.error), String(c.warning), String(c.info), String(c.total)];
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** Paths lose their start, not the file name. */
function truncatePath(s: string, n: number): string {
  return s.length > n ? '…' + s.slice(s.length - n + 1) : s;
}

/** The terminal summary of an audit. */
export function formatAuditText(report: AuditReport, opts: AuditTextOptions): string {
  const c = opts.color ? ANSI : PLAIN;
  const top = opts.top ?? 10;
  const out: string[] = [];
  const section = (title: string) => out.push('', c.bold(title));
  const t = report.totals;
  out.push(
    c.bold(`obslint audit of ${report.scope}: ${plural(t.files, 'file')}, ${plural(t.total, 'finding')}`) +
      ` (${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${t.info} info)`,
  );

  const s = report.score;
  const rounded = Math.round(s.score);
  const paintScore = (v: number, text: string) => (v >= 75 ? c.green(text) : v >= 50 ? c.yellow(text) : c.red(text));
  section(`Score: ${paintScore(rounded, `${rounded}/100`)} (grade ${s.grade})`);
  if (s.domains.length === 0) out.push('  Nothing to score: no dashboards, rules, snapshots or code files were found.');
  else {
    const rows = s.domains.map((d) => [d.domain, String(Math.round(d.score)), textBar(d.score, 100), `×${d.weight}`, `${d.artifacts}`, `${d.error}/${d.warning}/${d.info}`]);
    out.push(...textTable(['domain', 'score', '', 'weight', 'artifacts', 'err/warn/info'], rows, new Set([1, 3, 4])));
    out.push(c.dim('  subscore = 100 × exp(−0.2 × (5·errors + 2·warnings + 0.5·info) / artifacts); overall = weighted mean (docs/audit.md)'));
  }

  section('Findings by domain');
  if (report.domains.length === 0) out.push('  none');
  else out.push(...textTable(['domain', 'errors', 'warnings', 'info', 'total', 'artifacts'], report.domains.map((d) => [d.domain, ...counts(d), String(d.artifacts)]), new Set([1, 2, 3, 4, 5])));

  if (report.rules.length) {
    section(`Findings by rule${report.rules.length > top ? ` (top ${top} of ${report.rules.length})` : ''}`);
    out.push(...textTable(['rule', 'errors', 'warnings', 'info', 'total'], report.rules.slice(0, top).map((r) => [r.ruleId, ...counts(r)]), new Set([1, 2, 3, 4])));
  }

  if (report.worstFiles.length) {
    section('Worst files');
    out.push(...textTable(['file', 'kind', 'errors', 'warnings', 'info'], report.worstFiles.slice(0, top).map((f) => [truncatePath(f.relPath, 70), f.kind, String(f.error), String(f.warning), String(f.info)]), new Set([2, 3, 4])));
  }

  if (report.dashboards.length) {
    const { warn, error } = report.panelThreshold;
    section(`Largest dashboards (dashboard/max-panels: warning at ${warn}, error at ${error})`);
    const max = Math.max(error, report.dashboards[0].panels);
    out.push(
      ...textTable(
        ['panels', '', 'dashboard', 'file'],
        report.dashboards.slice(0, top).map((d) => {
          const n = String(d.panels);
          return [d.panels >= error ? c.red(n) : d.panels >= warn ? c.yellow(n) : n, textBar(d.panels, max), truncate(d.title, 40), truncatePath(`${d.relPath}:${d.line}`, 80)];
        }),
        new Set([0]),
      ),
    );
  }

  if (report.cardinality.length) {
    section('Top cardinality offenders (exposition snapshots)');
    out.push(
      ...textTable(
        ['series', 'family', 'type', 'worst label', 'file'],
        report.cardinality.slice(0, top).map((f) => [String(f.series), truncate(f.name, 50), f.type, f.worstLabel ? `${f.worstLabel.name} (${f.worstLabel.values} values)` : '-', truncatePath(`${f.relPath}:${f.line}`, 80)]),
        new Set([0]),
      ),
    );
  }

  if (report.noisyAlerts.length) {
    section('Alerts most likely to be noisy');
    out.push(
      ...textTable(
        ['signals', 'alert', 'why', 'file'],
        report.noisyAlerts.slice(0, top).map((a) => [String(a.signals.length), truncate(a.name, 40), a.signals.map((x) => x.ruleId.replace(/^alert\//, '')).join(', '), truncatePath(`${a.relPath}:${a.line}`, 80)]),
        new Set([0]),
      ),
    );
  }
  return out.join('\n') + '\n';
}
