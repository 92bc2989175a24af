#!/usr/bin/env node
// Seeded, deterministic benchmark corpus: N dashboards × P panels, R rule files × A alerts,
// M exposition snapshots, K TypeScript files with logging and metrics.
//   node scripts/bench/generate-corpus.mjs <outDir> [--scale 1] [--dashboards 2000 --panels 20 --rules 100 --alerts 100 --snapshots 50 --code 200 --seed 42 --density real|dense]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Mulberry32: a small seeded PRNG so the corpus is the same on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METRICS = ['http_requests_total', 'http_request_duration_seconds_bucket', 'process_cpu_seconds_total', 'node_memory_MemAvailable_bytes', 'queue_depth', 'db_query_duration_seconds_bucket', 'cache_hits_total', 'up'];
const LABELS = ['job', 'instance', 'route', 'code', 'method', 'pod', 'namespace'];
const TITLES = { http_requests_total: 'Request rate', http_request_duration_seconds_bucket: 'p99 request latency', process_cpu_seconds_total: 'CPU usage', node_memory_MemAvailable_bytes: 'Available memory', queue_depth: 'Queue depth', db_query_duration_seconds_bucket: 'p99 query latency', cache_hits_total: 'Cache hit rate', up: 'Targets up' };
/** The panel title a person would give a query's panel (the metric it shows). */
const titleOf = (expr) => TITLES[METRICS.find((m) => expr.includes(`${m}{`))];

/*
 * Finding density. `real` (the default) follows the ~320 real dashboards of ../shared/corpus: 0.26 findings
 * per panel there, and here about as many (placeholder titles 1% of panels, pinned datasources 0.5% of
 * queries, rate() over a fixed or $__interval range 10% of counter queries, 5s refresh 1% of dashboards).
 * `dense` is the corpus of sessions 1-13: every panel titled "Panel N" (a placeholder), 20% of queries pinned
 * to a datasource, 2.1 findings per panel, 83,000 in all: it measures the cost of reporting findings.
 */
const RANGES_REAL = [['$__rate_interval', 0.9], ['5m', 0.08], ['$__interval', 0.02]];
const REFRESH_REAL = [['30s', 0.4], ['1m', 0.39], ['', 0.2], ['5s', 0.01]];

