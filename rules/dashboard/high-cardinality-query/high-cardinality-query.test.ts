import { RuleTester } from '@obslint/core';
import { at, dashboard, promPanel } from '../fixtures/build.js';
import { highCardinalityQuery } from './index.js';

const bad = dashboard([promPanel(1, ['sum by (route, user_id) (rate(x_total{path=~"/api/.*"}[5m]))', 'count({__name__=~".+"})'])]);

new RuleTester().run(highCardinalityQuery, {
  valid: [
    { name: 'without (...) removing the labels', filename: 'd.json', code: dashboard([promPanel(1, ['sum without (user_id, instance) (rate(x_total[5m]))'])]) },
    { name: 'count by (user_id) inside count(...)', filename: 'd.json', code: dashboard([promPanel(1, ['count(count by (user_id) (x_total))', 'sum by (job) (count by (job, user_id) (x_total))'])]) },
    { name: 'topk bounds the result', filename: 'd.json', code: dashboard([promPanel(1, ['topk(10, sum by (user_id) (rate(x_total[5m])))'])]) },
    { name: 'multi-value variable matcher', filename: 'd.json', code: dashboard([promPanel(1, ['sum(rate(x_total{path=~"$path", url=~"${url:regex}"}[5m]))'])]) },
    { name: 'match-everything next to a metric name', filename: 'd.json', code: dashboard([promPanel(1, ['up{job=~".*"}'])]) },
    { name: 'exact matchers and bounded labels', filename: 'd.json', code: dashboard([promPanel(1, ['sum by (route) (x_total{user_id="42", code=~"5.."})'])]) },
    { name: 'allowed label', filename: 'd.json', code: dashboard([promPanel(1, ['sum by (account) (x)'])]), options: { allow: ['account'] } },
    {
      name: 'custom list without user_id and path',
      filename: 'd.json',
      code: dashboard([promPanel(1, ['sum by (route, user_id) (rate(x_total{path=~"/api/.*"}[5m]))'])]),
      settings: { highCardinalityLabels: ['pod_uid'] },
    },
  ],
  invalid: [
    {
      name: 'group by, regex on an unbounded label, match-everything selector',
      filename: 'd.json',
      code: bad,
      errors: [
        {
          messageId: 'groupBy',
          message: 'Panel "Panel A" groups by "user_id", an unbounded label: one series per value overloads Prometheus and the panel. Aggregate it away or use topk().',
          ...at(bad, 'user_id'),
        },
        { messageId: 'regex', message: /matches the unbounded label "path" with a regex/, ...at(bad, 'path=~') },
        { messageId: 'matchAll', message: 'Panel "Panel A" selects {__name__=~\".+\"}: every series in Prometheus. Name a metric or match a bounded label exactly.', ...at(bad, '{__name__') },
      ],
    },
    {
      name: 'settings list (case-insensitive)',
      filename: 'd.json',
      code: dashboard([promPanel(1, ['sum by (Pod_UID) (x)'])]),
      settings: { highCardinalityLabels: ['pod_uid'] },
      errors: [{ messageId: 'groupBy', message: /"Pod_UID"/ }],
    },
    {
      name: 'label survives an outer by (...) that keeps it',
      filename: 'd.json',
      code: dashboard([promPanel(1, ['max by (user_id) (sum by (user_id, job) (x))'])]),
      errors: [{ messageId: 'groupBy' }, { messageId: 'groupBy' }],
    },
  ],
});
