import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT, runCli, tempRepo } from './helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const CORPUS = join(REPO_ROOT, '../shared/corpus');
const SKIP_REASON = CHROMIUM ? '' : ' — SKIPPED: no Chromium at /usr/bin/chromium (install Debian\'s "chromium" package)';

/** Flags that keep Chromium from talking to the network on its own (so every request seen is the page's). */
const QUIET_CHROMIUM = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Rendered {
  consoleErrors: string[];
  requests: string[];
  screenshot: string;
  svgCharts: number;
  bars: number;
  thresholds: number;
  rows: number;
  countText: string;
  scrollWidth: number;
  chartWidths: number[];
  /** Rows visible after filtering by text / by severity. */
  filteredByText: number;
  expectedByText: number;
  filteredBySeverity: number;
  expectedBySeverity: number;
  /** Rule column after sorting by rule, ascending then descending. */
  sortedAsc: string[];
  sortedDesc: string[];
}

async function render(browser: Browser, htmlFile: string, filterText: string): Promise<Rendered> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 2000 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  const screenshot = join(mkdtempSync(join(tmpdir(), 'obslint-shot-')), 'report.png');
  await page.screenshot({ path: screenshot });
  const stats = await page.evaluate(() => ({
    svgCharts: document.querySelectorAll('svg.chart').length,
    bars: document.querySelectorAll('svg.chart rect.seg').length,
    thresholds: document.querySelectorAll('svg.chart line.threshold').length,
    rows: document.querySelectorAll('#findings tbody tr').length,
    countText: document.getElementById('count')!.textContent ?? '',
    scrollWidth: document.documentElement.scrollWidth,
    chartWidths: [...document.querySelectorAll('svg.chart')].map((s) => Math.round(s.getBoundingClientRect().width)),
  }));
  const visible = () => page.evaluate(() => [...document.querySelectorAll<HTMLTableRowElement>('#findings tbody tr')].filter((r) => !r.hidden).length);
  const expectedByText = await page.evaluate((q) => [...document.querySelectorAll('#findings tbody tr')].filter((r) => r.textContent!.toLowerCase().includes(q)).length, filterText);
  await page.fill('#q', filterText);
  const filteredByText = await visible();
  await page.fill('#q', '');
  const expectedBySeverity = await page.evaluate(() => document.querySelectorAll('#findings tbody tr[data-sev="warning"]').length);
  await page.selectOption('#sev', 'warning');
  const filteredBySeverity = await visible();
  await page.selectOption('#sev', '');
  const ruleColumn = () => page.evaluate(() => [...document.querySelectorAll('#findings tbody tr')].map((r) => (r as HTMLTableRowElement).cells[1].textContent ?? ''));
  await page.click('#findings th:nth-child(2)');
  const sortedAsc = await ruleColumn();
  await page.click('#findings th:nth-child(2)');
  const sortedDesc = await ruleColumn();
  await page.close();
  return { consoleErrors, requests, screenshot, ...stats, filteredByText, expectedByText, filteredBySeverity, expectedBySeverity, sortedAsc, sortedDesc };
}

function expectLooksRight(r: Rendered, htmlFile: string, findings: number): void {
  expect(r.consoleErrors).toEqual([]);
  expect(r.requests).toEqual([pathToFileURL(htmlFile).href]);
  expect(statSync(r.screenshot).size).toBeGreaterThan(20_000);
  expect(r.rows).toBe(findings);
  expect(r.countText).toBe(`showing ${findings} of ${findings}`);
  expect(r.scrollWidth).toBeLessThanOrEqual(1400);
  for (const w of r.chartWidths) expect(w).toBeGreaterThan(300);
  expect(r.filteredByText).toBe(r.expectedByText);
  expect(r.filteredByText).toBeGreaterThan(0);
  expect(r.filteredByText).toBeLessThan(findings);
  expect(r.filteredBySeverity).toBe(r.expectedBySeverity);
  const asc = [...r.sortedAsc].sort((a, b) => a.localeCompare(b));
  expect(r.sortedAsc).toEqual(asc);
  expect(r.sortedDesc).toEqual([...asc].reverse().sort((a, b) => b.localeCompare(a)));
}

describe.skipIf(!CHROMIUM)(`audit --format html in headless Chromium${SKIP_REASON}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: QUIET_CHROMIUM });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders a small repository: gauge, four charts with threshold lines, a working findings table', async () => {
    const panels = Array.from({ length: 55 }, (_, i) => ({ id: i + 1, type: 'graph', title: i === 0 ? '<img src=x onerror=alert(1)>' : `Panel ${i + 1}` }));
    const dir = tempRepo({
      'dashboards/big.json': JSON.stringify({ uid: 'big', title: 'Big "board" <script>', schemaVersion: 39, panels }),
      'alerts/a.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: NoFor\n        expr: rate(x_errors_total[5m]) > 1\n',
      'metrics/m.prom': '# HELP metric_1 x\n# TYPE metric_1 gauge\nmetric_1{user_id="1"} 1\nmetric_1{user_id="2"} 1\n',
    });
    const run = await runCli(['audit', '-f', 'html', '-o', 'report.html', '-f', 'json', '-o', 'report.json'], dir);
    expect(run.code).toBe(0);
    const html = join(dir, 'report.html');
    const total = (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { totals: { total: number } }).totals.total;
    const r = await render(browser, html, 'dashboard/');
    expectLooksRight(r, html, total);
    expect(r.svgCharts).toBe(5); // score per domain, by domain, by rule, panels, cardinality
    expect(r.thresholds).toBe(2);
    expect(r.bars).toBeGreaterThan(8);
  });

  it.skipIf(!existsSync(CORPUS))(`renders the shared corpus with no console errors and no network requests${existsSync(CORPUS) ? '' : ' (skipped: ../shared/corpus is absent)'}`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'obslint-corpus-report-'));
    const html = join(out, 'r.html');
    const run = await runCli(['audit', '../shared/corpus', '--format', 'html', '-o', html, '-f', 'json', '-o', join(out, 'r.json')], REPO_ROOT);
    expect(run.code).toBe(0);
    const total = (JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as { totals: { total: number } }).totals.total;
    const r = await render(browser, html, 'alert/missing-for');
    expectLooksRight(r, html, total);
    expect(r.svgCharts).toBeGreaterThanOrEqual(4);
    expect(r.thresholds).toBe(2);
  }, 180_000);
});
