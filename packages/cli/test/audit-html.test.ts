import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { FINDINGS_PAGE, type FindingsData } from '@obslint/core';
import { REPO_ROOT, runCli, tempRepo } from './helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const CORPUS = join(REPO_ROOT, '../shared/corpus');
const SKIP_REASON = CHROMIUM ? '' : ' — SKIPPED: no Chromium at /usr/bin/chromium (install Debian\'s "chromium" package)';

/** Flags that keep Chromium from talking to the network on its own (so every request seen is the page's). */
const QUIET_CHROMIUM = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A finding as the page's data holds it (its rendering is checked against it). */
interface JsonFinding {
  ruleId: string;
  severity: string;
  relPath: string;
  line: number;
  column: number;
  entity: string;
  message: string;
}

/**
 * The findings in the page's data, read here without a browser, and checked against the count of the audit's
 * JSON report (the unit tests check the data against the run's findings, field by field).
 */
function pageFindings(htmlFile: string, jsonReport: string): JsonFinding[] {
  const data = JSON.parse(/<script type="application\/json" id="findings-data">([^<]*)<\/script>/.exec(readFileSync(htmlFile, 'utf8'))![1]) as FindingsData;
  const findings = data.rows.map(([sev, rule, path, line, column, entity, message]) => ({ severity: ['error', 'warning', 'info'][sev], ruleId: data.rules[rule][0], relPath: data.paths[path], line, column, entity, message }));
  expect(findings.length).toBe((JSON.parse(readFileSync(jsonReport, 'utf8')) as { totals: { total: number } }).totals.total);
  return findings;
}

/** What the findings table's text filter matches a finding on: severity, rule, location, entity and message. */
const filterText = (f: JsonFinding) => `${f.severity} ${f.ruleId} ${f.relPath}:${f.line}:${f.column} ${f.entity} ${f.message}`.toLowerCase();

/** The page lists this many findings as rows at first, and as many more each time. */
const PAGE = FINDINGS_PAGE;

interface Rendered {
  consoleErrors: string[];
  requests: string[];
  screenshot: string;
  svgCharts: number;
  bars: number;
  thresholds: number;
  /** Rows of the findings table when the page has loaded. */
  rows: number;
  countText: string;
  scrollWidth: number;
  chartWidths: number[];
  /** After filtering by text / by severity: the count shown and the rows listed (each holding the text). */
  byText: { count: string; rows: number; allMatch: boolean };
  bySeverity: { count: string; rows: number; allMatch: boolean };
  /** Rule column after sorting by rule, ascending then descending. */
  sortedAsc: string[];
  sortedDesc: string[];
  /** Rows after scrolling the table to its end once, then after pressing "show more" until it is gone. */
  afterScroll: number;
  afterMore: number;
  /** Every listed row (severity, rule, location, message), after the table has listed them all. */
  allRows: string[];
  /** The first rows' markup as the page arrived, and as its script builds them after a sort back to that order. */
  staticRows: string[];
  scriptRows: string[];
}

async function render(browser: Browser, htmlFile: string, filterBy: string): Promise<Rendered> {
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
  const firstRows = () => page.evaluate(() => [...document.querySelectorAll('#findings tbody tr')].slice(0, 50).map((r) => r.outerHTML));
  const staticRows = await firstRows();
  const stats = await page.evaluate(() => ({
    svgCharts: document.querySelectorAll('svg.chart').length,
    bars: document.querySelectorAll('svg.chart rect.seg').length,
    thresholds: document.querySelectorAll('svg.chart line.threshold').length,
    rows: document.querySelectorAll('#findings tbody tr').length,
    countText: document.getElementById('count')!.textContent ?? '',
    scrollWidth: document.documentElement.scrollWidth,
    chartWidths: [...document.querySelectorAll('svg.chart')].map((s) => Math.round(s.getBoundingClientRect().width)),
  }));
  const listed = (match: string) =>
    page.evaluate((m) => {
      const rows = [...document.querySelectorAll<HTMLTableRowElement>('#findings tbody tr')];
      return { count: document.getElementById('count')!.textContent ?? '', rows: rows.length, allMatch: rows.every((r) => (m.startsWith('sev:') ? r.dataset.sev === m.slice(4) : r.textContent!.toLowerCase().includes(m))) };
    }, match);
  await page.fill('#q', filterBy);
  const byText = await listed(filterBy);
  await page.fill('#q', '');
  await page.selectOption('#sev', 'warning');
  const bySeverity = await listed('sev:warning');
  await page.selectOption('#sev', '');
  const ruleColumn = () => page.evaluate(() => [...document.querySelectorAll('#findings tbody tr')].map((r) => (r as HTMLTableRowElement).cells[1].textContent ?? ''));
  await page.click('#findings th:nth-child(2)');
  const sortedAsc = await ruleColumn();
  await page.click('#findings th:nth-child(2)');
  const sortedDesc = await ruleColumn();
  // Back to the order the page came in (severity, then location): the script builds the rows the page had.
  await page.click('#findings th:nth-child(1)');
  const scriptRows = await firstRows();
  const rowCount = () => page.evaluate(() => document.querySelectorAll('#findings tbody tr').length);
  const before = await rowCount();
  await page.evaluate(() => {
    const wrap = document.getElementById('findings-wrap')!;
    wrap.scrollTop = wrap.scrollHeight;
  });
  // The scroll event arrives after a frame: wait for the rows it lists (when there are more to list).
  if (await page.isVisible('#more')) await page.waitForFunction((n) => document.querySelectorAll('#findings tbody tr').length > n, before, { timeout: 10_000 });
  const afterScroll = await rowCount();
  while (await page.isVisible('#more')) await page.click('#more');
  const afterMore = await rowCount();
  const allRows = await page.evaluate(() => [...document.querySelectorAll<HTMLTableRowElement>('#findings tbody tr')].map((r) => [...r.cells].map((c) => c.textContent).join('|')));
  await page.close();
  return { consoleErrors, requests, screenshot, ...stats, byText, bySeverity, sortedAsc, sortedDesc, afterScroll, afterMore, allRows, staticRows, scriptRows };
}

