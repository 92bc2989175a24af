import { alert, record, rulesFile } from '../../alert/test-fixtures.js';
import { dashboard, lintRepo, positionOf, promClient } from '../unknown-metric/fixtures.js';
import { unknownLabel } from './index.js';

const code = promClient({ shop_orders_total: ['status', 'payment_method'], shop_carts_total: [] });

describe('query/unknown-label', () => {
  it('reports grouping and matchers by a label the definition lacks, at the label, with the closest label', async () => {
    const dash = dashboard(['sum by (state) (rate(shop_orders_total[$__rate_interval]))', 'shop_orders_total{paymentmethod="card", status="ok"}', 'sum by (status) (shop_orders_total)']);
    expect(await lintRepo({ 'src/metrics.ts': code, 'dash.json': dash }, [unknownLabel])).toEqual([
      `dash.json:${positionOf(dash, 'state')} "shop_orders_total" has no label "state" (panel "P1" of dashboard "Shop"): its definition has labels "payment_method", "status". Did you mean "status"?`,
      `dash.json:${positionOf(dash, 'paymentmethod')} "shop_orders_total" has no label "paymentmethod" (panel "P2" of dashboard "Shop"): its definition has labels "payment_method", "status". Did you mean "payment_method"?`,
    ]);
  });

  it('reports alerts, label_values variables, and metrics without labels', async () => {
    const rules = rulesFile(alert('Failing', 'sum by (region) (rate(shop_orders_total{status="failed"}[5m])) > 1'), alert('Carts', 'shop_carts_total{zone="eu"} > 0'));
    const dash = dashboard([], [{ name: 'state', type: 'query', query: 'label_values(shop_orders_total{job="shop"}, state)' }]);
    expect(await lintRepo({ 'src/metrics.ts': code, 'rules.yaml': rules, 'dash.json': dash }, [unknownLabel])).toEqual([
      `dash.json:${positionOf(dash, 'state)')} "shop_orders_total" has no label "state" (variable "state" of dashboard "Shop"): its definition has labels "payment_method", "status". Did you mean "status"?`,
      'rules.yaml:5:23 "shop_orders_total" has no label "region" (alert "Failing"): its definition has labels "payment_method", "status", so this grouping matches nothing useful.',
      'rules.yaml:7:32 "shop_carts_total" has no label "zone" (alert "Carts"): its definition has no labels of its own, so this matcher matches nothing useful.',
    ]);
  });

  it('knows labels of recording rules and snapshots in owned namespaces', async () => {
    const rules = rulesFile(record('job:shop_orders:rate5m', 'sum by (job, status) (rate(shop_orders_total[5m]))'), alert('A', 'job:shop_orders:rate5m{payment_method="card"} > 1'));
    const snapshot = '# TYPE shop_queue_depth gauge\nshop_queue_depth{queue="mail"} 3\n';
    const dash = dashboard(['sum by (queue) (shop_queue_depth)', 'shop_queue_depth{queues="mail"}']);
    expect(await lintRepo({ 'src/metrics.ts': code, 'rules.yaml': rules, 'metrics.prom': snapshot, 'dash.json': dash }, [unknownLabel])).toEqual([
      `dash.json:${positionOf(dash, 'queues')} "shop_queue_depth" has no label "queues" (panel "P2" of dashboard "Shop"): its definition has label "queue". Did you mean "queue"?`,
      'rules.yaml:7:38 "job:shop_orders:rate5m" has no label "payment_method" (alert "A"): its definition has labels "job", "status", so this matcher matches nothing useful.',
    ]);
  });

  it('stays silent on Prometheus and external labels, label-making functions, unknown label sets and exporters', async () => {
    const otel = "import { metrics } from '@opentelemetry/api';\nconst meter = metrics.getMeter('shop');\nexport const c = meter.createCounter('shop.payments');\nc.add(1, { 'payment.method': 'card' });\n";
    const snapshot = '# TYPE node_load1 gauge\nnode_load1 0.5\n';
    const dash = dashboard([
      'sum by (job, instance, namespace) (rate(shop_orders_total{job="shop"}[5m]))',
      'histogram_quantile(0.9, sum by (le) (rate(shop_orders_total[5m])))',
      'shop_orders_total{state=""}',
      'sum by (state) (label_replace(shop_orders_total, "state", "$1", "status", "(.*)"))',
      'sum by (region) (rate(shop_payments_total{payment_method="card"}[5m]))',
      'node_load1{cluster="eu"}',
      'sum by (state) (rate(shop_unknown_total[5m]))',
      'shop_orders_total{$label="x"}',
    ]);
    expect(await lintRepo({ 'src/metrics.ts': code, 'src/otel.ts': otel, 'metrics.prom': snapshot, 'dash.json': dash }, [unknownLabel], { settings: { externalLabels: ['job', 'instance', 'namespace'] } })).toEqual([]);
  });

  it('takes labels the repository also uses on exporter metrics and up for target labels', async () => {
    const dash = dashboard(
      ['sum by (cluster) (rate(shop_orders_total{namespace="$namespace"}[5m]))', 'sum by (cluster) (up{namespace="$namespace"})', 'shop_orders_total{pod="x"}'],
      [{ name: 'pod', type: 'query', query: 'label_values(kube_pod_info{namespace="$namespace"}, pod)' }],
    );
    expect(await lintRepo({ 'src/metrics.ts': code, 'dash.json': dash }, [unknownLabel])).toEqual([]);
    const alone = dashboard(['shop_orders_total{namespace="shop"}']);
    expect((await lintRepo({ 'src/metrics.ts': code, 'dash.json': alone }, [unknownLabel])).map((f) => f.split(' ')[0])).toEqual([`dash.json:${positionOf(alone, 'namespace')}`]);
  });

  it('adds prom-client default labels, and knows nothing when they are computed', async () => {
    const withDefaults = `${code}import { register } from 'prom-client';\nregister.setDefaultLabels({ service: 'shop' });\n`;
    const computed = `${code}import { register } from 'prom-client';\nregister.setDefaultLabels(defaults());\n`;
    const dash = dashboard(['shop_orders_total{service="shop"}', 'shop_orders_total{region="eu"}']);
    expect((await lintRepo({ 'src/metrics.ts': withDefaults, 'dash.json': dash }, [unknownLabel])).map((f) => f.split(' ')[0])).toEqual([`dash.json:${positionOf(dash, 'region')}`]);
    expect(await lintRepo({ 'src/metrics.ts': computed, 'dash.json': dash }, [unknownLabel])).toEqual([]);
  });
});
