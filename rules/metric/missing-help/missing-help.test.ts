import { RuleTester } from '@obslint/core';
import { missingHelp } from './index.js';
import { runCodeTests } from '../fixtures/test-helpers.js';

new RuleTester().run(missingHelp, {
  valid: [
    { name: 'promlint OK case', filename: 'm.prom', code: '# HELP go_goroutines Number of goroutines that currently exist.\n# TYPE go_goroutines gauge\ngo_goroutines 24\n' },
    { name: 'OpenMetrics escaped help', filename: 'm.prom', code: '# TYPE a gauge\n# HELP a Says \\"hi\\".\na 1\n# EOF\n' },
  ],
  invalid: [
    {
      name: 'promlint: no help',
      filename: 'm.prom',
      code: '# TYPE go_goroutines gauge\ngo_goroutines 24\n',
      errors: [{ messageId: 'missing', message: /^Metric "go_goroutines" has no HELP text/, line: 1, column: 8, endColumn: 21 }],
    },
    { name: 'promlint: empty help', filename: 'm.prom', code: '# HELP go_goroutines\n# TYPE go_goroutines gauge\ngo_goroutines 24\n', errors: [{ messageId: 'empty', line: 1, column: 8 }] },
    {
      name: 'promlint: no help and empty help',
      filename: 'm.prom',
      code: '# HELP go_goroutines\n# TYPE go_goroutines gauge\ngo_goroutines 24\n# TYPE go_threads gauge\ngo_threads 10\n',
      errors: [{ messageId: 'empty', line: 1 }, { messageId: 'missing', line: 4 }],
    },
    { name: 'a bare sample', filename: 'm.prom', code: 'app_jobs 1\n', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});

runCodeTests(missingHelp, {
  valid: [
    "import client from 'prom-client'; new client.Counter({ name: 'shop_orders_total', help: 'Orders placed.' })",
    "meter.createHistogram('http.server.request.duration', { unit: 's', description: 'Duration of HTTP server requests.' })",
    'new client.Counter(options)',
    "new client.Counter({ ...common, name: 'shop_orders_total' })",
    "meter.createCounter('shop.orders', options)",
    "new Counter({ name: 'x_total' })",
  ],
  invalid: [
    { code: "import client from 'prom-client'; new client.Counter({ name: 'shop_orders_total' })", errors: [{ messageId: 'missing', data: { name: 'shop_orders_total', field: '`help`' }, column: 62 }] },
    { code: "import { Gauge } from 'prom-client'; new Gauge({ name: 'queue_depth', help: '' })", errors: [{ messageId: 'empty', column: 77 }] },
    { code: "meter.createHistogram('http.server.duration_seconds')", errors: [{ messageId: 'missing', data: { name: 'http.server.duration_seconds', field: '`description`' }, column: 23 }] },
    { code: "meter.createCounter('shop.orders', { unit: '{order}' })", errors: [{ messageId: 'missing' }] },
  ],
});
