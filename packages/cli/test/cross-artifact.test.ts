import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, REPO_ROOT, parseJsonOutput, runCli } from './helpers.js';

/** Issue 12's acceptance: dashboards and alerts checked against the metrics the repository defines. */

const CROSS_FILE = new Set(['query/unknown-metric', 'query/unknown-label', 'metric/unused']);
const CORPUS = join(REPO_ROOT, '../shared/corpus');

function crossFile(stdout: string): string[] {
  return parseJsonOutput(stdout)
    .flatMap((r) => r.messages.filter((m) => CROSS_FILE.has(m.ruleId)).map((m) => `${m.ruleId} ${r.filePath.slice(r.filePath.indexOf('dashboards/'))}:${m.line}:${m.column}-${m.endColumn} ${m.fingerprint}`))
    .sort();
}

/** examples/shop in a temp directory, plus `filler` rule files (enough for worker threads). */
function shopCopy(filler = 0): string {
  const dir = mkdtempSync(join(tmpdir(), 'obslint-shop-'));
  cpSync(join(EXAMPLES, 'shop'), dir, { recursive: true });
  for (let i = 0; i < filler; i++) {
    writeFileSync(join(dir, `alerts/filler-${i}.yaml`), `groups:\n  - name: g${i}\n    rules:\n      - alert: Orders${i}\n        expr: sum(rate(shop_orders_total{status="failed"}[5m])) > ${i}\n        for: 5m\n`);
  }
  return dir;
}

describe('examples/shop: a service, its dashboard and its alert', () => {
  it('reports exactly the typo and the wrong label, at their characters; not the node_exporter panel', async () => {
    const run = await runCli(['examples/shop', '-f', 'json']);
    expect(run.code).toBe(0);
    const results = parseJsonOutput(run.stdout);
    const found = results.flatMap((r) => r.messages.filter((m) => CROSS_FILE.has(m.ruleId)).map((m) => ({ file: r.filePath.slice(REPO_ROOT.length + 1), ruleId: m.ruleId, line: m.line, column: m.column, endColumn: m.endColumn, message: m.message })));
    expect(found).toEqual([
      {
        file: 'examples/shop/dashboards/shop-orders.json',
        ruleId: 'query/unknown-metric',
        line: 49,
        column: 29,
        endColumn: 45,
        message: 'No metric "shop_order_total" is defined in this repository (panel "Order rate" of dashboard "Shop orders"), though it defines other "shop_" metrics: this query returns nothing. Did you mean "shop_orders_total"?',
      },
      {
        file: 'examples/shop/dashboards/shop-orders.json',
        ruleId: 'query/unknown-label',
        line: 81,
        column: 28,
        endColumn: 33,
        message: '"shop_orders_total" has no label "state" (panel "Orders by outcome" of dashboard "Shop orders"): its definition has label "status". Did you mean "status"?',
      },
    ]);
    // The node_exporter panel (line 113) and the alert file have no findings at all; the example is otherwise clean.
    expect(results.flatMap((r) => r.messages).filter((m) => !CROSS_FILE.has(m.ruleId))).toEqual([]);
  });

  it('gives the same findings from the cache and from worker threads', async () => {
    const dir = shopCopy(420);
    const cacheLocation = join(dir, '.cache', 'obslint');
    const plain = await runCli(['.', '-f', 'json', '--concurrency', '1', '--timing'], dir);
    expect(crossFile(plain.stdout)).toHaveLength(2);
    expect(plain.stderr).toMatch(/no worker threads/);
    const threads = await runCli(['.', '-f', 'json', '--concurrency', '2', '--timing'], dir);
    expect(threads.stderr).toMatch(/2 threads, this one and 1 worker/);
    expect(crossFile(threads.stdout)).toEqual(crossFile(plain.stdout));
    const cold = await runCli(['.', '-f', 'json', '--cache', '--cache-location', cacheLocation, '--concurrency', '1', '--timing'], dir);
    const warm = await runCli(['.', '-f', 'json', '--cache', '--cache-location', cacheLocation, '--concurrency', '1', '--timing'], dir);
    expect(warm.stderr).toMatch(/cache 424 hits, 0 misses/);
    expect(crossFile(cold.stdout)).toEqual(crossFile(plain.stdout));
    expect(crossFile(warm.stdout)).toEqual(crossFile(plain.stdout));
  }, 120_000);

  it('obslint metrics lists the index as a table and as JSON', async () => {
    const table = await runCli(['metrics', 'examples/shop']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 5)).toEqual([
      'metric                  type     labels                     defined at                        used at',
      '----------------------  -------  -------------------------  --------------------------------  ------------------------------------------------',
      'node_cpu_seconds_total  -        (queried: instance, mode)  -                                 examples/shop/dashboards/shop-orders.json:113:48',
      'shop_order_total        -        -                          -                                 examples/shop/dashboards/shop-orders.json:49:29',
      'shop_orders_total       counter  status                     examples/shop/src/metrics.ts:5:9  examples/shop/alerts/shop.rules.yaml:5:24 (+2)',
    ]);
    const json = await runCli(['metrics', 'examples/shop', '--format', 'json']);
    const rows = JSON.parse(json.stdout) as Array<{ metric: string; types: string[]; labels?: string[]; queriedLabels: string[]; definedAt: string[]; usedAt: string[] }>;
    expect(rows.find((r) => r.metric === 'shop_orders_total')).toEqual({
      metric: 'shop_orders_total',
      types: ['counter'],
      sources: ['prom-client'],
      labels: ['status'],
      labelsComplete: true,
      queriedLabels: ['state', 'status'],
      definedAt: ['examples/shop/src/metrics.ts:5:9'],
      usedAt: ['examples/shop/alerts/shop.rules.yaml:5:24', 'examples/shop/alerts/shop.rules.yaml:5:76', 'examples/shop/dashboards/shop-orders.json:81:41'],
    });
    expect((await runCli(['metrics', 'examples/shop', '-f', 'sarif'])).code).toBe(2);
  });
});

describe('../shared/corpus: dashboards and rules of others, no metrics defined in code', () => {
  it.skipIf(!existsSync(CORPUS))(`the cross-file rules report nothing, and obslint metrics lists the uses${existsSync(CORPUS) ? '' : ' (skipped: ../shared/corpus is absent)'}`, async () => {
    const lint = await runCli(['../shared/corpus', '-f', 'json']);
    expect(lint.code).not.toBe(2);
    expect(crossFile(lint.stdout)).toEqual([]);
    const metrics = await runCli(['metrics', '../shared/corpus', '-f', 'json']);
    const rows = JSON.parse(metrics.stdout) as Array<{ metric: string; sources: string[]; usedAt: string[]; definedAt: string[] }>;
    expect(rows.length).toBeGreaterThan(1000);
    // Only recording rules define metrics there; every other row is a metric the dashboards and rules use.
    expect(new Set(rows.flatMap((r) => r.sources))).toEqual(new Set(['recording-rule']));
    expect(rows.filter((r) => r.definedAt.length === 0).every((r) => r.usedAt.length > 0)).toBe(true);
    expect(rows.find((r) => r.metric === 'node_cpu_seconds_total')?.usedAt.length).toBeGreaterThan(10);
  }, 120_000);
});
