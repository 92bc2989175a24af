import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve-config.js';
import { defineRule } from '../rule/types.js';
import { lintUnit } from '../runner/lint-unit.js';
import { factsKeyOf } from '../runner/run.js';
import { factPosition } from '../runner/facts.js';
import { loadFile } from '../runner/load-file.js';
import { SourceFile } from '../source/source-file.js';
import { mayDefineMetrics, readsCode } from './index-code.js';
import { collectMetricFacts, groupingsOf, usesOf, type MetricFileFacts } from './index-facts.js';
import { otelPrometheusName, otelPrometheusNames } from './index-otel.js';
import { buildMetricIndex, closestName, definitionsOf, isOwnedMetric, metricNamespace } from './metric-index.js';

const file = (name: string, text: string) => new SourceFile(`/repo/${name}`, name, text);
const PROM = "import { Counter, Histogram } from 'prom-client';\nexport const c = new Counter({ name: 'shop_orders_total', help: 'Orders.', labelNames: ['status'] });\nexport const h = new Histogram({ name: 'shop_step_seconds', help: 'Steps.', labelNames: ['step', ...more] });\n";

describe('OpenTelemetry to Prometheus names', () => {
  it.each([
    ['http.server.duration', 'histogram', 'ms', 'http_server_duration_milliseconds'],
    ['system.filesystem.usage', 'updowncounter', 'By', 'system_filesystem_usage_bytes'],
    ['shop.orders', 'counter', '{order}', 'shop_orders_total'],
    ['foo.total', 'counter', undefined, 'foo_total'],
    ['shop.payments', 'observable-counter', '1', 'shop_payments_total'],
    ['system.cpu.utilization', 'gauge', '1', 'system_cpu_utilization_ratio'],
    ['net.io', 'counter', 'By/s', 'net_io_bytes_per_second_total'],
    ['request.seconds', 'histogram', 's', 'request_seconds'],
    ['queue.size', 'gauge', 'packets', 'queue_size_packets'],
    ['2xx.responses', 'counter', '', '_2xx_responses_total'],
  ] as const)('%s (%s, unit %s) → %s', (name, kind, unit, expected) => {
    expect(otelPrometheusName(name, kind, unit)).toBe(expected);
  });

  it('lists the spellings of exporters without unit suffixes and of UTF-8 ingestion', () => {
    expect(otelPrometheusNames('shop.checkout.latency', 'histogram', 'ms')).toEqual(['shop_checkout_latency_milliseconds', 'shop_checkout_latency', 'shop.checkout.latency']);
    expect(otelPrometheusNames('shop.orders', 'counter')).toEqual(['shop_orders_total', 'shop_orders', 'shop.orders']);
  });
});

describe('namespaces and suggestions', () => {
  it('takes the first word, a longer configured prefix, or the metric part of a recording-rule name', () => {
    expect(metricNamespace('shop_orders_total')).toBe('shop');
    expect(metricNamespace('acme_shop_orders_total', ['acme_shop_', 'acme'])).toBe('acme_shop');
    expect(metricNamespace('job:shop_orders:rate5m')).toBe('shop');
    expect(metricNamespace('up')).toBeUndefined();
  });

  it('suggests only close names', () => {
    expect(closestName('shop_order_total', ['shop_orders_total', 'shop_carts_total'])).toBe('shop_orders_total');
    expect(closestName('state', ['status', 'payment_method'])).toBe('status');
    expect(closestName('region', ['status'])).toBeUndefined();
  });
});