export function generateCorpus(out, o) {
  const rnd = prng(o.seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const int = (n) => Math.floor(rnd() * n);
  /** One draw from [[value, weight], ...] (weights sum to 1): one rnd() call, as `pick` makes. */
  const weighted = (choices) => {
    let x = rnd();
    for (const [v, w] of choices) if ((x -= w) < 0) return v;
    return choices[choices.length - 1][0];
  };
  const dense = o.density === 'dense';
  rmSync(out, { recursive: true, force: true });
  for (const d of ['dashboards', 'rules', 'snapshots', 'src']) mkdirSync(join(out, d), { recursive: true });
  const query = () => {
    const m = pick(METRICS);
    const sel = `${m}{${pick(LABELS)}=~"$${pick(LABELS)}"}`;
    if (m.endsWith('_bucket')) return `histogram_quantile(0.99, sum by (le) (rate(${sel}[$__rate_interval])))`;
    if (m.endsWith('_total')) return `sum by (${pick(LABELS)}) (rate(${sel}[${dense ? pick(['$__rate_interval', '5m', '$__interval']) : weighted(RANGES_REAL)}]))`;
    return `avg(${sel})`;
  };
  for (let i = 0; i < o.dashboards; i++) {
    const panels = [];
    let id = 1;
    for (let p = 0; p < o.panels; p++) {
      if (p > 0 && p % 10 === 0) panels.push({ id: id++, type: 'row', title: `Row ${p / 10}`, collapsed: rnd() < 0.3, gridPos: { h: 1, w: 24, x: 0, y: p * 8 }, panels: [] });
      const targets = Array.from({ length: 1 + int(3) }, (_, t) => ({ refId: String.fromCharCode(65 + t), datasource: { type: 'prometheus', uid: rnd() < (dense ? 0.8 : 0.995) ? '${datasource}' : 'P1809F7CD0C75ACF3' }, expr: query(), legendFormat: '{{instance}}' }));
      panels.push({
        id: id++,
        type: pick(['timeseries', 'timeseries', 'stat', 'gauge', 'graph', 'table']),
        title: rnd() < (dense ? 0.05 : 0.01) ? 'Panel Title' : dense ? `Panel ${p}` : `${titleOf(targets[0].expr)} (${p + 1})`,
        description: rnd() < 0.5 ? 'What this shows.' : undefined,
        datasource: { type: 'prometheus', uid: '${datasource}' },
        fieldConfig: { defaults: rnd() < 0.6 ? { unit: pick(['s', 'bytes', 'reqps', 'percent']) } : {}, overrides: [] },
        gridPos: { h: 8, w: 12, x: (p % 2) * 12, y: p * 8 },
        targets,
      });
    }
    const dash = { uid: `bench-${i}`, title: `Bench ${i}`, schemaVersion: 39, refresh: dense ? pick(['30s', '1m', '5s', '']) : weighted(REFRESH_REAL), tags: ['bench'], time: { from: 'now-6h', to: 'now' }, templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }] }, panels };
    writeFileSync(join(out, 'dashboards', `dash-${i}.json`), JSON.stringify(dash, null, 2));
  }
  for (let f = 0; f < o.rules; f++) {
    const lines = ['groups:'];
    for (let g = 0; g < Math.ceil(o.alerts / 10); g++) {
      lines.push(`  - name: group-${f}-${g}`, '    rules:');
      for (let a = 0; a < 10 && g * 10 + a < o.alerts; a++) {
        const n = g * 10 + a;
        const m = pick(METRICS);
        const expr = m.endsWith('_total') ? `sum by (job, instance) (rate(${m}{job="api"}[${pick(['1m', '5m', '30s'])}])) > ${int(100)}` : `${m}{job="api"} > ${int(100)}`;
        lines.push(`      - alert: Bench${f}x${n}`, `        expr: ${expr}`);
        if (rnd() < 0.7) lines.push(`        for: ${pick(['0m', '1m', '5m', '10m'])}`);
        lines.push('        labels:', `          severity: ${pick(['critical', 'warning', 'info', 'page'])}`, '        annotations:', `          summary: Instance {{ $labels.instance }} of {{ $labels.job }} is unhappy ({{ $value }})`);
        if (rnd() < 0.5) lines.push('          runbook_url: https://runbooks.example.com/bench');
      }
    }
    writeFileSync(join(out, 'rules', `rules-${f}.yaml`), lines.join('\n') + '\n');
  }
  for (let s = 0; s < o.snapshots; s++) {
    const lines = [];
    for (let m = 0; m < 20; m++) {
      const name = m === 0 && s % 10 === 0 ? 'metric_1' : `bench_app_${m}_requests_total`;
      lines.push(`# HELP ${name} Requests.`, `# TYPE ${name} counter`);
      for (let v = 0; v < 25; v++) lines.push(`${name}{route="/r/${v}",code="${pick(['200', '404', '500'])}",user_id="${s * 1000 + v * 7 + m}"} ${int(10000)}`);
    }
    writeFileSync(join(out, 'snapshots', `snap-${s}.prom`), lines.join('\n') + '\n');
  }
  for (let k = 0; k < o.code; k++) {
    const body = [`import pino from 'pino';`, `import client from 'prom-client';`, `const logger = pino();`, `const requests = new client.Counter({ name: 'bench_${k}_requests_total', help: 'Requests.', labelNames: ['route'] });`, ''];
    for (let fn = 0; fn < 20; fn++) {
      body.push(`export async function handler${fn}(req: { url: string; userId: string }, id: number): Promise<number> {`);
      body.push(rnd() < 0.3 ? `  logger.info(\`handling \${req.url} for \${req.userId}\`);` : `  logger.info({ url: req.url }, 'handling request');`);
      body.push(`  requests.inc({ route: '/r/${fn}' });`, `  for (let i = 0; i < id; i++) { if (i % 100 === 0) logger.debug({ i }, 'progress'); }`, `  try { return id * ${fn}; } catch (err) { logger.error({ err }, 'failed'); throw err; }`, '}', '');
    }
    writeFileSync(join(out, 'src', `service-${k}.ts`), body.join('\n'));
  }
}

