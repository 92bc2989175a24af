import { RuleTester } from '@obslint/core';
import { alert, record, rulesFile } from '../test-fixtures.js';
import { rateRangeTooShort } from './index.js';

new RuleTester().run(rateRangeTooShort, {
  valid: [
    { filename: 'rules.yaml', code: rulesFile(alert('A', 'rate(x_total[5m]) > 1')) },
    { name: 'exactly 2× the scrape interval', filename: 'rules.yaml', code: rulesFile(alert('A', 'irate(x_total[1m]) > 1')) },
    { name: 'recording-rule inputs level:metric:ops', filename: 'rules.yaml', code: rulesFile(alert('A', 'rate(job:x_total:sum[30s]) > 1')) },
    { name: 'other functions', filename: 'rules.yaml', code: rulesFile(alert('A', 'max_over_time(x[10s]) > 1')) },
    { name: 'scrape interval setting', filename: 'rules.yaml', code: rulesFile(alert('A', 'rate(x_total[30s]) > 1')), settings: { scrapeInterval: '15s' } },
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'sum(rate(x_total[30s])) > 1')),
      errors: [{ messageId: 'short', line: 5, column: 32, endColumn: 35, message: 'Rule "A": `rate(…[30s])` covers fewer than 2 scrapes at the 30s scrape interval: it returns nothing after one missed scrape. Use a range of at least 1m.' }],
    },
    { name: 'recording rules too', filename: 'rules.yaml', code: rulesFile(record('job:x:rate', 'sum by (job) (increase(x_total[45s])) ')), errors: [{ messageId: 'short', line: 5 }] },
    { name: 'option factor', filename: 'rules.yaml', code: rulesFile(alert('A', 'rate(x_total[1m]) > 1')), options: { factor: 4 }, errors: [{ message: /at least 2m/ }] },
  ],
});
