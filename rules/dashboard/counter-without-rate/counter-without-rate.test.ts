import { RuleTester } from '@obslint/core';
import { at, dashboard, promPanel } from '../fixtures/build.js';
import { counterWithoutRate } from './index.js';

const raw = dashboard([promPanel(1, ['sum by (code) (http_requests_total{job="api"})', 'sum(x_seconds_sum) / sum(x_seconds_count)'])]);

new RuleTester().run(counterWithoutRate, {
  valid: [
    { name: 'rate, irate, increase, resets, changes', filename: 'd.json', code: dashboard([promPanel(1, ['rate(a_total[5m])', 'irate(b_total[5m])', 'increase(c_total[1h])', 'resets(d_total[1h])', 'changes(e_total[1h])'])]) },
    { name: 'histogram_quantile over rate of buckets', filename: 'd.json', code: dashboard([promPanel(1, ['histogram_quantile(0.99, sum by (le) (rate(x_bucket[$__rate_interval])))'])]) },
    { name: 'rate at any depth of a range vector', filename: 'd.json', code: dashboard([promPanel(1, ['max_over_time(sum(rate(x_total[5m]))[1h:])'])]) },
    { name: 'value-agnostic uses', filename: 'd.json', code: dashboard([promPanel(1, ['count(x_total)', 'absent(x_total)', 'group by (job) (x_total)', 'timestamp(x_total)'])]) },
    { name: 'difference of two raw counters (in flight)', filename: 'd.json', code: dashboard([promPanel(1, ['sum(grpc_server_started_total) - sum(grpc_server_handled_total)'])]) },
    { name: 'a lone *_count is a gauge', filename: 'd.json', code: dashboard([promPanel(1, ['vault_secret_kv_count'])]) },
    { name: 'recording-rule metrics', filename: 'd.json', code: dashboard([promPanel(1, ['job:http_requests_total:rate5m'])]) },
    { name: 'other datasources', filename: 'd.json', code: dashboard([promPanel(1, [], { datasource: { type: 'mysql', uid: '$db' }, targets: [{ refId: 'A', rawSql: 'select x_total' }] })]) },
    { name: 'non-string expr', filename: 'd.json', code: dashboard([promPanel(1, [], { targets: [{ refId: 'A', expr: 42 }, 'junk', null] })]) },
  ],
  invalid: [
    {
      name: 'raw counters, located at the metric name',
      filename: 'd.json',
      code: raw,
      errors: [
        {
          messageId: 'raw',
          message: 'Counter "http_requests_total" in panel "Panel A" is used raw: it only ever goes up (and resets on restart); wrap it in rate() or increase().',
          ...at(raw, 'http_requests_total'),
          endColumn: at(raw, 'http_requests_total').column + 'http_requests_total'.length,
        },
        { messageId: 'raw', message: /"x_seconds_sum"/, ...at(raw, 'x_seconds_sum') },
        { messageId: 'raw', message: /"x_seconds_count"/, ...at(raw, 'x_seconds_count') },
      ],
    },
    {
      name: 'a counter inside the default datasource, with variables',
      filename: 'd.json',
      code: dashboard([{ id: 1, type: 'stat', title: 'Total', targets: [{ refId: 'A', expr: '${prefix}_requests_total{job=~"$job"}' }] }]),
      errors: [{ messageId: 'raw', message: /Counter "\$\{prefix\}_requests_total"/ }],
    },
  ],
});
