import { RuleTester } from '@obslint/core';
import { genericName } from './index.js';
import { ruleFile, runCodeTests } from '../fixtures/test-helpers.js';

new RuleTester().run(genericName, {
  valid: [
    {
      name: 'well-named metrics',
      filename: 'app.prom',
      code: '# HELP myapp_http_requests_total Requests.\n# TYPE myapp_http_requests_total counter\nmyapp_http_requests_total{code="200"} 10\n',
    },
    { name: 'well-known single-word exporter metrics', filename: 'm.prom', code: '# HELP up Target up.\n# TYPE up gauge\nup 1\n# HELP scrape_duration_seconds Scrape time.\n# TYPE scrape_duration_seconds gauge\nscrape_duration_seconds 0.01\n' },
    { name: '<namespace>_info metrics (go_info)', filename: 'm.prom', code: '# HELP go_info Go version.\n# TYPE go_info gauge\ngo_info{version="go1.19.8"} 1\n' },
    { name: 'allow option', filename: 'm.prom', code: '# TYPE widgets gauge\nwidgets 3\n', options: { allow: ['widgets'] } },
    { name: 'recording rules in level:metric:operations form', filename: 'rules.yaml', code: ruleFile('      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n') },
    { name: 'a one-word recording rule is recording/naming\'s job', filename: 'rules.yaml', code: ruleFile('      - record: requests\n        expr: sum(rate(http_requests_total[5m]))\n') },
  ],
  invalid: [
    {
      name: 'metric_1 at its TYPE line',
      filename: 'm.prom',
      code: '# HELP metric_1 Something.\n# TYPE metric_1 gauge\nmetric_1 3\n',
      errors: [{ messageId: 'placeholder', line: 1, column: 8, endColumn: 16 }],
    },
    {
      name: 'placeholders of many shapes',
      filename: 'm.metrics',
      code: '# TYPE my_metric gauge\nmy_metric 1\n# TYPE test_metric gauge\ntest_metric 1\n# TYPE counter2_total counter\ncounter2_total 1\n# TYPE foo gauge\nfoo 1\n',
      errors: [
        { messageId: 'placeholder', line: 1, message: /"my_metric"/ },
        { messageId: 'placeholder', line: 3, message: /"test_metric"/ },
        { messageId: 'placeholder', line: 5, message: /"counter2_total"/ },
        { messageId: 'placeholder', line: 7, message: /"foo"/ },
      ],
    },
    {
      name: 'one word, no namespace; untyped sample without HELP/TYPE',
      filename: 'm.prom',
      code: 'requests 10\n',
      errors: [{ messageId: 'noNamespace', line: 1, column: 1, endColumn: 9 }],
    },
    {
      name: 'placeholder recording rule, at its record value',
      filename: 'rules.yaml',
      code: ruleFile('      - record: metric_1\n        expr: sum(up)\n'),
      errors: [{ messageId: 'placeholder', line: 4, column: 17, endColumn: 25 }],
    },
  ],
});

runCodeTests(genericName, {
  valid: [
    "import client from 'prom-client'; new client.Counter({ name: 'shop_orders_total', help: 'Orders.' })",
    "import { metrics } from '@opentelemetry/api'; const meter = metrics.getMeter('shop'); meter.createCounter('shop.orders')",
    "const c = new Counter({ name: 'up', help: 'x' })",
    "new Counter(opts)",
    "new client.Counter({ name: `${prefix}_x`, help: 'x' })",
    // Object.prototype's names are no prom-client class or factory
    "registry.constructor({ name: 'metric_1', help: 'x' }); new toString({ name: 'value', help: 'x' })",
  ],
  invalid: [
    {
      code: "import client from 'prom-client'; new client.Counter({ name: 'metric_1', help: 'x', labelNames: ['user_id'] })",
      errors: [{ messageId: 'placeholder', data: { name: 'metric_1' }, line: 1, column: 62, endColumn: 72 }],
    },
    { code: "const { Gauge } = require('prom-client'); new Gauge({ name: 'value', help: 'x' })", errors: [{ messageId: 'placeholder' }] },
    { code: "const NAME = 'requests'; new Counter({ name: NAME, help: 'Requests.' })", errors: [{ messageId: 'noNamespace', data: { name: 'requests' }, column: 46 }] },
    { code: "meter.createHistogram('my.metric')", errors: [{ messageId: 'placeholder', data: { name: 'my.metric' }, column: 23 }] },
    { code: "this.meter.createCounter('requests', { description: 'x' })", errors: [{ messageId: 'noNamespace' }] },
  ],
});
