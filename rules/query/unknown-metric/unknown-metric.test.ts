import { RuleTester } from '@obslint/core';
import { alert, record, rulesFile } from '../../alert/test-fixtures.js';
import { dashboard, lintRepo, positionOf, promClient } from './fixtures.js';
import { unknownMetric } from './index.js';

const code = promClient({ shop_orders_total: ['status'] });
const histogram = "import { Histogram } from 'prom-client';\nexport const h = new Histogram({ name: 'shop_checkout_duration_seconds', help: 'Checkout time.', labelNames: ['step'] });\n";
const msg = (metric: string, where: string, suggestion?: string) =>
  `No metric "${metric}" is defined in this repository (${where}), though it defines other "shop_" metrics: this query returns nothing. ${
    suggestion ? `Did you mean "${suggestion}"?` : 'A typo, or a metric renamed in code?'
  }`;

describe('query/unknown-metric', () => {
  it('reports a typo in a dashboard target at the metric name, suggesting the defined name', async () => {
    const dash = dashboard(['sum(rate(shop_order_total[$__rate_interval]))', 'sum(rate(shop_orders_total[5m]))']);
    expect(await lintRepo({ 'src/metrics.ts': code, 'dash.json': dash }, [unknownMetric])).toEqual([
      `dash.json:${positionOf(dash, 'shop_order_total')} ${msg('shop_order_total', 'panel "P1" of dashboard "Shop"', 'shop_orders_total')}`,
    ]);
  });

  it('reports alert and recording expressions, and template-variable queries', async () => {
    const rules = rulesFile(alert('OrdersFailing', 'rate(shop_orderz_total{status="failed"}[5m]) > 1'), record('job:shop_orders:rate5m', 'sum by (job) (rate(shop_ordrs_total[5m]))'));
    const dash = dashboard([], [{ name: 'status', type: 'query', datasource: { type: 'prometheus', uid: 'prom' }, query: { query: 'label_values(shop_orders_totl{job="shop"}, status)', refId: 'v' } }]);
    expect(await lintRepo({ 'src/metrics.ts': code, 'rules.yaml': rules, 'dash.json': dash }, [unknownMetric])).toEqual([
      `dash.json:${positionOf(dash, 'shop_orders_totl')} ${msg('shop_orders_totl', 'variable "status" of dashboard "Shop"', 'shop_orders_total')}`,
      `rules.yaml:5:20 ${msg('shop_orderz_total', 'alert "OrdersFailing"', 'shop_orders_total')}`,
      `rules.yaml:7:34 ${msg('shop_ordrs_total', 'recording rule "job:shop_orders:rate5m"', 'shop_orders_total')}`,
    ]);
  });

  it('knows histogram series, OpenTelemetry names (units, _total) and recording rules', async () => {
    const otel = [
      "import { metrics } from '@opentelemetry/api';",
      "const meter = metrics.getMeter('shop');",
      "export const latency = meter.createHistogram('shop.checkout.latency', { unit: 'ms' });",
      "export const payments = meter.createCounter('shop.payments', { unit: '{payment}' });",
      "export const size = meter.createUpDownCounter('shop.cart.size', { unit: 'By' });",
    ].join('\n');
    const rules = rulesFile(record('job:shop_orders:rate5m', 'sum by (job) (rate(shop_orders_total[5m]))'));
    const dash = dashboard([
      'histogram_quantile(0.99, sum by (le) (rate(shop_checkout_duration_seconds_bucket[5m])))',
      'rate(shop_checkout_duration_seconds_count[5m])',
      'histogram_quantile(0.9, rate(shop_checkout_latency_milliseconds_bucket[5m]))',
      'rate(shop_checkout_latency_bucket[5m])',
      'rate(shop_payments_total[5m])',
      'shop_cart_size_bytes',
      'job:shop_orders:rate5m',
      'job:shop_orders:rate1h',
      'shop_checkout_latency_seconds_bucket',
      'shop_checkout_duration_seconds',
    ]);
    expect(await lintRepo({ 'src/metrics.ts': code, 'src/histogram.ts': histogram, 'src/otel.ts': otel, 'rules.yaml': rules, 'dash.json': dash }, [unknownMetric])).toEqual([
      `dash.json:${positionOf(dash, 'job:shop_orders:rate1h')} ${msg('job:shop_orders:rate1h', 'panel "P8" of dashboard "Shop"', 'job:shop_orders:rate5m')}`,
      `dash.json:${positionOf(dash, 'shop_checkout_latency_seconds_bucket')} ${msg('shop_checkout_latency_seconds_bucket', 'panel "P9" of dashboard "Shop"', 'shop_checkout_latency_milliseconds_bucket')}`,
      // A prom-client histogram has no series under its bare name.
      `dash.json:${positionOf(dash, '"shop_checkout_duration_seconds"').replace(/:(\d+)$/, (_, c) => `:${Number(c) + 1}`)} ${msg('shop_checkout_duration_seconds', 'panel "P10" of dashboard "Shop"', 'shop_checkout_duration_seconds_sum')}`,
    ]);
  });

  it('stays silent on exporter metrics, external namespaces, Grafana variables and run-time names', async () => {
    const dynamic = "import { Counter } from 'prom-client';\nexport const c = (kind: string) => new Counter({ name: `shop_${kind}_events_total`, help: 'Events.' });\n";
    const dash = dashboard([
      'node_cpu_seconds_total{mode="idle"}',
      'up{job="shop"}',
      'kube_pod_info',
      'process_resident_memory_bytes',
      'shop_legacy_orders_total',
      'shop_$kind_total',
      '{__name__=~"shop_.*"}',
      'sum(rate(shop_payment_events_total[5m]))',
    ]);
    const http = promClient({ http_requests_total: ['route'] });
    const httpDash = dashboard(['http_request_duration_seconds_bucket', 'http_server_duration_milliseconds_count']);
    expect(await lintRepo({ 'src/metrics.ts': code, 'src/dynamic.ts': dynamic, 'dash.json': dash }, [unknownMetric], { settings: { externalMetrics: ['shop_legacy_'] } })).toEqual([]);
    // Instrumentation libraries fill semantic-convention namespaces: defining one http_ metric does not make http_ the repository's.
    expect(await lintRepo({ 'src/http.ts': http, 'dash.json': httpDash }, [unknownMetric])).toEqual([]);
  });

  it('stays silent when the repository defines no metrics in code (snapshots and dashboards only)', async () => {
    const snapshot = '# TYPE shop_orders_total counter\nshop_orders_total{status="ok"} 1\n';
    const rules = rulesFile(record('job:shop_orders:rate5m', 'sum by (job) (rate(shop_orders_total[5m]))'));
    const dash = dashboard(['shop_order_total', 'job:shop_orders:rate1h']);
    expect(await lintRepo({ 'metrics.prom': snapshot, 'rules.yaml': rules, 'dash.json': dash }, [unknownMetric])).toEqual([]);
  });

  it('uses configured longer namespaces', async () => {
    const acme = promClient({ acme_shop_orders_total: [] });
    const dash = dashboard(['acme_billing_invoices_total', 'acme_shop_order_total']);
    const wide = await lintRepo({ 'src/metrics.ts': acme, 'dash.json': dash }, [unknownMetric]);
    expect(wide.map((f) => f.split(' ')[0])).toEqual([`dash.json:${positionOf(dash, 'acme_billing_invoices_total')}`, `dash.json:${positionOf(dash, 'acme_shop_order_total')}`]);
    const narrow = await lintRepo({ 'src/metrics.ts': acme, 'dash.json': dash }, [unknownMetric], { options: { namespaces: ['acme_shop'] } });
    expect(narrow.map((f) => f.split(' ')[0])).toEqual([`dash.json:${positionOf(dash, 'acme_shop_order_total')}`]);
  });
});

// One file can define (a colon-free recording rule) and use: the single-file tester covers the rule's contract.
new RuleTester().run(unknownMetric, {
  valid: [{ name: 'recording rule defines what the alert uses', filename: 'rules.yaml', code: rulesFile(record('shop_orders_rate5m', 'sum(rate(x[5m]))'), alert('A', 'shop_orders_rate5m > 1')) }],
  invalid: [
    {
      name: 'alert on a misspelt recorded metric',
      filename: 'rules.yaml',
      code: rulesFile(record('shop_orders_rate5m', 'sum(rate(x[5m]))'), alert('A', 'shop_order_rate5m > 1')),
      errors: [{ messageId: 'unknownSuggest', line: 7, column: 15, endColumn: 32 }],
    },
  ],
});
