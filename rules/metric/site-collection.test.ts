import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter } from 'eslint';
import type * as ESTree from 'estree';
import tseslint from 'typescript-eslint';
import { collectMetricSites, type MetricSites } from '@obslint/core/code';
import { genericName } from './generic-name/index.js';
import { metricEslintRule } from './shared.js';

/**
 * The metric rules collect a file's metric sites from ESLint's own traversal (`metricSiteCollector` fed by
 * listeners on `METRIC_SITE_NODE_TYPES`); the CLI's cross-file index walks the tree itself
 * (`collectMetricSites`). Both must find the same definitions and uses: a node type handled by the
 * collector but missing from the listened types would be seen by one and not the other.
 */
const EXAMPLES = join(import.meta.dirname, '../../examples');

const COMPOSITE = `
import client, { Counter, Histogram } from 'prom-client';
import { metrics, ValueType } from '@opentelemetry/api';
const PREFIX = 'shop_';
const BUCKETS = [0.1, 0.5, 1, Infinity];
const meter = metrics.getMeter('shop');
export const orders = new Counter({ name: PREFIX + 'orders_total', help: 'Orders.', labelNames: ['method', 'code'] });
const latency = new client.Histogram({ name: 'shop_latency_seconds', help: 'Latency.', labelNames: ['route'], buckets: BUCKETS });
const made = createGauge({ name: 'shop_queue_depth', help: 'Depth.' });
const up = meter.createUpDownCounter('shop.inflight', { description: 'In flight.', unit: '{request}' });
const hist = meter.createHistogram('shop.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1] } });
meter.createObservableGauge('shop.queue.depth').addCallback((result) => {
  for (const q of queues) result.observe(q.size, { queue: q.name });
});
meter.addBatchObservableCallback((observer) => { observer.observe(gaugeA, 1, { zone: 'a' }); }, [gaugeA]);
class Service {
  private readonly requests = new Counter({ name: 'svc_requests_total', help: 'Requests.', labelNames: ['route'] });
  metrics = { errors: new Counter({ name: 'svc_errors_total', help: 'Errors.' }) };
  handle(req: { route: string; userId: string }) {
    this.requests.labels(req.route).inc();
    this.metrics.errors.inc({ kind: 'x' });
    const end = latency.startTimer({ route: req.route });
    try { orders.inc({ method: 'GET', code: '200' }); } finally { end({ code: '200' }); }
    up.add(1, { route: req.route });
    hist.record(0.2, { 'http.route': req.route, user: req.userId });
    made.set({ queue: 'q' }, 3);
    result.observe(2, { outside: 'callback' });
  }
}
function helper(counter: Counter, name = 'x') { counter.inc({ name }); }
const arrow = (g = new client.Gauge({ name: 'shop_arrow', help: 'x' })) => g.set(1);
`;

interface Summary {
  definitions: string[];
  uses: string[];
  constants: string[];
  variables: string[];
}

function summary(sites: MetricSites): Summary {
  const range = (n: ESTree.Node) => (n as { range?: [number, number] }).range!.join('-');
  return {
    definitions: sites.definitions.map((d) =>
      [d.library, d.kind, d.name?.value, d.help?.value, d.unit?.value, d.target, d.labelNames?.names.map((l) => l.name).join(','), d.buckets?.count, range(d.node)].join('|'),
    ),
    uses: sites.uses.map((u) => [u.method, u.definition?.name?.value, range(u.call), u.values.map((v) => v.name).join(',')].join('|')),
    constants: [...sites.constants].map(([k, v]) => `${k}=${v}`),
    variables: [...sites.variables].map(([k, inits]) => `${k}:${inits.length}`),
  };
}

/** Sites as the metric rules see them, fed by ESLint's traversal. */
function viaEslint(code: string): Summary | undefined {
  let seen: Summary | undefined;
  const probe = metricEslintRule(genericName.meta, ({ sites }) => {
    seen = summary(sites);
  });
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { t: { rules: { probe } } }, rules: { 't/probe': 'warn' } }], 'x.ts');
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return seen;
}

/** Sites as the CLI's cross-file index gets them, from its own walk of the tree. */
function viaWalk(code: string): Summary {
  const { ast } = tseslint.parser.parseForESLint!(code, { range: true, loc: true, sourceType: 'module' }) as { ast: ESTree.Program };
  return summary(collectMetricSites(ast));
}

describe('metric sites: ESLint-fed collection equals the walk', () => {
  const samples: Array<[string, string]> = [
    ['composite', COMPOSITE],
    ...['demo/src/checkout.ts', 'demo/src/logging.ts', 'shop/src/metrics.ts', 'shop/src/orders.ts'].map((f): [string, string] => [f, readFileSync(join(EXAMPLES, f), 'utf8')]),
  ];
  it.each(samples)('%s', (_name, code) => {
    const walked = viaWalk(code);
    const fed = viaEslint(code);
    if (walked.definitions.length === 0 && walked.uses.length === 0) expect(fed).toBeUndefined();
    else expect(fed).toEqual(walked);
  });

  it('the composite sample exercises every kind of site', () => {
    const s = viaWalk(COMPOSITE);
    expect(s.definitions.length).toBe(9);
    const methods = new Set(s.uses.map((u) => u.split('|')[0]));
    for (const m of ['labels', 'inc', 'observe', 'startTimer', 'end-timer', 'add', 'record', 'set']) expect(methods, m).toContain(m);
    // the callback's parameter is an observer inside the callback only
    expect(s.uses.some((u) => u.startsWith('observe|') && u.endsWith('|outside'))).toBe(false);
  });
});
