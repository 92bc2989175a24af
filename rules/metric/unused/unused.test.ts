import { alert, record, rulesFile } from '../../alert/test-fixtures.js';
import { dashboard, lintRepo, positionOf, promClient } from '../../query/unknown-metric/fixtures.js';
import { unused } from './index.js';

const code = promClient({ shop_orders_total: ['status'], shop_cart_items: [], shop_refunds_total: [] });
const message = (name: string) =>
  `Metric "${name}" is defined here, but no dashboard, alert or recording rule in this repository queries it (they do query other "shop_" metrics): telemetry nobody reads still costs money. Query it, remove it, or list it in usedElsewhere.`;

describe('metric/unused', () => {
  it('reports code metrics nothing queries, at the name literal', async () => {
    const dash = dashboard(['sum by (status) (rate(shop_orders_total[5m]))']);
    expect(await lintRepo({ 'src/metrics.ts': code, 'dash.json': dash }, [unused])).toEqual([
      `src/metrics.ts:${positionOf(code, "'shop_cart_items'")} ${message('shop_cart_items')}`,
      `src/metrics.ts:${positionOf(code, "'shop_refunds_total'")} ${message('shop_refunds_total')}`,
    ]);
  });

  it('counts alerts, recording rules, variables, histogram series, OpenTelemetry names and patterns as uses', async () => {
    const otel = [
      "import { metrics } from '@opentelemetry/api';",
      "const meter = metrics.getMeter('shop');",
      "export const latency = meter.createHistogram('shop.checkout.latency', { unit: 's' });",
      "export const payments = meter.createCounter('shop.payments');",
      "export const stock = meter.createGauge('shop.stock.level');",
    ].join('\n');
    const histogram = "import { Histogram } from 'prom-client';\nexport const h = new Histogram({ name: 'shop_step_seconds', help: 'Step time.' });\n";
    const rules = rulesFile(alert('Refunds', 'rate(shop_refunds_total[5m]) > 1'), record('job:shop_orders:rate5m', 'sum by (job) (rate(shop_orders_total[5m]))'));
    const dash = dashboard(
      ['histogram_quantile(0.9, rate(shop_checkout_latency_seconds_bucket[5m]))', 'rate(shop_step_seconds_count[5m])', 'rate(shop_payments_total[5m])', '{__name__=~"shop_stock_.*"}'],
      [{ name: 'items', type: 'query', query: 'query_result(max(shop_cart_items))' }],
    );
    expect(await lintRepo({ 'src/metrics.ts': code, 'src/otel.ts': otel, 'src/histogram.ts': histogram, 'rules.yaml': rules, 'dash.json': dash }, [unused])).toEqual([]);
  });

  it('stays silent without dashboards or rules for the namespace, and on metrics used elsewhere', async () => {
    expect(await lintRepo({ 'src/metrics.ts': code }, [unused])).toEqual([]);
    expect(await lintRepo({ 'src/metrics.ts': code, 'dash.json': dashboard(['node_load1', 'rate(other_requests_total[5m])']) }, [unused])).toEqual([]);
    const dash = dashboard(['shop_orders_total']);
    expect(await lintRepo({ 'src/metrics.ts': code, 'dash.json': dash }, [unused], { options: { usedElsewhere: ['shop_cart_items', 'shop_refunds_*'], namespaces: [] } })).toEqual([]);
  });
});
