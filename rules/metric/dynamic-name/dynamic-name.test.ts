import { dynamicName } from './index.js';
import { runCodeTests } from '../fixtures/test-helpers.js';

const dynamic = (how: string, text: string) => ({ messageId: 'dynamic', data: { how, text } });

runCodeTests(
  dynamicName,
  {
    valid: [
      "new client.Counter({ name: 'shop_orders_total', help: 'x' })",
      "const NAME = 'shop_orders_total'; new client.Counter({ name: NAME, help: 'x' })",
      "const NAMES = { orders: 'shop_orders_total' }; new client.Counter({ name: NAMES.orders, help: 'x' })",
      "const P = 'shop'; new client.Counter({ name: `${P}_orders_total`, help: 'x' })",
      "const P = 'shop_'; new client.Counter({ name: P + 'orders_total', help: 'x' })",
      "import { ORDERS_TOTAL } from './names'; new client.Counter({ name: ORDERS_TOTAL, help: 'x' })",
      "meter.createCounter(METRICS.ORDERS)",
      "new client.Counter({ name: prefix + 'orders_total', help: 'x' })",
      "new client.Counter({ name: `${this.namespace}_orders_total`, help: 'x' })",
      "meter.createHistogram('http.server.request.duration')",
      'new client.Counter(opts)',
      "new client.Counter({ name: 'x' + 'y_total', help: 'x' })",
      "function make(name) { return new client.Counter({ name, help: 'x' }); }",
      "new client.Histogram({ name: opts.httpMetricName, help: 'x' })",
      "new client.Histogram({ name: this.options.overrides?.histogram?.name ?? 'http_request_duration_seconds', help: 'x' })",
      "const NODEJS_HEAP_SIZE = { total: 'heap_total_bytes', used: 'heap_used_bytes' }; for (const t of types) new client.Gauge({ name: namePrefix + NODEJS_HEAP_SIZE[t], help: 'x' })",
      "new client.Counter({ name: prefixed('jobs_total'), help: 'x' })",
    ],
    invalid: [
      { code: "new client.Counter({ name: `orders_${tenant}_total`, help: 'x' })", errors: [{ ...dynamic('a template literal', '`orders_${tenant}_total`'), column: 28 }] },
      { code: "new client.Gauge({ name: 'queue_' + queue.name + '_depth', help: 'x' })", errors: [dynamic('string concatenation', "'queue_' + queue.name + '_depth'")] },
      { code: "function make(tenant) { const name = `orders_${tenant}_total`; return new client.Counter({ name, help: 'x' }); }", errors: [dynamic('a variable built from a template literal', 'name')] },
      { code: 'meter.createCounter(`jobs.${jobName}.runs`)', errors: [{ ...dynamic('a template literal', '`jobs.${jobName}.runs`'), column: 21 }] },
      { code: 'meter.createHistogram(getName(route))', errors: [dynamic('a function call with variable arguments', 'getName(route)')] },
      { code: "const gauge = createGauge({ name: 'pool_' + pool.id, help: 'x' })", errors: [dynamic('string concatenation', "'pool_' + pool.id")] },
      { code: "new client.Counter({ name: prefix + 'orders_total', help: 'x' })", options: [{ allowPrefixVariables: false }], errors: [dynamic('string concatenation', "prefix + 'orders_total'")] },
      { code: "new client.Counter({ name: 'orders_' + prefix, help: 'x' })", errors: [dynamic('string concatenation', "'orders_' + prefix")] },
    ],
  },
  {
    valid: ["const NAME = 'shop_orders_total' as const; new client.Counter({ name: NAME as string, help: 'x' })"],
    invalid: [{ code: 'let n: string = `jobs.${kind}`; meter.createCounter(n!)', errors: [dynamic('a variable built from a template literal', 'n!')] }],
  },
);