describe('code model', () => {
  it('is built only when asked, and only for files that may define metrics', () => {
    expect(loadFile(file('m.ts', PROM)).code).toBeUndefined();
    const model = loadFile(file('m.ts', PROM), undefined, { code: true });
    expect(model.kinds.has('code')).toBe(true);
    expect(model.code?.definitions.map((d) => d.name?.value)).toEqual(['shop_orders_total', 'shop_step_seconds']);
    expect(mayDefineMetrics("import pino from 'pino';\npino().info('x');\n")).toBe(false);
    expect(loadFile(file('log.ts', "import pino from 'pino';\n"), undefined, { code: true }).code).toBeUndefined();
    expect(loadFile(file('bad.ts', "import { Counter } from 'prom-client';\nnew Counter({"), undefined, { code: true }).code).toBeUndefined();
  });

  it('feeds collect for code files in the per-file phase only while a code-reading rule is on', () => {
    const rule = readsCode(defineRule({ meta: { id: 'query/test-index', domain: 'query', description: 'x', severity: 'warning', preset: 'recommended', messages: {}, defaultOptions: {} }, create: () => ({ collect: collectMetricFacts }) }));
    const unitWith = (severity: string) => {
      const config = resolveConfig({ rules: { 'query/test-index': severity } } as never, [rule], { baseDir: '/repo' });
      return lintUnit('/repo/m.ts', 'm.ts', { config, docRules: [rule], maxFileSize: Infinity }, { text: PROM });
    };
    const on = unitWith('warn');
    expect(on.role).toBe('code');
    const facts = on.facts[factsKeyOf(rule, collectMetricFacts)] as MetricFileFacts;
    expect(facts.definitions.map((d) => [d.name, d.series, d.labels, d.labelsComplete])).toEqual([
      ['shop_orders_total', ['shop_orders_total'], ['status'], true],
      ['shop_step_seconds', ['shop_step_seconds_bucket', 'shop_step_seconds_sum', 'shop_step_seconds_count'], ['step'], false],
    ]);
    expect(factPosition(facts.definitions[0].at, facts.file)).toBe(`${facts.file.relPath}:2:38`);
    // Facts survive the cache and worker threads: JSON in, the same index out.
    const index = buildMetricIndex([JSON.parse(JSON.stringify(facts)) as MetricFileFacts]);
    expect(definitionsOf(index, 'shop_step_seconds_bucket').map((d) => d.name)).toEqual(['shop_step_seconds']);
    expect(isOwnedMetric(index, 'shop_anything', { settings: { externalMetrics: [] } })).toBe(true);
    expect(isOwnedMetric(index, 'shop_anything', { settings: { externalMetrics: ['shop_'] } })).toBe(false);
    const off = unitWith('off');
    expect(off.role).toBe('code');
    expect(off.facts).toEqual({});
  });
});

describe('uses', () => {
  it('reads targets, template variables (label_values, query_result, metrics) and skips other datasources', () => {
    const dash = {
      title: 'D',
      templating: {
        list: [
          { name: 'a', type: 'query', query: 'label_values(shop_orders_total{job="$job"}, status)' },
          { name: 'b', type: 'query', query: { query: 'query_result(topk(5, shop_carts_total))', refId: 'x' } },
          { name: 'c', type: 'query', query: 'metrics(shop_.*)' },
          { name: 'd', type: 'query', datasource: { type: 'loki' }, query: 'label_values({app="x"}, pod)' },
          { name: 'e', type: 'custom', query: 'a,b' },
        ],
      },
      panels: [
        { id: 1, type: 'timeseries', datasource: { type: 'prometheus' }, targets: [{ refId: 'A', expr: 'sum by (route) (rate(shop_${kind}_total{code="5xx"}[5m]))' }] },
        // `$k` stands for a number (parsed as a selector), `{__name__=".*"}` selects everything: uses of no metric in particular.
        { id: 2, type: 'timeseries', datasource: { type: 'prometheus' }, targets: [{ refId: 'A', expr: 'topk($k, {__name__="shop_${kind}_count"}) or {__name__=~".+"}' }] },
      ],
    };
    const facts = collectMetricFacts(loadFile(file('d.json', JSON.stringify(dash, null, 1))));
    expect([...usesOf(facts.queries)].map((u) => [u.metric ?? `/${u.pattern}/`, u.source, u.labels.map((l) => l.name)])).toEqual([
      ['/shop_.*_total/', 'dashboard', ['code']],
      ['/shop_.*_count/', 'dashboard', []],
      ['shop_orders_total', 'variable', ['job', 'status']],
      ['shop_carts_total', 'variable', []],
      ['/shop_.*/', 'variable', []],
    ]);
    // The grouping's selector has a variable in its name: no grouping fact.
    expect([...groupingsOf(facts.queries)]).toEqual([]);
  });
});