/** The page with JavaScript off (a CI server's artifact viewer may block scripts): what it lists and says. */
async function renderWithoutScripts(browser: Browser, htmlFile: string): Promise<{ rows: number; note: string; moreVisible: boolean }> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
  const out = await page.evaluate(() => ({ rows: document.querySelectorAll('#findings tbody tr').length, note: document.getElementById('more-note')?.textContent ?? '' }));
  const moreVisible = await page.isVisible('#more');
  await context.close();
  return { ...out, moreVisible };
}

function expectLooksRight(r: Rendered, htmlFile: string, findings: JsonFinding[], filterBy: string): void {
  const total = findings.length;
  expect(r.consoleErrors).toEqual([]);
  expect(r.requests).toEqual([pathToFileURL(htmlFile).href]);
  expect(statSync(r.screenshot).size).toBeGreaterThan(20_000);
  expect(r.rows).toBe(Math.min(total, PAGE));
  const n = (x: number) => x.toLocaleString('en-US');
  expect(r.countText).toBe(`showing ${n(total)} of ${n(total)}`);
  expect(r.scrollWidth).toBeLessThanOrEqual(1400);
  for (const w of r.chartWidths) expect(w).toBeGreaterThan(300);
  // Filters count what the JSON report holds, and list only what matches.
  const byText = findings.filter((f) => filterText(f).includes(filterBy)).length;
  expect(byText).toBeGreaterThan(0);
  expect(byText).toBeLessThan(total);
  expect(r.byText).toEqual({ count: `showing ${n(byText)} of ${n(total)}`, rows: Math.min(byText, PAGE), allMatch: true });
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  expect(r.bySeverity).toEqual({ count: `showing ${n(warnings)} of ${n(total)}`, rows: Math.min(warnings, PAGE), allMatch: true });
  const ids = findings.map((f) => f.ruleId);
  expect(r.sortedAsc).toEqual([...ids].sort((a, b) => a.localeCompare(b)).slice(0, PAGE));
  expect(r.sortedDesc).toEqual([...ids].sort((a, b) => b.localeCompare(a)).slice(0, PAGE));
  expect(r.scriptRows).toEqual(r.staticRows);
  // Scrolling lists more, "show more" lists the rest: every finding of the JSON report, once.
  expect(r.afterScroll).toBe(Math.min(total, 2 * PAGE));
  expect(r.afterMore).toBe(total);
  const expected = findings.map((f) => [f.severity, f.ruleId, `${f.relPath}:${f.line}:${f.column}${f.entity}`, f.message].join('|'));
  expect([...r.allRows].sort()).toEqual(expected.sort());
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
    const findings = pageFindings(html, join(dir, 'report.json'));
    const r = await render(browser, html, 'dashboard/');
    expectLooksRight(r, html, findings, 'dashboard/');
    expect(r.svgCharts).toBe(5); // score per domain, by domain, by rule, panels, cardinality
    expect(r.thresholds).toBe(2);
    expect(r.bars).toBeGreaterThan(8);
  });

  it.skipIf(!existsSync(CORPUS))(`renders the shared corpus with no console errors and no network requests${existsSync(CORPUS) ? '' : ' (skipped: ../shared/corpus is absent)'}`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'obslint-corpus-report-'));
    const html = join(out, 'r.html');
    const run = await runCli(['audit', '../shared/corpus', '--format', 'html', '-o', html, '-f', 'json', '-o', join(out, 'r.json')], REPO_ROOT);
    expect(run.code).toBe(0);
    const findings = pageFindings(html, join(out, 'r.json'));
    expect(findings.length).toBeGreaterThan(2 * PAGE); // the table lists them in pages
    const r = await render(browser, html, 'alert/missing-for');
    expectLooksRight(r, html, findings, 'alert/missing-for');
    const total = findings.length.toLocaleString('en-US');
    const unlisted = (findings.length - PAGE).toLocaleString('en-US');
    expect(await renderWithoutScripts(browser, html)).toEqual({
      rows: PAGE,
      note: `The first ${PAGE} of ${total} findings are listed; the other ${unlisted} appear as you scroll, with JavaScript on (or see \`-f json\`).`,
      moreVisible: false,
    });
    expect(r.svgCharts).toBeGreaterThanOrEqual(4);
    expect(r.thresholds).toBe(2);
  }, 180_000);
});
