import { RuleTester } from '@obslint/core';
import { missingUnit } from './index.js';
import { runCodeTests } from '../fixtures/test-helpers.js';

const gauge = (n: string) => `# HELP ${n} x.\n# TYPE ${n} gauge\n${n} 1\n`;

new RuleTester().run(missingUnit, {
  valid: [
    { name: 'base-unit suffix', filename: 'm.prom', code: gauge('http_request_duration_seconds') + gauge('payload_size_bytes') },
    { name: 'counts (_total) of things', filename: 'm.prom', code: '# HELP jobs_processed_total x.\n# TYPE jobs_processed_total counter\njobs_processed_total 1\n' },
    { name: 'no measurement in the name', filename: 'm.prom', code: gauge('queue_depth') + gauge('worker_pool_size') },
    { name: 'words that are not measurements: time constant, time zone', filename: 'm.prom', code: gauge('node_timex_loop_time_constant') + gauge('app_time_zone_offset_info') },
    { name: 'OpenMetrics UNIT', filename: 'm.prom', code: '# TYPE job_duration gauge\n# UNIT job_duration seconds\njob_duration 1\n# EOF\n' },
    { name: 'abbreviated units are naming-convention\'s job', filename: 'm.prom', code: gauge('request_latency_ms') },
    { name: 'allow option', filename: 'm.prom', code: gauge('job_duration'), options: { allow: ['job_duration'] } },
  ],
  invalid: [
    {
      name: 'duration without unit',
      filename: 'm.prom',
      code: gauge('http_request_duration'),
      errors: [{ messageId: 'prometheus', message: 'Metric "http_request_duration" measures duration but its name has no unit: end it with the base unit (e.g. `http_request_duration_seconds`).', line: 1, column: 8 }],
    },
    { name: 'size without unit', filename: 'm.prom', code: gauge('upload_size'), errors: [{ messageId: 'prometheus', message: /`upload_size_bytes`/ }] },
    { name: 'timestamp without unit', filename: 'm.prom', code: gauge('last_success_timestamp'), errors: [{ messageId: 'prometheus', message: /`last_success_timestamp_seconds`/ }] },
  ],
});

runCodeTests(missingUnit, {
  valid: [
    "meter.createHistogram('http.server.request.duration', { unit: 's', description: 'x' })",
    "meter.createCounter('shop.orders', { description: 'Orders.' })",
    "meter.createUpDownCounter('queue.depth')",
    "meter.createHistogram('x.latency', opts)",
    "import client from 'prom-client'; new client.Histogram({ name: 'http_request_duration_seconds', help: 'x' })",
    "import client from 'prom-client'; new client.Counter({ name: 'shop_orders_total', help: 'x' })",
  ],
  invalid: [
    { code: "meter.createHistogram('http.server.duration_seconds')", errors: [{ messageId: 'otel', data: { name: 'http.server.duration_seconds', suggest: 's' }, column: 23 }] },
    { code: "meter.createGauge('memory.heap')", errors: [{ messageId: 'otel', data: { name: 'memory.heap', suggest: '1' } }] },
    { code: "meter.createCounter('gc.pause.time', { unit: '' })", errors: [{ messageId: 'otel', column: 46 }] },
    { code: "meter.createObservableGauge('payload.size', { description: 'x' })", errors: [{ messageId: 'otel', data: { name: 'payload.size', suggest: 'By' } }] },
    { code: "import client from 'prom-client'; new client.Histogram({ name: 'http_request_duration', help: 'x' })", errors: [{ messageId: 'prometheus', data: { name: 'http_request_duration', word: 'duration', suggest: 'seconds' } }] },
  ],
});
