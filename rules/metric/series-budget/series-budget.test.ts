import { RuleTester } from '@obslint/core';
import { seriesBudget } from './index.js';
import { userIdSnapshot } from '../fixtures/test-helpers.js';

const acceptance = userIdSnapshot();
const many = (n: number, labels: (i: number) => string) => Array.from({ length: n }, (_, i) => `app_x_total{${labels(i)}} 1`).join('\n') + '\n';

new RuleTester().run(seriesBudget, {
  valid: [
    { name: 'within budget', filename: 'm.prom', code: many(100, (i) => `code="${i}"`) },
    { name: 'histogram buckets are structure', filename: 'm.prom', code: '# TYPE h_seconds histogram\n' + Array.from({ length: 200 }, (_, i) => `h_seconds_bucket{le="${i}"} 1`).join('\n') + '\n' },
    { name: 'options', filename: 'm.prom', code: many(200, (i) => `code="${i}"`), options: { maxValues: 500, maxSeries: 500 } },
  ],
  invalid: [
    {
      name: 'issue 5 acceptance: names the label and the count, at the first offending sample',
      filename: 'big.prom',
      code: acceptance.code,
      errors: [
        {
          messageId: 'tooManyValues',
          message: 'Metric "api_requests_total" exposes 5,000 series; label "user_id" has 5,000 distinct values (max 100). Drop or bucket that label.',
          line: acceptance.line,
          column: acceptance.column,
          endColumn: acceptance.endColumn,
        },
      ],
    },
    {
      name: 'series over budget through a product of small labels',
      filename: 'm.prom',
      code: many(1200, (i) => `a="${i % 40}",b="${Math.floor(i / 40)}"`),
      errors: [{ messageId: 'tooManySeries', message: 'Metric "app_x_total" exposes 1,200 series (budget 1,000); its worst label is "a" with 40 distinct values.', line: 1, column: 13 }],
    },
    { name: 'maxSeries option', filename: 'm.prom', code: many(3, (i) => `a="${i}"`), options: { maxSeries: 2 }, errors: [{ messageId: 'tooManySeries' }] },
  ],
});