/**
 * One large file of each kind, for the benchmark's (g): a dashboard of `n` panels, a rule group of `n` alerts
 * and a TypeScript function whose loop logs `n` times (a finding each). A run over one file must grow with its
 * size, not its square: a block of 20,000 statements once took 21 s to lint, found one by one.
 */
export function generateLargeFiles(out, n) {
  rmSync(out, { recursive: true, force: true });
  for (const d of ['dashboard', 'rules', 'code']) mkdirSync(join(out, d), { recursive: true });
  const panels = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    type: i % 10 === 0 ? 'graph' : 'timeseries',
    title: `Requests ${i}`,
    gridPos: { x: (i % 2) * 12, y: i * 8, w: 12, h: 8 },
    datasource: { type: 'prometheus', uid: '${datasource}' },
    targets: [{ refId: 'A', expr: `sum by (route) (rate(http_requests_total{job="api",route=~"/r${i % 97}.*"}[${i % 3 ? '$__rate_interval' : '5m'}]))` }],
  }));
  const dash = { uid: 'large', title: 'Large', schemaVersion: 39, templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }] }, panels };
  writeFileSync(join(out, 'dashboard', 'large.json'), JSON.stringify(dash, null, 2));
  const rules = ['groups:', '  - name: large', '    rules:'];
  for (let i = 0; i < n; i++) {
    rules.push(`      - alert: HighErrorRate${i}`, `        expr: sum(rate(http_requests_total{code=~"5..",route="/r${i}"}[5m])) / sum(rate(http_requests_total{route="/r${i}"}[5m])) > 0.05`);
    rules.push(`        for: ${i % 4 ? '10m' : '0m'}`, '        labels:', `          severity: ${i % 5 ? 'critical' : 'page'}`, '        annotations:', `          summary: High error rate on route ${i}`);
  }
  writeFileSync(join(out, 'rules', 'large.yaml'), rules.join('\n') + '\n');
  const code = [`import pino from 'pino';`, 'const logger = pino();', 'export function run(items: string[]): void {', '  for (const id of items) {'];
  for (let i = 0; i < n; i++) code.push(`    logger.info({ id, step: ${i} }, 'step done');`, `    if (id === '${i}') { logger.warn({ id }, 'odd'); }`);
  writeFileSync(join(out, 'code', 'large.ts'), [...code, '  }', '}', ''].join('\n'));
}

export const DEFAULTS = { dashboards: 2000, panels: 20, rules: 100, alerts: 100, snapshots: 50, code: 200, seed: 42, density: 'real' };

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const out = args[0];
  if (!out) throw new Error('usage: generate-corpus.mjs <outDir> [--scale N] [--dashboards N ...]');
  const o = { ...DEFAULTS };
  let scale = 1;
  for (let i = 1; i < args.length; i += 2) {
    const k = args[i].replace(/^--/, '');
    if (k === 'scale') scale = Number(args[i + 1]);
    else if (k === 'density') o.density = args[i + 1];
    else o[k] = Number(args[i + 1]);
  }
  for (const k of ['dashboards', 'rules', 'snapshots', 'code']) o[k] = Math.round(o[k] * scale);
  generateCorpus(out, o);
  console.log(`corpus written to ${out}: ${JSON.stringify(o)}`);
}
