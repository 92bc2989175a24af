import { buildAuditReport, type AuditReport } from '../report/audit.js';
import { ruleDocsUrl } from '../rule/types.js';
import type { Finding } from '../runner/finding.js';
import type { FormatContext } from './types.js';

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const esc = escapeHtml;
const num = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, w: string) => `${num(n)} ${w}${n === 1 ? '' : 's'}`;
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export interface BarSegment {
  value: number;
  /** CSS class giving the colour (`error`, `warning`, `info`, `ok`, ...). */
  cls: string;
  title: string;
}

export interface BarRow {
  label: string;
  segments: BarSegment[];
  /** Text right of the bar. */
  note?: string;
}

export interface BarChartOptions {
  ariaLabel: string;
  /** Scale maximum (default: the largest row total). */
  max?: number;
  /** Vertical reference lines (e.g. the max-panels thresholds). */
  thresholds?: Array<{ value: number; label: string; cls: string }>;
}

const CHART_W = 640;
const LABEL_W = 250;
/** Minimum room for a bar's note. */
const NOTE_W = 120;
const ROW_H = 22;
const BAR_H = 14;

/** A horizontal (stacked) bar chart as inline SVG. */
export function svgBarChart(rows: readonly BarRow[], opts: BarChartOptions): string {
  const top = opts.thresholds?.length ? 20 : 4;
  const height = top + rows.length * ROW_H + 6;
  // Room after the longest bar for the longest note (about 6.6 px a character at the chart's font size).
  const noteW = Math.max(NOTE_W, ...rows.map((r) => (r.note?.length ?? 0) * 6.6 + 12));
  const area = CHART_W - LABEL_W - noteW - 12;
  const total = (r: BarRow) => r.segments.reduce((s, x) => s + x.value, 0);
  const max = Math.max(opts.max ?? 0, ...rows.map(total), ...(opts.thresholds ?? []).map((t) => t.value), 1);
  const x = (v: number) => LABEL_W + (v / max) * area;
  const out = [`<svg class="chart" viewBox="0 0 ${CHART_W} ${height}" width="100%" role="img" aria-label="${esc(opts.ariaLabel)}" xmlns="http://www.w3.org/2000/svg">`];
  // Threshold lines first: bars and their labels are drawn over them.
  for (const t of opts.thresholds ?? []) {
    const tx = x(t.value).toFixed(1);
    out.push(`<line class="threshold ${esc(t.cls)}" x1="${tx}" x2="${tx}" y1="${top - 4}" y2="${height - 2}"/>`);
    out.push(`<text class="threshold-label ${esc(t.cls)}" x="${tx}" y="${top - 8}" text-anchor="middle">${esc(t.label)}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * ROW_H;
    out.push(`<g class="bar-row"><title>${esc(`${r.label}: ${r.segments.map((s) => s.title).join(', ')}`)}</title>`);
    out.push(`<text class="label" x="${LABEL_W - 8}" y="${y + BAR_H - 2}" text-anchor="end">${esc(truncate(r.label, 32))}</text>`);
    let at = LABEL_W;
    for (const s of r.segments) {
      if (s.value <= 0) continue;
      const w = Math.max(1.5, (s.value / max) * area);
      out.push(`<rect class="seg ${esc(s.cls)}" x="${at.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" rx="2"/>`);
      at += w;
    }
    if (r.note) out.push(`<text class="note" x="${(at + 6).toFixed(1)}" y="${y + BAR_H - 2}">${esc(r.note)}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

function scoreClass(score: number): string {
  return score >= 75 ? 'ok' : score >= 50 ? 'warning' : 'error';
}

/** The overall score as a ring gauge. */
export function svgGauge(score: number, grade: string): string {
  const r = 52;
  const c = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * c;
  return (
    `<svg class="gauge" viewBox="0 0 140 140" width="140" height="140" role="img" aria-label="score ${Math.round(score)} of 100" xmlns="http://www.w3.org/2000/svg">` +
    `<circle cx="70" cy="70" r="${r}" class="gauge-track"/>` +
    `<circle cx="70" cy="70" r="${r}" class="gauge-fill ${scoreClass(score)}" stroke-dasharray="${filled.toFixed(2)} ${c.toFixed(2)}" transform="rotate(-90 70 70)"/>` +
    `<text x="70" y="80" text-anchor="middle" class="gauge-value">${Math.round(score)}</text>` +
    `<text x="70" y="100" text-anchor="middle" class="gauge-of">of 100</text>` +
    '</svg>' +
    `<p class="grade ${scoreClass(score)}">grade ${esc(grade)}</p>`
  );
}

function severitySegments(c: { error: number; warning: number; info: number }): BarSegment[] {
  return [
    { value: c.error, cls: 'error', title: plural(c.error, 'error') },
    { value: c.warning, cls: 'warning', title: plural(c.warning, 'warning') },
    { value: c.info, cls: 'info', title: `${num(c.info)} info` },
  ];
}

function card(title: string, body: string, extra = ''): string {
  return `<section class="card${extra}"><h2>${esc(title)}</h2>${body}</section>`;
}

const empty = (what: string) => `<p class="empty">${esc(what)}</p>`;

function scoreCard(report: AuditReport): string {
  const s = report.score;
  if (s.domains.length === 0) return card('Score', empty('Nothing to score: no dashboards, rules, snapshots or code files were found.'));
  const rows: BarRow[] = s.domains.map((d) => ({
    label: `${d.domain} (×${d.weight})`,
    segments: [{ value: d.score, cls: scoreClass(d.score), title: `score ${Math.round(d.score)}` }],
    note: `${Math.round(d.score)} · ${plural(d.artifacts, 'artifact')}`,
  }));
  const body =
    `<div class="score"><div class="gauge-box">${svgGauge(s.score, s.grade)}</div><div class="subscores">${svgBarChart(rows, { ariaLabel: 'score per domain', max: 100 })}</div></div>` +
    '<p class="formula">subscore = 100 × e<sup>−0.2 × (5·errors + 2·warnings + 0.5·info) / artifacts</sup>; the overall score is the mean of the subscores weighted as shown.</p>';
  return card('Score', body, ' wide');
}

function legend(): string {
  return '<p class="legend"><span class="key error"></span>error <span class="key warning"></span>warning <span class="key info"></span>info</p>';
}

function domainChart(report: AuditReport): string {
  const rows = report.domains.filter((d) => d.total > 0).map((d) => ({ label: d.domain, segments: severitySegments(d), note: num(d.total) }));
  return card('Findings by domain', rows.length ? legend() + svgBarChart(rows, { ariaLabel: 'findings by domain' }) : empty('No findings.'));
}

function ruleChart(report: AuditReport, top = 15): string {
  const rows = [...report.rules]
    .sort((a, b) => b.total - a.total || (a.ruleId < b.ruleId ? -1 : 1))
    .slice(0, top)
    .map((r) => ({ label: r.ruleId, segments: severitySegments(r), note: num(r.total) }));
  const title = report.rules.length > top ? `Findings by rule (top ${top} of ${report.rules.length})` : 'Findings by rule';
  return card(title, rows.length ? legend() + svgBarChart(rows, { ariaLabel: 'findings by rule' }) : empty('No findings.'));
}

function panelChart(report: AuditReport, top = 20): string {
  const { warn, error } = report.panelThreshold;
  const ds = report.dashboards.slice(0, top);
  if (!ds.length) return card('Panels per dashboard', empty('No dashboards found.'));
  const rows = ds.map((d) => ({
    label: d.title,
    segments: [{ value: d.panels, cls: d.panels >= error ? 'error' : d.panels >= warn ? 'warning' : 'ok', title: `${plural(d.panels, 'panel')} (${num(d.collapsed)} in collapsed rows) in ${d.relPath}` }],
    note: `${num(d.panels)}${d.collapsed ? ` (${num(d.collapsed)} collapsed)` : ''}`,
  }));
  const title = report.dashboards.length > top ? `Panels per dashboard (largest ${top} of ${report.dashboards.length})` : 'Panels per dashboard';
  const chart = svgBarChart(rows, {
    ariaLabel: 'panel count per dashboard against the max-panels thresholds',
    thresholds: [
      { value: warn, label: `warn ${warn}`, cls: 'warning' },
      { value: error, label: `error ${error}`, cls: 'error' },
    ],
  });
  return card(title, chart);
}

function cardinalityChart(report: AuditReport, top = 15): string {
  const fs = report.cardinality.slice(0, top);
  if (!fs.length) return card('Cardinality of the largest metric families', empty('No exposition snapshots found.'));
  const rows = fs.map((f) => ({
    label: f.name,
    segments: [{ value: f.series, cls: 'series', title: `${plural(f.series, 'series')} in ${f.relPath}` }],
    note: `${num(f.series)}${f.worstLabel ? ` · ${f.worstLabel.name}: ${num(f.worstLabel.values)}` : ''}`,
  }));
  return card('Cardinality of the largest metric families', '<p class="legend">series per family · label with the most values</p>' + svgBarChart(rows, { ariaLabel: 'series per metric family' }));
}

function ruleLink(id: string): string {
  return `<a href="${esc(ruleDocsUrl(id))}" target="_blank" rel="noopener noreferrer">${esc(id)}</a>`;
}

function worstFilesCard(report: AuditReport, top = 10): string {
  if (!report.worstFiles.length) return card('Worst files', empty('No findings.'));
  const rows = report.worstFiles
    .slice(0, top)
    .map((f) => `<tr><td class="path">${esc(f.relPath)}</td><td>${esc(f.kind)}</td><td class="n error-text">${num(f.error)}</td><td class="n warning-text">${num(f.warning)}</td><td class="n info-text">${num(f.info)}</td></tr>`)
    .join('');
  return card('Worst files', `<table class="small"><thead><tr><th>file</th><th>kind</th><th class="n">errors</th><th class="n">warnings</th><th class="n">info</th></tr></thead><tbody>${rows}</tbody></table>`);
}

function noisyCard(report: AuditReport, top = 10): string {
  if (!report.noisyAlerts.length) return card('Alerts most likely to be noisy', empty('No static noise signals (missing `for`, no comparison, fragile aggregation, raw counters).'));
  const rows = report.noisyAlerts
    .slice(0, top)
    .map((a) => `<tr><td>${esc(a.name)}<div class="path sub">${esc(`${a.relPath}:${a.line}`)}</div></td><td class="signals">${a.signals.map((s) => ruleLink(s.ruleId)).join('<br>')}</td></tr>`)
    .join('');
  return card('Alerts most likely to be noisy', `<table class="small"><thead><tr><th>alert and where</th><th>signals</th></tr></thead><tbody>${rows}</tbody></table>`);
}

/**
 * Findings the page holds as table rows from the start (and all a viewer without JavaScript sees). The rest are
 * in the page's data and become rows as the reader scrolls or asks for more: a table of every finding made a
 * 2,000-dashboard audit (83,000 findings) a 54 MB page that headless Chromium took 64 s to parse.
 */
export const FINDINGS_PAGE = 500;

/**
 * The findings as the page's script reads them: rule and path tables, then one row per finding
 * (`[severity rank, rule, path, line, column, entity, message]`, rule and path as indexes into their tables).
 */
export interface FindingsData {
  rules: Array<[id: string, docsUrl: string, domain: string]>;
  paths: string[];
  rows: Array<[severity: number, rule: number, path: number, line: number, column: number, entity: string, message: string]>;
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** The page's data for `findings`, in their order (the table's first rows are its first findings). */
export function findingsData(findings: readonly Finding[], domainOf: (f: Finding) => string): FindingsData {
  const data: FindingsData = { rules: [], paths: [], rows: [] };
  const ruleIndex = new Map<string, number>();
  const pathIndex = new Map<string, number>();
  for (const f of findings) {
    let rule = ruleIndex.get(f.ruleId);
    if (rule === undefined) {
      ruleIndex.set(f.ruleId, (rule = data.rules.length));
      data.rules.push([f.ruleId, ruleDocsUrl(f.ruleId), domainOf(f)]);
    }
    let path = pathIndex.get(f.relPath);
    if (path === undefined) {
      pathIndex.set(f.relPath, (path = data.paths.length));
      data.paths.push(f.relPath);
    }
    data.rows.push([SEVERITY_RANK[f.severity], rule, path, f.line, f.column, f.entity ?? '', f.message]);
  }
  return data;
}

/** One finding's table row. The page's script builds the same markup for the rows it adds (`rowHtml` in SCRIPT). */
function findingRow(data: FindingsData, i: number): string {
  const [sev, rule, path, line, column, entity, message] = data.rows[i];
  const [id, , domain] = data.rules[rule];
  const s = SEVERITIES[sev];
  return (
    `<tr data-i="${i}" data-sev="${s}" data-domain="${esc(domain)}">` +
    `<td><span class="badge ${s}">${s}</span></td>` +
    `<td class="rule">${ruleLink(id)}</td>` +
    `<td class="where"><div class="path">${esc(`${data.paths[path]}:${line}:${column}`)}</div>${entity ? `<div class="entity">${esc(entity)}</div>` : ''}</td>` +
    `<td class="msg">${esc(message)}</td></tr>`
  );
}

/** JSON for a `<script type="application/json">` element: no `<` left to close the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function findingsTable(findings: readonly Finding[], domainOf: (f: Finding) => string): string {
  const data = findingsData(findings, domainOf);
  const domains = [...new Set(data.rules.map((r) => r[2]))].sort();
  const listed = Math.min(FINDINGS_PAGE, findings.length);
  const rows: string[] = [];
  for (let i = 0; i < listed; i++) rows.push(findingRow(data, i));
  const options = domains.map((d) => `<option value="${esc(d)}">${esc(d)}</option>`).join('');
  const unlisted = findings.length - listed;
  return (
    `<section class="card wide"><h2>Findings</h2>` +
    `<div class="filters"><input id="q" type="search" placeholder="Filter by text (rule, file, message, entity)…" aria-label="filter findings">` +
    `<select id="sev" aria-label="severity"><option value="">all severities</option><option value="error">error</option><option value="warning">warning</option><option value="info">info</option></select>` +
    `<select id="dom" aria-label="domain"><option value="">all domains</option>${options}</select>` +
    `<span id="count" class="count">${plural(findings.length, 'finding')}</span></div>` +
    `<div class="table-wrap" id="findings-wrap"><table id="findings"><thead><tr>` +
    `<th data-type="num" aria-sort="ascending">severity</th><th data-type="text">rule</th><th data-type="text">location and entity</th><th data-type="text">message</th>` +
    `</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>` +
    (unlisted > 0 ? `<p id="more-note" class="count">The first ${num(listed)} of ${plural(findings.length, 'finding')} are listed; the other ${num(unlisted)} appear as you scroll, with JavaScript on (or see \`-f json\`).</p>` : '') +
    `<button id="more" type="button" hidden></button>` +
    (findings.length ? '' : empty('No findings: nothing to show.')) +
    `<script type="application/json" id="findings-data">${scriptJson(data)}</script>` +
    '</section>'
  );
}

const CSS = `
:root{--bg:#f5f6f8;--card:#fff;--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--error:#cf222e;--warning:#d4a72c;--info:#3b82c4;--ok:#2da44e;--series:#8250df}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header{background:#24292f;color:#fff;padding:20px 32px}
header h1{margin:0;font-size:22px;font-weight:600}
header p{margin:4px 0 0;color:#c9d1d9}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:18px;padding:20px 32px 40px;max-width:1600px;margin:0 auto}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 18px;min-width:0}
.card.wide{grid-column:1/-1}
.card h2{margin:0 0 10px;font-size:15px;font-weight:600}
.score{display:flex;gap:24px;align-items:center}
.subscores{flex:1;min-width:0}
.formula,.legend,.empty{color:var(--muted);font-size:12px;margin:6px 0}
.legend .key{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px;vertical-align:-1px}
.legend .key:first-child{margin-left:0}
.key.error,.seg.error{background:var(--error);fill:var(--error)}
.key.warning,.seg.warning{background:var(--warning);fill:var(--warning)}
.key.info,.seg.info{background:var(--info);fill:var(--info)}
.seg.ok{fill:var(--ok)}.seg.series{fill:var(--series)}
.chart text{font-size:13px;fill:var(--ink)}
.chart text.note{fill:var(--muted);paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.chart .bar-row:hover text.label{font-weight:600}
.threshold{stroke-width:1.5;stroke-dasharray:4 3}
.threshold.warning{stroke:var(--warning)}.threshold.error{stroke:var(--error)}
.chart text.threshold-label{font-size:11px}
.chart text.threshold-label.warning{fill:#9a6700}.chart text.threshold-label.error{fill:var(--error)}
.gauge-track{fill:none;stroke:#e6e9ed;stroke-width:14}
.gauge-fill{fill:none;stroke-width:14;stroke-linecap:round}
.gauge-fill.ok{stroke:var(--ok)}.gauge-fill.warning{stroke:var(--warning)}.gauge-fill.error{stroke:var(--error)}
.gauge-value{font-size:38px;font-weight:700;fill:var(--ink)}
.gauge-of{font-size:12px;fill:var(--muted)}
.gauge-box{text-align:center}
.grade{margin:2px 0 0;font-weight:700;font-size:15px}
.grade.ok{color:var(--ok)}.grade.warning{color:#9a6700}.grade.error{color:var(--error)}
.subscores .chart{max-width:680px}
td.signals{white-space:nowrap}
.path.sub{color:var(--muted);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11px;word-break:break-all;margin-top:2px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;background:#f6f8fa}
#findings th{position:sticky;top:0;z-index:1}
th[data-type]{cursor:pointer;user-select:none;white-space:nowrap}
th[data-type]::after{content:" ↕";color:#b0b7bf}
th[aria-sort=ascending]::after{content:" ▲";color:var(--ink)}
th[aria-sort=descending]::after{content:" ▼";color:var(--ink)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.path,td.where{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
td.where{width:34%}
td.where .entity{color:var(--muted);font-size:11px;margin-top:2px}
td.rule{white-space:nowrap}
td.msg{min-width:320px}
.error-text{color:var(--error)}.warning-text{color:#9a6700}.info-text{color:var(--info)}
table.small td,table.small th{font-size:13px}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning);color:#3b2300}.badge.info{background:var(--info)}
.filters{display:flex;gap:10px;align-items:center;margin-bottom:10px;flex-wrap:wrap}
.filters input{flex:1;min-width:260px;padding:6px 10px;border:1px solid var(--line);border-radius:6px;font:inherit}
.filters select{padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:inherit;background:#fff}
.count{color:var(--muted);font-size:13px}
#more{margin-top:8px;padding:6px 12px;border:1px solid var(--line);border-radius:6px;background:#f6f8fa;font:inherit;cursor:pointer}
#more[hidden]{display:none}
.table-wrap{max-height:900px;overflow:auto;border:1px solid var(--line);border-radius:6px}
tbody tr:nth-child(even){background:#fafbfc}
tbody tr:hover{background:#f1f6ff}
footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 24px}
`;

const SCRIPT = `
(function () {
  var table = document.getElementById('findings'), dataEl = document.getElementById('findings-data');
  if (!table || !dataEl) return;
  var data = JSON.parse(dataEl.textContent), rows = data.rows, rules = data.rules, paths = data.paths;
  var SEV = ['error', 'warning', 'info'], PAGE = ${FINDINGS_PAGE};
  function num(n) { return n.toLocaleString('en-US'); }
  var tbody = table.tBodies[0], wrap = document.getElementById('findings-wrap'), more = document.getElementById('more'), note = document.getElementById('more-note');
  var q = document.getElementById('q'), sev = document.getElementById('sev'), dom = document.getElementById('dom'), count = document.getElementById('count');
  if (note) note.hidden = true;
  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
  function where(r) { return paths[r[2]] + ':' + r[3] + ':' + r[4]; }
  function rowHtml(i) {
    var r = rows[i], s = SEV[r[0]], rule = rules[r[1]];
    return '<tr data-i="' + i + '" data-sev="' + s + '" data-domain="' + esc(rule[2]) + '">' +
      '<td><span class="badge ' + s + '">' + s + '</span></td>' +
      '<td class="rule"><a href="' + esc(rule[1]) + '" target="_blank" rel="noopener noreferrer">' + esc(rule[0]) + '</a></td>' +
      '<td class="where"><div class="path">' + esc(where(r)) + '</div>' + (r[5] ? '<div class="entity">' + esc(r[5]) + '</div>' : '') + '</td>' +
      '<td class="msg">' + esc(r[6]) + '</td></tr>';
  }
  /** The findings shown, in order (indexes into rows), and how many of them are rows of the table so far. */
  var given = rows.map(function (_, i) { return i; }), view = given, listed = tbody.rows.length, order = null, text = null;
  /** The count of matching findings and the "show more" button, after the view or the rows listed changed. */
  function status() {
    var left = view.length - listed;
    count.textContent = 'showing ' + num(view.length) + ' of ' + num(rows.length);
    more.hidden = left === 0;
    more.textContent = 'show ' + num(Math.min(PAGE, left)) + ' more (' + num(left) + ' not listed yet)';
  }
  function showMore() {
    var end = Math.min(view.length, listed + PAGE), html = [];
    for (var k = listed; k < end; k++) html.push(rowHtml(view[k]));
    if (html.length) tbody.insertAdjacentHTML('beforeend', html.join(''));
    listed = end;
    status();
  }
  function textOf(i) {
    if (!text) text = [];
    var t = text[i];
    if (t === undefined) {
      var r = rows[i];
      t = text[i] = (SEV[r[0]] + ' ' + rules[r[1]][0] + ' ' + where(r) + ' ' + r[5] + ' ' + r[6]).toLowerCase();
    }
    return t;
  }
  function apply() {
    var s = q.value.toLowerCase().trim(), sv = sev.value, dv = dom.value, from = order || given;
    view = [];
    for (var k = 0; k < from.length; k++) {
      var i = from[k], r = rows[i];
      if ((!sv || SEV[r[0]] === sv) && (!dv || rules[r[1]][2] === dv) && (!s || textOf(i).indexOf(s) >= 0)) view.push(i);
    }
    tbody.textContent = '';
    listed = 0;
    showMore();
  }
  more.addEventListener('click', showMore);
  wrap.addEventListener('scroll', function () {
    if (listed < view.length && wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - 400) showMore();
  });
  [q, sev, dom].forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  // Sorting compares each distinct value once (83,000 findings have a few dozen rules, a few thousand paths),
  // then rows by their values' ranks; a column's ranks are kept for the next sort.
  var collator = new Intl.Collator(), rankCache = [];
  function ranksOf(values) {
    var distinct = Array.from(new Set(values)).sort(collator.compare), rank = new Map();
    distinct.forEach(function (v, i) { rank.set(v, i); });
    return values.map(function (v) { return rank.get(v); });
  }
  var COLUMNS = [
    function (r) { return r[0]; },
    function (r) { return rules[r[1]][0]; },
    function (r) { return paths[r[2]]; },
    function (r) { return r[6]; }
  ];
  function compare(col, a, b) {
    var ranks = rankCache[col];
    // Severity is a rank already; the other columns' values are ranked.
    if (!ranks) ranks = rankCache[col] = col === 0 ? rows.map(COLUMNS[0]) : ranksOf(rows.map(COLUMNS[col]));
    // Location: by path, then line.
    return ranks[a] - ranks[b] || (col === 2 ? rows[a][3] - rows[b][3] : 0);
  }
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    if (!th.getAttribute('data-type')) return;
    th.tabIndex = 0;
    function sort() {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      order = given.slice();
      order.sort(function (a, b) { return compare(col, a, b) * dir || a - b; });
      apply();
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
  status();
  document.body.setAttribute('data-ready', 'true');
})();
`;

export interface HtmlReportOptions {
  title?: string;
  toolVersion?: string;
}

/** One self-contained HTML page (inline CSS, JS and SVG; no network) for an audit report. */
export function renderHtmlReport(report: AuditReport, opts: HtmlReportOptions = {}): string {
  const title = opts.title ?? 'obslint report';
  const t = report.totals;
  const rulesById = new Map(report.rules.map((r) => [r.ruleId, r.domain]));
  const domainOf = (f: Finding) => rulesById.get(f.ruleId) ?? 'tool';
  const findings = [...report.findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : a.line - b.line));
  const subtitle = `${report.scope} · ${plural(t.files, 'file')} · ${plural(t.total, 'finding')} (${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${num(t.info)} info)`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p>${esc(subtitle)}</p></header>
<main>
${scoreCard(report)}
${domainChart(report)}
${ruleChart(report)}
${panelChart(report)}
${cardinalityChart(report)}
${worstFilesCard(report)}
${noisyCard(report)}
${findingsTable(findings, domainOf)}
</main>
<footer>${esc(`Generated by obslint${opts.toolVersion ? ` ${opts.toolVersion}` : ''}. Rule names link to their documentation.`)}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The `html` formatter: the audit report when the CLI computed one, else one built from the run's findings and per-file audit facts (or models). */
export function formatHtml(ctx: FormatContext): string {
  const report =
    ctx.report ??
    buildAuditReport({ findings: ctx.findings, facts: ctx.auditFacts, models: ctx.models ?? [], files: ctx.files, rules: ctx.rules, rootDir: ctx.rootDir });
  return renderHtmlReport(report, { toolVersion: ctx.toolVersion });
}

