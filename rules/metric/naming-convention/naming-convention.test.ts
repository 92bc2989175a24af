import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { RuleTester, runRule } from '@obslint/core';
import { namingConvention } from './index.js';
import { ruleFile, runCodeTests } from '../fixtures/test-helpers.js';

const typed = (n: string, t: string, extra = '') => `# HELP ${n} Test metric.\n# TYPE ${n} ${t}\n${n}${extra} 10\n`;

new RuleTester().run(namingConvention, {
  valid: [
    { name: 'conventional names', filename: 'm.prom', code: typed('http_requests_total', 'counter', '{code="200"}') + typed('process_resident_memory_bytes', 'gauge') },
    { name: 'OpenMetrics counter family without _total', filename: 'm.prom', code: '# HELP jobs Jobs.\n# TYPE jobs counter\njobs_total 3\njobs_created 1.7e9\n# EOF\n' },
    { name: 'untyped metrics skip type checks (promlint)', filename: 'm.prom', code: 'legacy_requests 3\n' },
    { name: 'recording rules\' colons', filename: 'rules.yaml', code: ruleFile('      - record: job:http_requests_total:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n') },
    { name: 'allow option', filename: 'm.prom', code: typed('legacy_latency_ms', 'gauge'), options: { allow: ['legacy_latency_ms'] } },
  ],
  invalid: [
    {
      name: 'counter without _total, at the family name',
      filename: 'm.prom',
      code: typed('x_bytes', 'counter'),
      errors: [{ messageId: 'prometheus', message: 'Metric "x_bytes": counter metrics should have "_total" suffix.', line: 1, column: 8, endColumn: 15 }],
    },
    { name: '_total on a gauge', filename: 'm.prom', code: typed('x_bytes_total', 'gauge'), errors: [{ message: 'Metric "x_bytes_total": non-counter metrics should not have "_total" suffix.' }] },
    { name: 'non-base unit', filename: 'm.prom', code: typed('x_milliseconds', 'gauge'), errors: [{ message: 'Metric "x_milliseconds": use base unit "seconds" instead of "milliseconds".' }] },
    { name: 'abbreviated unit', filename: 'm.prom', code: typed('request_duration_ms', 'gauge'), errors: [{ message: 'Metric "request_duration_ms": metric names should not contain abbreviated units.' }] },
    { name: 'type in name', filename: 'm.prom', code: typed('memory_limit_bytes_gauge', 'gauge'), errors: [{ message: "Metric \"memory_limit_bytes_gauge\": metric name should not include type 'gauge'." }] },
    { name: 'reserved suffix', filename: 'm.prom', code: typed('x_bytes_bucket', 'gauge'), errors: [{ message: 'Metric "x_bytes_bucket": non-histogram metrics should not have "_bucket" suffix.' }] },
    {
      name: 'reserved label, at the first sample carrying it',
      filename: 'm.prom',
      code: '# HELP x_bytes Test.\n# TYPE x_bytes gauge\nx_bytes{a="1"} 1\nx_bytes{le="1"} 10\n',
      errors: [{ messageId: 'label', message: 'Metric "x_bytes", label "le": non-histogram metrics should not have "le" label.', line: 4, column: 9, endColumn: 15 }],
    },
    { name: 'camelCase metric', filename: 'm.prom', code: typed('requestDuration_seconds', 'gauge'), errors: [{ message: /'snake_case' not 'camelCase'/ }] },
    { name: 'camelCase label', filename: 'm.prom', code: typed('request_duration_seconds', 'histogram', '{httpService="foo"}'), errors: [{ messageId: 'label', line: 3, column: 26 }] },
    { name: 'colon outside recording rules', filename: 'm.prom', code: typed('request_duration::_seconds', 'histogram'), errors: [{ message: "Metric \"request_duration::_seconds\": metric names should not contain ':'." }] },
    {
      name: 'recording rule with a non-base unit, at its record value',
      filename: 'rules.yaml',
      code: ruleFile('      - record: job:request_latency_milliseconds:mean5m\n        expr: avg by (job) (x)\n'),
      errors: [{ message: /use base unit "seconds" instead of "milliseconds"/, line: 4, column: 17 }],
    },
    { name: 'otel dialect forced for a snapshot path', filename: 'm.prom', code: typed('http_requests', 'gauge'), options: { dialect: 'otel' }, errors: [{ messageId: 'otel', message: /use dots between namespaces/ }] },
  ],
});

