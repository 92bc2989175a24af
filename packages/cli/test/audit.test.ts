import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli, tempRepo } from './helpers.js';

/** A dashboard with `n` timeseries panels (the last `collapsed` of them inside a collapsed row). */
function dashboard(uid: string, n: number, collapsed = 0): string {
  const panel = (id: number) => ({ id, type: 'timeseries', title: `Requests ${id}`, targets: [{ refId: 'A', expr: 'sum(rate(http_requests_total[$__rate_interval]))' }] });
  const open = Array.from({ length: n - collapsed }, (_, i) => panel(i + 1));
  const rows = collapsed ? [{ id: 1000, type: 'row', title: 'More', collapsed: true, panels: Array.from({ length: collapsed }, (_, i) => panel(n - collapsed + i + 1)) }] : [];
  return JSON.stringify({ uid, title: `Dashboard ${uid}`, schemaVersion: 39, panels: [...open, ...rows] }, null, 2);
}

const RULES = `groups:
- name: checkout
  interval: 30s
  rules:
  - alert: CheckoutDown
    expr: up{job="checkout"} < 1
    for: 10m
    labels: {severity: critical, team: shop}
    annotations: {summary: Checkout is down, runbook_url: 'https://runbooks.example/checkout'}
  - alert: AppErrorsNow
    expr: sum(rate(app_errors_total[5m])) > 1
    labels: {severity: warning, team: shop}
    annotations: {description: Errors}
`;

const SNAPSHOT = ['# HELP app_requests_total Requests.', '# TYPE app_requests_total counter']
  .concat(Array.from({ length: 12 }, (_, i) => `app_requests_total{route="/r",user_id="u${i}"} ${i}`))
  .concat(['# HELP metric_1 Something.', '# TYPE metric_1 gauge', 'metric_1 1'])
  .join('\n') + '\n';

const files = { 'dashboards/big.json': dashboard('big', 60, 10), 'dashboards/small.json': dashboard('small', 3), 'alerts/app.rules.yaml': RULES, 'metrics/app.prom': SNAPSHOT };

interface AuditJson {
  scope: string;
  totals: { files: number; total: number; error: number; warning: number; info: number };
  domains: Array<{ domain: string; total: number; artifacts: number }>;
  rules: Array<{ ruleId: string; total: number }>;
  dashboards: Array<{ title: string; panels: number; collapsed: number }>;
  panelThreshold: { warn: number; error: number };
  cardinality: Array<{ name: string; series: number; worstLabel?: { name: string; values: number } }>;
  noisyAlerts: Array<{ name: string; signals: Array<{ ruleId: string }> }>;
  score: { score: number; grade: string; domains: Array<{ domain: string; score: number; artifacts: number }> };
}

