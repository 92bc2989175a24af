import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { counterWithoutRate } from './index.js';

const ok = (expr: string) => ({ name: expr, filename: 'rules.yaml', code: rulesFile(alert('A', expr, { for: '5m' })) });

new RuleTester().run(counterWithoutRate, {
  valid: [
    ok('rate(http_requests_total[5m]) > 10'),
    ok('increase(errors_total[1h]) > 0'),
    ok('sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m])) > 0.05'),
    ok('histogram_quantile(0.99, sum by (le) (rate(latency_seconds_bucket[5m]))) > 1'),
    ok('resets(process_restarts_total[1h]) > 2'),
    ok('changes(config_reloads_total[30m]) > 3'),
    ok('absent(jobs_processed_total)'),
    ok('errors_total > 0'),
    ok('count(errors_total) > 3'),
    ok('used_bytes / capacity_bytes_total > 0.9'),
    ok('kube_pod_container_status_restarts_total - kube_pod_container_status_restarts_total offset 10m >= 1'),
    ok('process_uptime_seconds_total < 60'),
    ok('job:errors_total:rate5m > 1'),
    ok('up == 0 and on (job) errors_total > 0'),
    // The same expression as the `option suffixes` case below: with the default suffixes it is no counter.
    ok('requests_count > 5'),
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(alert('TooManyErrors', 'http_errors_total > 100')),
      errors: [{ messageId: 'raw', line: 5, column: 15, endColumn: 32, message: /compares the counter `http_errors_total` against a threshold/ }],
    },
    { name: 'inside an aggregation', filename: 'rules.yaml', code: rulesFile(alert('A', 'sum by (job) (errors_total) > 5')), errors: [{ messageId: 'raw', column: 29 }] },
    { name: 'a ratio of lifetime counters', filename: 'rules.yaml', code: rulesFile(alert('A', 'failed_total / started_total > 0.1')), errors: [{ messageId: 'raw', column: 15 }] },
    { name: 'option suffixes', filename: 'rules.yaml', code: rulesFile(alert('A', 'requests_count > 5')), options: { suffixes: ['_count'] }, errors: 1 },
  ],
});