runCodeTests(namingConvention, {
  valid: [
    "import client from 'prom-client'; new client.Counter({ name: 'shop_orders_total', help: 'Orders.', labelNames: ['status'] })",
    "import client from 'prom-client'; new client.Histogram({ name: 'http_request_duration_seconds', help: 'x', labelNames: ['route', 'method'] })",
    "meter.createHistogram('http.server.request.duration', { unit: 's' })",
    "meter.createCounter('shop.orders')",
    "new client.Counter({ name: NAME, help: 'x' })",
    { code: "meter.createCounter('http_requests_total')", options: [{ dialect: 'prometheus' }] },
  ],
  invalid: [
    {
      code: "import client from 'prom-client'; new client.Counter({ name: 'metric_1', help: 'x', labelNames: ['user_id'] })",
      errors: [{ messageId: 'prometheus', data: { name: 'metric_1', problem: 'counter metrics should have "_total" suffix' }, line: 1, column: 62 }],
    },
    {
      code: "import { Histogram } from 'prom-client'; new Histogram({ name: 'api_latency_ms', help: 'x', labelNames: ['httpMethod'] })",
      errors: [
        { messageId: 'prometheus', data: { name: 'api_latency_ms', problem: 'metric names should not contain abbreviated units' } },
        { messageId: 'label', data: { name: 'api_latency_ms', label: 'httpMethod', problem: "label names should be written in 'snake_case' not 'camelCase'" }, column: 106 },
      ],
    },
    {
      code: "meter.createHistogram('http.server.duration_seconds')",
      errors: [{ messageId: 'otel', data: { name: 'http.server.duration_seconds', problem: 'instrument names should not contain the unit ("seconds"): set the instrument\'s `unit` option instead' }, column: 23, endColumn: 53 }],
    },
    { code: "const meter = metrics.getMeter('x'); meter.createCounter('Requests_Total')", errors: [{ messageId: 'otel' }, { messageId: 'otel' }, { messageId: 'otel' }] },
    { code: "new client.Gauge({ name: 'queue-depth', help: 'x' })", errors: [{ messageId: 'prometheus', data: { name: 'queue-depth', problem: 'metric names must match [a-zA-Z_:][a-zA-Z0-9_:]*' } }] },
  ],
});

/** Side by side with `promtool check metrics` (promlint): same verdict on naming, snapshot by snapshot. */
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
const snapshots: Record<string, string> = {
  'go process metrics':
    '# HELP go_goroutines Number of goroutines.\n# TYPE go_goroutines gauge\ngo_goroutines 24\n# HELP process_cpu_seconds_total CPU time.\n# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 1.5\n# HELP go_gc_duration_seconds GC pauses.\n# TYPE go_gc_duration_seconds summary\ngo_gc_duration_seconds{quantile="0.5"} 0.0001\ngo_gc_duration_seconds_sum 0.1\ngo_gc_duration_seconds_count 10\n',
  'http histogram':
    '# HELP http_request_duration_seconds Latency.\n# TYPE http_request_duration_seconds histogram\nhttp_request_duration_seconds_bucket{handler="/",le="0.1"} 1\nhttp_request_duration_seconds_bucket{handler="/",le="+Inf"} 2\nhttp_request_duration_seconds_sum{handler="/"} 0.3\nhttp_request_duration_seconds_count{handler="/"} 2\n',
  'help missing only (not a naming problem)': '# TYPE app_jobs_total counter\napp_jobs_total 3\n',
  'counter without _total': typed('app_jobs', 'counter'),
  'milliseconds': typed('app_latency_milliseconds', 'gauge'),
  'abbreviation': typed('app_latency_ms', 'gauge'),
  'type in name': typed('app_queue_gauge', 'gauge'),
  'camelCase label': typed('app_queue_length', 'gauge', '{queueName="a"}'),
  'quantile on a gauge': typed('app_queue_length', 'gauge', '{quantile="0.5"}'),
  'colon': typed('app:queue_length', 'gauge'),
  'gauge_histogram in name': typed('c_gauge_histogram', 'gauge'),
  'kelvin and volts are base units': typed('board_temperature_kelvin', 'gauge') + typed('board_supply_volts', 'gauge'),
  // Real /metrics of prometheus 2.42 and prometheus-node-exporter (Debian), scraped on the build machine.
  'real: prometheus /metrics (accepted)': readFileSync(new URL('./fixtures/prometheus.prom', import.meta.url), 'utf8'),
  'real: node_exporter /metrics (68 naming problems)': readFileSync(new URL('./fixtures/node-exporter.prom', import.meta.url), 'utf8'),
};

function promtoolNaming(text: string): string[] {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return `${r.stdout}\n${r.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.endsWith('no help text'))
    .sort();
}

function obslintNaming(text: string): string[] {
  return runRule(namingConvention, { filename: 'm.prom', code: text })
    .map((f) => {
      const m = /^Metric "([^"]+)"(?:, label "[^"]+")?: (.*)\.$/.exec(f.message);
      return m ? `${m[1]} ${m[2]}` : f.message;
    })
    .sort();
}

describe(`metric/naming-convention side by side with promtool check metrics${promtool ? '' : ' (skipped: promtool is not installed; install the Debian "prometheus" package)'}`, () => {
  for (const [name, text] of Object.entries(snapshots)) {
    it.skipIf(!promtool)(name, () => {
      const theirs = promtoolNaming(text);
      const ours = obslintNaming(text);
      expect(ours).toEqual(theirs);
    });
  }
  it.skipIf(!promtool)('covers accepted and rejected snapshots', () => {
    const verdicts = Object.values(snapshots).map((t) => promtoolNaming(t).length > 0);
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});