describe('obslint audit', () => {
  const dir = tempRepo(files);

  it('prints a summary with score, totals, dashboards, cardinality and noisy alerts; exits 0 despite errors', async () => {
    const run = await runCli(['audit'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/^obslint audit of \.: 4 files, \d+ findings/);
    expect(out).toMatch(/\nScore: \d+\/100 \(grade [A-E]\)\n/);
    expect(out).toMatch(/\n {2}dashboard +\d+ +[█░]+ +×3 +65 /); // artifacts: 2 dashboards + 63 panels
    expect(out).toContain('Largest dashboards (dashboard/max-panels: warning at 50, error at 100)');
    expect(out).toMatch(/\n +60 +[█░]+ +Dashboard big +dashboards\/big\.json:1\n +3 +[█░]+ +Dashboard small/);
    expect(out).toMatch(/\n +12 +app_requests_total +counter +user_id \(12 values\) +metrics\/app\.prom:1\n/);
    expect(out).toMatch(/Alerts most likely to be noisy\n.*\n +1 +AppErrorsNow +missing-for/);
    expect(out).toMatch(/\n {2}metric\/generic-name +1 +0 +0 +1\n/);
  });

  it('gives the summary as JSON with -f json, and runs the strict preset', async () => {
    const run = await runCli(['audit', '-f', 'json'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as AuditJson;
    expect(report.scope).toBe('.');
    expect(report.totals.files).toBe(4);
    expect(report.dashboards.map((d) => [d.title, d.panels, d.collapsed])).toEqual([
      ['Dashboard big', 60, 10],
      ['Dashboard small', 3, 0],
    ]);
    expect(report.cardinality[0]).toMatchObject({ name: 'app_requests_total', series: 12, worstLabel: { name: 'user_id', values: 12 } });
    expect(report.noisyAlerts.map((a) => a.name)).toEqual(['AppErrorsNow']);
    expect(report.score.score).toBeGreaterThan(0);
    expect(report.score.score).toBeLessThan(100);
    const weights: Record<string, number> = { dashboard: 3, alert: 3, metric: 3, alertmanager: 2, query: 2, log: 2, recording: 1, trace: 1 };
    const mean = report.score.domains.reduce((s, d) => s + weights[d.domain] * d.score, 0) / report.score.domains.reduce((s, d) => s + weights[d.domain], 0);
    expect(report.score.score).toBeCloseTo(mean, 9);
    // strict-preset rules run: the same files linted with the recommended preset give fewer findings
    const lint = await runCli(['-f', 'json'], dir);
    const lintTotal = (JSON.parse(lint.stdout) as Array<{ messages: unknown[] }>).reduce((s, r) => s + r.messages.length, 0);
    const strictOnly = report.rules.filter((r) => ['dashboard/panel-description', 'dashboard/panel-units', 'alert/group-too-large', 'alert/cause-based-page'].includes(r.ruleId));
    expect(report.totals.total).toBe(lintTotal + strictOnly.reduce((s, r) => s + r.total, 0));
  });

  it('uses the configured max-panels thresholds and presets', async () => {
    const cfg = tempRepo({ ...files, 'obslint.config.yaml': 'extends: recommended\nrules:\n  dashboard/max-panels: [warn, { warn: 2, error: 80 }]\n' });
    const run = await runCli(['audit', '-f', 'json'], cfg);
    const report = JSON.parse(run.stdout) as AuditJson;
    expect(report.panelThreshold).toEqual({ warn: 2, error: 80 });
    expect(report.rules.find((r) => r.ruleId === 'dashboard/max-panels')?.total).toBe(2);
    expect(report.rules.some((r) => r.ruleId === 'dashboard/panel-description')).toBe(false);
  });

  it('writes the HTML report to a file and says where on stderr', async () => {
    const run = await runCli(['audit', '--format', 'html', '-o', 'out/report.html'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const path = join(dir, 'out/report.html');
    expect(run.stderr).toBe(`obslint: wrote the html audit report to ${path}\n`);
    const html = readFileSync(path, 'utf8');
    const json = JSON.parse((await runCli(['audit', '-f', 'json'], dir)).stdout) as AuditJson;
    // The table's rows (the page's script also holds the row template).
    expect(html.match(/<tr data-i="\d+"/g)?.length).toBe(json.totals.total);
    expect(html).toContain('>Dashboard big</text>');
    expect(html).toContain('>warn 50</text>');
  });

  it('serves lint formats over the audit findings, and the html format to lint too', async () => {
    const sarifLess = await runCli(['audit', '-f', 'stylish'], dir);
    expect(sarifLess.stdout).toMatch(/✖ \d+ problems/);
    const lintHtml = await runCli(['-f', 'html'], dir);
    expect(lintHtml.code).toBe(1);
    expect(lintHtml.stdout).toContain('<!doctype html>');
    expect(lintHtml.stdout).toContain('>Dashboard big</text>');
  });

  it('rejects unknown formats with exit 2', async () => {
    const run = await runCli(['audit', '-f', 'nope'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown format "nope" for audit \(available: text, json, .*html/);
  });

  const corpus = join(REPO_ROOT, '../shared/corpus');
  it.skipIf(!existsSync(corpus))(`summarises the shared corpus${existsSync(corpus) ? '' : ' (skipped: ../shared/corpus is absent)'}`, async () => {
    const run = await runCli(['audit', '../shared/corpus'], REPO_ROOT);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^obslint audit of \.\.\/shared\/corpus: \d{3,} files/);
    expect(run.stdout).toContain('Largest dashboards');
    expect(run.stdout).toContain('Alerts most likely to be noisy');
  }, 120_000);
});
